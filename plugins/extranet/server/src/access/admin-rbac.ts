/**
 * Admin RBAC for the Extranet pages (SPEC §9). The route policies check that the editor holds the
 * action at all; here its conditions ("Manager of the workgroup") become a query on workgroups,
 * through Strapi's permissions manager, as content-releases does.
 */
import type { Core } from '@strapi/strapi';
import { WORKGROUP_UID } from '../constants';
import { forbidden, notFound } from '../errors';
import { ACTIONS } from '../../../shared/permissions';
import type { Filter } from './rule';
import { toWorkgroup, WORKGROUP_FIELDS } from '../services/workgroup-access';
import { permissionService, type Ability } from './types';

/**
 * A request of the admin panel's routes: admin authentication has run, so its state names the
 * editor and its ability (Koa leaves the state untyped).
 */
interface AdminContext {
  state: { user: { id: number }; userAbility?: Ability };
}

export type WorkgroupAction = typeof ACTIONS.workgroupsRead | typeof ACTIONS.workgroupsManage;

/**
 * The workgroups the editor may reach with `action`: null when it may not at all, `{}` when it
 * may reach every workgroup, otherwise a filter (e.g. `{ managers: { id: { $eq: 7 } } }`).
 */
export const workgroupReach = (
  strapi: Core.Strapi,
  ctx: AdminContext,
  action: WorkgroupAction,
): Filter | null => {
  const ability = ctx.state?.userAbility;
  if (!ability) return null;
  const manager = permissionService(strapi).createPermissionsManager({
    ability,
    action,
    model: WORKGROUP_UID,
  });
  const query = manager.getQuery(action);
  return query === null || query === undefined ? null : query;
};

export const isWholeReach = (reach: Filter | null) => !!reach && Object.keys(reach).length === 0;

/** The editor's user id (a Strapi admin user). */
export const adminUserId = (ctx: AdminContext): number => ctx.state.user.id;

/**
 * The workgroup `documentId` as the editor may see it (404 outside its read reach, exactly like a
 * missing one), and whether it may manage it (`manage: true` answers 403 when it may not).
 */
export const loadReachableWorkgroup = async (
  strapi: Core.Strapi,
  ctx: AdminContext,
  documentId: string,
  { manage }: { manage: boolean },
) => {
  const read = workgroupReach(strapi, ctx, ACTIONS.workgroupsRead);
  if (!read || typeof documentId !== 'string') throw notFound('Workgroup not found');
  const query = strapi.db.query(WORKGROUP_UID);
  const row = await query.findOne({ select: WORKGROUP_FIELDS, where: { $and: [{ documentId }, read] } });
  if (!row) throw notFound('Workgroup not found');
  const manageReach = workgroupReach(strapi, ctx, ACTIONS.workgroupsManage);
  const canManage =
    !!manageReach &&
    (isWholeReach(manageReach) ||
      !!(await query.findOne({ select: ['id'], where: { $and: [{ id: row.id }, manageReach] } })));
  if (manage && !canManage) throw forbidden('You may not manage this workgroup');
  return {
    workgroup: toWorkgroup(row),
    canManage,
  };
};
