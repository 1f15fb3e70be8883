import { ACTIONS } from '../../shared/permissions';

const permission = (action: string) => [{ action, subject: null }];

/** The RBAC actions of SPEC §9, as the admin's `useRBAC` and `Page.Protect` take them. */
export const PERMISSIONS = {
  main: permission(ACTIONS.workgroupsRead),
  workgroups: {
    read: permission(ACTIONS.workgroupsRead),
    manage: permission(ACTIONS.workgroupsManage),
  },
  people: permission(ACTIONS.peopleManage),
  topics: permission(ACTIONS.topicsManage),
  governance: permission(ACTIONS.governanceRead),
  all: [
    ...permission(ACTIONS.workgroupsRead),
    ...permission(ACTIONS.workgroupsManage),
    ...permission(ACTIONS.peopleManage),
    ...permission(ACTIONS.topicsManage),
  ],
};

export const ADMIN_API = '/extranet/manage';
