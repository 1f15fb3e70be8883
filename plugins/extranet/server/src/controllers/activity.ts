import type Koa from 'koa';
import type { GetActivityFeed, GetWorkgroupActivity } from '../../../shared/contracts/activity';
import { pageParams } from './validate';
import { getService } from '../utils';

export default {
  async list(ctx: Koa.Context) {
    const { page, pageSize } = await pageParams(ctx.query);
    const { results, pagination } = await getService('activity').list({ page, pageSize });
    ctx.body = { data: results, meta: { pagination } } satisfies GetActivityFeed.Response;
  },

  async listForWorkgroup(ctx: Koa.Context) {
    const { page, pageSize } = await pageParams(ctx.query);
    const { workgroup } = await getService('workgroup-access').load(ctx.params.id);
    const { results, pagination } = await getService('activity').list({
      workgroupId: workgroup.id,
      page,
      pageSize,
    });
    ctx.body = { data: results, meta: { pagination } } satisfies GetWorkgroupActivity.Response;
  },
};
