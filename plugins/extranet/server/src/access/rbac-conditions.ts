/**
 * Content editors (Strapi admin users) are limited by RBAC, not by the extranet rule: these
 * conditions let an admin role reach only the rows of the workgroups its users manage.
 */
import type { Core } from '@strapi/strapi';
import { PLUGIN_UID_PREFIX, WORKGROUP_UID } from '../constants';
import { forbidden } from '../errors';
import { asSystem } from './system';
import { permissionService, requestState } from './types';

/**
 * Either condition may be put on workgroups or on scoped items (the engine passes the permission
 * being evaluated): on a workgroup it reads its own `managers`, on an item its workgroup's. The
 * plugin's own actions (the Extranet pages, SPEC §9) have no subject: they are about workgroups.
 */
const onWorkgroups = (permission?: { subject?: string | null; action?: string }) =>
  permission?.subject === WORKGROUP_UID ||
  (!permission?.subject && String(permission?.action ?? '').startsWith(PLUGIN_UID_PREFIX));
const managedBy = (adminUser: { id: number; permission?: { subject?: string | null; action?: string } }) =>
  onWorkgroups(adminUser.permission)
    ? { 'managers.id': { $eq: adminUser.id } }
    : { 'workgroup.managers.id': { $eq: adminUser.id } };

export const rbacConditions = [
  {
    displayName: "Member of the item's workgroup",
    name: 'workgroup-member',
    plugin: 'extranet',
    category: 'Extranet',
    handler: managedBy,
  },
  {
    displayName: 'Manager of the workgroup',
    name: 'workgroup-manager',
    plugin: 'extranet',
    category: 'Extranet',
    handler: managedBy,
  },
];

export const registerRbacConditions = async (strapi: Core.Strapi) => {
  const { conditionProvider: provider } = permissionService(strapi);
  for (const condition of rbacConditions) {
    if (!provider.has(`plugin::extranet.${condition.name}`)) provider.register(condition);
  }
};

const CM_ACTIONS: Record<string, string> = {
  create: 'plugin::content-manager.explorer.create',
  clone: 'plugin::content-manager.explorer.create',
  update: 'plugin::content-manager.explorer.update',
};

/**
 * Strapi checks an editor's conditions against the stored row only: this checks the row as it
 * will be written, so an editor limited to its workgroups cannot move or create an item into a
 * workgroup it does not manage.
 */
export const assertEditorMayWrite = async (
  strapi: Core.Strapi,
  uid: string,
  action: string,
  workgroupId: number | null,
) => {
  const ability = requestState(strapi)?.userAbility;
  const cmAction = CM_ACTIONS[action];
  if (!ability || !cmAction) return;
  const workgroup = workgroupId
    ? await asSystem(() =>
        strapi.db.query(WORKGROUP_UID).findOne({
          select: ['id', 'documentId'],
          where: { id: workgroupId },
          populate: { managers: { select: ['id'] } },
        }),
      )
    : null;
  const manager = permissionService(strapi).createPermissionsManager({
    ability,
    model: uid,
  });
  const subject = manager.toSubject({ workgroup }, uid);
  if (ability.cannot(cmAction, subject))
    throw forbidden('You do not manage the workgroup this item would belong to');
};
