import type Koa from 'koa';
import { USER_UID, WORKGROUP_UID } from '../../constants';
import { invalidField, notFound } from '../../errors';
import {
  adminUserId,
  contentManagerReach,
  loadReachableWorkgroup,
  workgroupReach,
} from '../../access/admin-rbac';
import type { ExtranetConfig } from '../../config';
import type { Filter } from '../../access/rule';
import { ACTIONS } from '../../../../shared/permissions';
import type {
  GetExplanation,
  GetGovernancePeople,
  GetViewAsWorkgroup,
} from '../../../../shared/contracts/governance';
import { numericId, strictObject, trimmedString, validate, yup } from '../validate';
import { editorHandlers } from './service';
import { getService } from '../../utils';

const explainSchema = strictObject({
  user: numericId().required(),
  type: yup.string().strict().required(),
  documentId: yup.string().strict().max(64).required(),
});
const viewAsSchema = strictObject({ user: numericId().required() });
const peopleSchema = strictObject({ q: trimmedString().max(120) });

/** "Why?" and "View as…" on the Extranet pages (SPEC §10), under `governance-read`. */
export default editorHandlers({
  /**
   * GET /extranet/manage/explain?user=&type=&documentId= — the same explanation as the API's,
   * for an item the editor can read in the content manager (404 otherwise, like a missing one)
   * and, under "Manager of the workgroup", of a workgroup it manages.
   */
  async explain(ctx: Koa.Context) {
    const query = await validate<{ user: number; type: string; documentId: string }>(
      explainSchema,
      ctx.query ?? {},
    );
    if (!(strapi.config.get('plugin::extranet') as ExtranetConfig).scoped[query.type]) {
      throw invalidField('type', 'is not a content type under the extranet rule');
    }
    const cmReach = contentManagerReach(strapi, ctx, query.type);
    const reach = workgroupReach(strapi, ctx, ACTIONS.governanceRead);
    if (!cmReach || !reach) throw notFound('Item not found');
    const clauses: Filter[] = [{ documentId: query.documentId }, cmReach];
    if (Object.keys(reach).length > 0) {
      const config = (strapi.config.get('plugin::extranet') as ExtranetConfig).scoped[query.type];
      // Owner-mode items belong to no workgroup: nothing an editor limited to its workgroups reaches.
      clauses.push(config.mode === 'workgroup' ? { workgroup: reach } : { id: { $in: [] } });
    }
    const visible = await strapi.db
      .query(query.type as any)
      .findOne({ select: ['id'], where: { $and: clauses } });
    if (!visible) throw notFound('Item not found');
    ctx.body = {
      data: await getService('explain').explain(query.user, query.type, query.documentId),
    } satisfies GetExplanation.Response;
  },

  /** GET /extranet/manage/governance/people?q= — people to explain or view as (20 at most, blocked ones too). */
  async people(ctx: Koa.Context) {
    const { q } = await validate<{ q?: string }>(peopleSchema, ctx.query ?? {});
    const { results } = await getService('people').search({ q, kind: 'all', page: 1, pageSize: 20 });
    ctx.body = {
      data: results.map((p) => ({
        id: p.id,
        username: p.username,
        email: p.email,
        firstname: p.firstname ?? null,
        lastname: p.lastname ?? null,
        kind: p.kind,
        blocked: !!p.blocked,
      })),
    } satisfies GetGovernancePeople.Response;
  },

  /**
   * GET /extranet/manage/workgroups/:id/view-as?user= — what that person would read of the
   * workgroup (their real reads, under their principal and role). Recorded in the activity.
   */
  async viewAsWorkgroup(ctx: Koa.Context) {
    const { user } = await validate<{ user: number }>(viewAsSchema, ctx.query ?? {});
    const { workgroup } = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, { manage: false });
    // The workgroups `governance-read` reaches (the route's policy already requires the action).
    const reach = workgroupReach(strapi, ctx, ACTIONS.governanceRead);
    if (!reach) throw notFound('Workgroup not found');
    if (Object.keys(reach).length > 0) {
      const within = await strapi.db
        .query(WORKGROUP_UID)
        .findOne({ select: ['id'], where: { $and: [{ id: workgroup.id }, reach] } });
      if (!within) throw notFound('Workgroup not found');
    }
    const view = await getService('view-as').workgroup(workgroup, user);
    const target = { id: view.user.id, documentId: await userDocumentId(view.user.id) };
    await getService('view-as').record({
      adminId: null,
      adminUserId: adminUserId(ctx),
      target,
      path: `workgroup ${workgroup.documentId} (${workgroup.name}) from the admin panel`,
    });
    ctx.body = { data: view } satisfies GetViewAsWorkgroup.Response;
  },
});

const userDocumentId = async (id: number): Promise<string> =>
  (await strapi.db.query(USER_UID).findOne({ select: ['documentId'], where: { id } }))?.documentId;
