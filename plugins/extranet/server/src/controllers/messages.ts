import { currentPrincipal } from '../access/principal';
import { viewAsOf } from '../access/acting-as';
import { forbidden } from '../errors';
import { numericId, pageParams, validate, yup, trimmedString } from './validate';

const messages = () => strapi.plugin('extranet').service('messages');
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
    // Messages stay private to their two participants, extranet admins included: view-as (SPEC §10) does not open them.
    if (viewAsOf(ctx)) throw forbidden('X-Extranet-View-As: messages are private to their participants');
    const { with: withId } = await validate<{ with: number }>(yup.object({ with: numericId().required() }), { with: ctx.query.with });
    const { page, pageSize } = await pageParams(ctx.query, { pageSize: 50 });
    const { results, pagination } = await messages().conversation(await currentPrincipal(strapi), withId, page, pageSize);
    ctx.body = { data: results, meta: { pagination } };
  },
};
