/**
 * The admin RBAC actions of SPEC §9 (section "Plugins", plugin "extranet"). One list for the
 * server (registration, route policies) and the admin (menu link, page guards). Last segments
 * stay distinct: the admin's useRBAC keys actions by them.
 */
export const PLUGIN_ID = 'extranet';

export const ACTIONS = {
  workgroupsRead: 'plugin::extranet.workgroups-read',
  workgroupsManage: 'plugin::extranet.workgroups-manage',
  peopleManage: 'plugin::extranet.people-manage',
  topicsManage: 'plugin::extranet.topics-manage',
  governanceRead: 'plugin::extranet.governance-read',
} as const;

export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

export const ACTION_DEFINITIONS: Array<{ uid: string; displayName: string }> = [
  {
    uid: 'workgroups-read',
    displayName: 'Read workgroups, members, invitations, activity, seats and topics',
  },
  { uid: 'workgroups-manage', displayName: 'Manage workgroups, members and invitations' },
  { uid: 'people-manage', displayName: 'Manage externals and extranet groups of users' },
  { uid: 'topics-manage', displayName: 'Manage topics' },
  { uid: 'governance-read', displayName: 'Read the access report' },
];

/** The condition "Manager of the workgroup" (registered in access/rbac-conditions.ts). */
export const WORKGROUP_MANAGER_CONDITION = 'plugin::extranet.workgroup-manager';

/** Where the admin JSON API is served (admin-type routes live under /extranet). */
export const ADMIN_API = '/extranet/manage';
