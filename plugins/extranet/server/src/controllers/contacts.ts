import { currentPrincipal } from '../access/principal';
import { viewAsOf } from '../access/acting-as';
import { validate, yup } from './validate';

export default {
  async list(ctx: any) {
    const { limit } = await validate<{ limit: number }>(yup.object({ limit: yup.number().integer().min(1).max(100).default(20) }), { limit: ctx.query.limit });
    const principal = await currentPrincipal(strapi);
    ctx.body = { data: await strapi.plugin('extranet').service('people').contacts(principal, limit, { withoutMessages: !!viewAsOf(ctx) }), meta: { limit } };
  },
};
