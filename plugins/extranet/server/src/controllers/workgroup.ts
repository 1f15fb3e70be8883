import { factories } from '@strapi/strapi';
import { currentPrincipal } from '../access/principal';
import { validateCreateWorkgroupBody, validateUpdateWorkgroupBody } from './validation/workgroup';
import { getService } from '../utils';


/** Reads are Strapi's own (validate, sanitize, paginate; the query engine scopes them); writes are the service's. */
export default factories.createCoreController('plugin::extranet.workgroup' as any, () => ({
  async create(ctx: any) {
    const input = await validateCreateWorkgroupBody(ctx.request.body);
    const workgroup = await getService('workgroup').createByUser(await currentPrincipal(strapi), input);
    ctx.status = 201;
    return this.transformResponse(await this.sanitizeOutput(workgroup, ctx));
  },

  async update(ctx: any) {
    const input = await validateUpdateWorkgroupBody(ctx.request.body);
    const { workgroup, principal } = await getService('workgroup-access').require(ctx.params.id, 'edit');
    return this.transformResponse(await this.sanitizeOutput(await getService('workgroup').edit(workgroup, principal, input), ctx));
  },

  async delete(ctx: any) {
    const { workgroup } = await getService('workgroup-access').require(ctx.params.id, 'remove');
    await getService('workgroup').deleteWithBoundRows(workgroup);
    ctx.status = 204;
  },

  async archive(ctx: any) {
    const { workgroup, principal } = await getService('workgroup-access').require(ctx.params.id, 'archive');
    return this.transformResponse(await this.sanitizeOutput(await getService('workgroup').setArchived(workgroup, principal, true), ctx));
  },

  async unarchive(ctx: any) {
    const { workgroup, principal } = await getService('workgroup-access').require(ctx.params.id, 'archive');
    return this.transformResponse(await this.sanitizeOutput(await getService('workgroup').setArchived(workgroup, principal, false), ctx));
  },
}));
