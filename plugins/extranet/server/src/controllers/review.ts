import type Koa from 'koa';
import type { CloseReview, DecideReview, GetReview, OpenReview } from '../../../shared/contracts/reviews';
import { currentPrincipal } from '../access/principal';
import { invalidField } from '../errors';
import { numericId, strictObject, validate, yup } from './validate';
import { getService } from '../utils';

const openSchema = strictObject({ dueAt: yup.date().typeError('must be a date') });
const decisionSchema = strictObject({
  userId: numericId().required(),
  keep: yup.boolean().strict().required(),
});

/** SPEC §10 access reviews: open on a workgroup, show, decide per person, close. */
export default {
  async open(ctx: Koa.Context) {
    const { dueAt } = await validate<{ dueAt?: Date }>(openSchema, ctx.request.body ?? {});
    const { workgroup, principal, role } = await getService('workgroup-access').load(ctx.params.id);
    ctx.status = 201;
    ctx.body = {
      data: await getService('review').open(workgroup, principal, role, dueAt ?? null),
      meta: {},
    } satisfies OpenReview.Response;
  },

  async show(ctx: Koa.Context) {
    if (typeof ctx.params.id !== 'string') throw invalidField('id', 'is a review documentId');
    ctx.body = {
      data: await getService('review').show(ctx.params.id, await currentPrincipal(strapi)),
      meta: {},
    } satisfies GetReview.Response;
  },

  async decide(ctx: Koa.Context) {
    const { userId, keep } = await validate<{ userId: number; keep: boolean }>(
      decisionSchema,
      ctx.request.body ?? {},
    );
    ctx.body = {
      data: await getService('review').decide(ctx.params.id, await currentPrincipal(strapi), userId, keep),
      meta: {},
    } satisfies DecideReview.Response;
  },

  async close(ctx: Koa.Context) {
    ctx.body = {
      data: await getService('review').closeByHand(ctx.params.id, await currentPrincipal(strapi)),
      meta: {},
    } satisfies CloseReview.Response;
  },
};
