import { factories } from '@strapi/strapi';
import { envelope, validate, yup, trimmedString } from './validate';

const topics = () => strapi.plugin('extranet').service('topics');
const fields = {
  description: trimmedString().max(2000).nullable(),
  sort: yup.number().integer().min(0).max(100000),
};
const createSchema = yup.object({ name: trimmedString().min(1).max(120).required(), ...fields }).noUnknown(true, 'unknown field: ${unknown}');
const updateSchema = yup.object({ name: trimmedString().min(1).max(120), ...fields }).noUnknown(true, 'unknown field: ${unknown}');

export default factories.createCoreController('plugin::extranet.topic' as any, () => ({
  async create(ctx: any) {
    const input = await validate<any>(createSchema, await envelope(ctx.request.body));
    ctx.status = 201;
    return this.transformResponse(await this.sanitizeOutput(await topics().create(input), ctx));
  },

  async update(ctx: any) {
    const input = await validate<any>(updateSchema, await envelope(ctx.request.body));
    return this.transformResponse(await this.sanitizeOutput(await topics().update(ctx.params.id, input), ctx));
  },

  async delete(ctx: any) {
    await topics().remove(ctx.params.id);
    ctx.status = 204;
  },
}));
