import type Koa from 'koa';
import { currentPrincipal } from '../access/principal';
import { numericId, pageParams, validate, yup } from './validate';
import { validateMessageBody } from './validation/message';
import { getService } from '../utils';
import { viewAsOf } from '../access/acting-as';
import { forbidden } from '../errors';

const messages = () => getService('message');

export default {
  async send(ctx: Koa.Context) {
    const { to, body } = await validateMessageBody(ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: await messages().send(await currentPrincipal(strapi), to, body), meta: {} };
  },

  async conversation(ctx: Koa.Context) {
    // Messages stay private to their two participants, extranet admins included: view-as (SPEC §10) does not open them.
    if (viewAsOf(ctx)) throw forbidden('X-Extranet-View-As: messages are private to their participants');
    const { with: withId } = await validate<{ with: number }>(yup.object({ with: numericId().required() }), {
      with: ctx.query.with,
    });
    const { page, pageSize } = await pageParams(ctx.query, { pageSize: 50 });
    const { results, pagination } = await messages().conversation(
      await currentPrincipal(strapi),
      withId,
      page,
      pageSize,
    );
    ctx.body = { data: results, meta: { pagination } };
  },
};
