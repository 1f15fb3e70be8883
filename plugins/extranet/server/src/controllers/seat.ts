import type Koa from 'koa';
import type { GetSeats } from '../../../shared/contracts/seats';
import { getService } from '../utils';
export default {
  async show(ctx: Koa.Context) {
    ctx.body = { data: await getService('seat').usage(), meta: {} } satisfies GetSeats.Response;
  },
};
