export default {
  async show(ctx: any) {
    ctx.body = { data: await strapi.plugin('extranet').service('seats').usage(), meta: {} };
  },
};
