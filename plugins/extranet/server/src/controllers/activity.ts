import { pageParams } from './validate';

const service = (name: string) => strapi.plugin('extranet').service(name);

export default {
  async list(ctx: any) {
    const { page, pageSize } = await pageParams(ctx.query);
    const { results, pagination } = await service('activity').list({ page, pageSize });
    ctx.body = { data: results, meta: { pagination } };
  },

  async listForWorkgroup(ctx: any) {
    const { page, pageSize } = await pageParams(ctx.query);
    const { workgroup } = await service('workgroup-access').load(ctx.params.id);
    const { results, pagination } = await service('activity').list({ workgroupId: workgroup.id, page, pageSize });
    ctx.body = { data: results, meta: { pagination } };
  },
};
