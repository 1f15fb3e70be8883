import type Koa from 'koa';
import type { GetContacts } from '../../../shared/contracts/people';
import { currentPrincipal } from '../access/principal';
import { viewAsOf } from '../access/acting-as';
import { validate, yup } from './validate';
import { getService } from '../utils';

export default {
  async list(ctx: Koa.Context) {
    const { limit } = await validate<{ limit: number }>(
      yup.object({ limit: yup.number().integer().min(1).max(100).default(20) }),
      { limit: ctx.query.limit },
    );
    const principal = await currentPrincipal(strapi);
    ctx.body = {
      data: await getService('people').contacts(principal, limit, { withoutMessages: !!viewAsOf(ctx) }),
      meta: { limit },
    } satisfies GetContacts.Response;
  },
};
