import type Koa from 'koa';
import { notFound } from '../../errors';
import { loadReachableWorkgroup } from '../../access/admin-rbac';
import type { GetActivity } from '../../../../shared/contracts/activity';
import type { GetItemAudience } from '../../../../shared/contracts/items';
import type { GetSeats } from '../../../../shared/contracts/seats';
import { pageParams } from '../validate';
import { editorHandlers } from './service';
import { getService } from '../../utils';

const CM_READ = 'plugin::content-manager.explorer.read';

/** Seats, a workgroup's activity, and the content manager's side panel. */
export default editorHandlers({
  async seats(ctx: Koa.Context) {
    ctx.body = { data: await getService('seat').usage() } satisfies GetSeats.Response;
  },

  async activity(ctx: Koa.Context) {
    const { page, pageSize } = await pageParams(ctx.query);
    const { workgroup } = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, { manage: false });
    const { results, pagination } = await getService('activity').list({
      workgroupId: workgroup.id,
      page,
      pageSize,
    });
    ctx.body = {
      data: results.map((a: any) => ({
        documentId: a.documentId,
        type: a.type,
        extranet: a.extranet,
        summary: a.summary,
        createdAt: a.createdAt,
        actor: a.actor ?? null,
      })),
      meta: { pagination },
    } satisfies GetActivity.Response;
  },

  /** Who can read an item the editor can read in the content manager (else 404, like a missing one). */
  async itemAudience(ctx: Koa.Context) {
    const { uid, documentId } = ctx.params;
    const ability = (ctx.state as any).userAbility;
    if (!(strapi.config.get('plugin::extranet') as any).scoped[uid] || !ability)
      throw notFound('Item not found');
    const manager = (strapi.service('admin::permission') as any).createPermissionsManager({
      ability,
      action: CM_READ,
      model: uid,
    });
    const reach = manager.getQuery(CM_READ);
    if (!reach) throw notFound('Item not found');
    const visible = await strapi.db
      .query(uid as any)
      .findOne({ select: ['id'], where: { $and: [{ documentId }, reach] } });
    if (!visible) throw notFound('Item not found');
    ctx.body = {
      data: await getService('item-audience').describe(uid, documentId),
    } satisfies GetItemAudience.Response;
  },
});
