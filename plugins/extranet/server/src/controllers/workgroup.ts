import type Koa from 'koa';
import { factories } from '@strapi/strapi';
import { currentPrincipal } from '../access/principal';
import { validateCreateWorkgroupBody, validateUpdateWorkgroupBody } from './validation/workgroup';
import { getService } from '../utils';
import { WORKGROUP_UID } from '../constants';

/** Reads are Strapi's own (validate, sanitize, paginate; the query engine scopes them); writes are the service's. */
export default factories.createCoreController(WORKGROUP_UID, () => ({
  async create(ctx: Koa.Context) {
    const input = await validateCreateWorkgroupBody(ctx.request.body);
    const workgroup = await getService('workgroup').createByUser(await currentPrincipal(strapi), input);
    ctx.status = 201;
    return this.transformResponse!(await this.sanitizeOutput!(workgroup, ctx));
  },

  async update(ctx: Koa.Context) {
    const input = await validateUpdateWorkgroupBody(ctx.request.body);
    const { workgroup, principal } = await getService('workgroup-access').require(ctx.params.id, 'edit');
    return this.transformResponse!(
      await this.sanitizeOutput!(await getService('workgroup').edit(workgroup, principal, input), ctx),
    );
  },

  async delete(ctx: Koa.Context) {
    const { workgroup } = await getService('workgroup-access').require(ctx.params.id, 'remove');
    await getService('workgroup').deleteWithBoundRows(workgroup);
    ctx.status = 204;
  },

  async archive(ctx: Koa.Context) {
    const { workgroup, principal } = await getService('workgroup-access').require(ctx.params.id, 'archive');
    return this.transformResponse!(
      await this.sanitizeOutput!(await getService('workgroup').setArchived(workgroup, principal, true), ctx),
    );
  },

  async unarchive(ctx: Koa.Context) {
    const { workgroup, principal } = await getService('workgroup-access').require(ctx.params.id, 'archive');
    return this.transformResponse!(
      await this.sanitizeOutput!(await getService('workgroup').setArchived(workgroup, principal, false), ctx),
    );
  },
}));
