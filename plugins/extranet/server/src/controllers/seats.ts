import { getService } from '../utils';
export default {
  async show(ctx: any) {
    ctx.body = { data: await getService('seats').usage(), meta: {} };
  },
};
