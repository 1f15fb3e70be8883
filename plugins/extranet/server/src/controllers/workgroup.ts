import { factories } from '@strapi/strapi';
import { currentPrincipal } from '../access/principal';
import { envelope, validate, yup, trimmedString } from './validate';

const service = (name: string) => strapi.plugin('extranet').service(name);

const text = (max: number) => trimmedString().max(max).nullable();
const createSchema = yup.object({
  name: trimmedString().min(1).max(120).required(),
  topic: trimmedString().required(),
  extranet: yup.boolean().required(),
  description: text(5000),
  keywords: text(255),
}).noUnknown(true, 'unknown field: ${unknown}');
const updateSchema = yup.object({
  name: trimmedString().min(1).max(120),
  topic: trimmedString(),
  extranet: yup.boolean(),
  description: text(5000),
  keywords: text(255),
}).noUnknown(true, 'unknown field: ${unknown}');

/** Reads are Strapi's own (validate, sanitize, paginate; the query engine scopes them); writes are the service's. */
export default factories.createCoreController('plugin::extranet.workgroup' as any, () => ({
  async create(ctx: any) {
    const input = await validate<any>(createSchema, await envelope(ctx.request.body));
    const workgroup = await service('workgroups').create(await currentPrincipal(strapi), input);
    ctx.status = 201;
    return this.transformResponse(await this.sanitizeOutput(workgroup, ctx));
  },

  async update(ctx: any) {
    const input = await validate<any>(updateSchema, await envelope(ctx.request.body));
    const { workgroup, principal } = await service('workgroup-access').require(ctx.params.id, 'edit');
    return this.transformResponse(await this.sanitizeOutput(await service('workgroups').update(workgroup, principal, input), ctx));
  },

  async delete(ctx: any) {
    const { workgroup } = await service('workgroup-access').require(ctx.params.id, 'remove');
    await service('workgroups').remove(workgroup);
    ctx.status = 204;
  },

  async archive(ctx: any) {
    const { workgroup, principal } = await service('workgroup-access').require(ctx.params.id, 'archive');
    return this.transformResponse(await this.sanitizeOutput(await service('workgroups').setArchived(workgroup, principal, true), ctx));
  },

  async unarchive(ctx: any) {
    const { workgroup, principal } = await service('workgroup-access').require(ctx.params.id, 'archive');
    return this.transformResponse(await this.sanitizeOutput(await service('workgroups').setArchived(workgroup, principal, false), ctx));
  },
}));
