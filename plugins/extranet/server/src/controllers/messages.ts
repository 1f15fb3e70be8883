import { currentPrincipal } from '../access/principal';
import { numericId, pageParams, validate, yup, trimmedString } from './validate';
import { getService } from '../utils';

const messages = () => getService('messages');
const sendSchema = yup.object({
  to: numericId().required(),
  body: trimmedString().min(1).max(10000).required(),
}).noUnknown(true, 'unknown field: ${unknown}');

export default {
  async send(ctx: any) {
    const { to, body } = await validate<{ to: number; body: string }>(sendSchema, ctx.request.body ?? {});
    ctx.status = 201;
    ctx.body = { data: await messages().send(await currentPrincipal(strapi), to, body), meta: {} };
  },

  async conversation(ctx: any) {
    const { with: withId } = await validate<{ with: number }>(yup.object({ with: numericId().required() }), { with: ctx.query.with });
    const { page, pageSize } = await pageParams(ctx.query, { pageSize: 50 });
    const { results, pagination } = await messages().conversation(await currentPrincipal(strapi), withId, page, pageSize);
    ctx.body = { data: results, meta: { pagination } };
  },
};
