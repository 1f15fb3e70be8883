import type Koa from 'koa';
import { getService } from '../utils';
export default {
  async show(ctx: Koa.Context) {
    ctx.body = { data: await getService('seat').usage(), meta: {} };
  },
};
