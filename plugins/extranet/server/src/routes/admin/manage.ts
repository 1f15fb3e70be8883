/**
 * The admin panel's JSON API, `/extranet/manage/...` (SPEC §9). Every route needs a signed-in
 * admin user holding the action; the "Manager of the workgroup" condition is applied by the
 * controllers (access/admin-rbac.ts): a workgroup outside the editor's reach answers 404.
 */
import { ACTIONS } from '../../../../shared/permissions';

const route = (
  method: string,
  path: string,
  handler: string,
  action: string,
  middlewares: unknown[] = [],
) => ({
  method,
  path: `/manage${path}`,
  handler: `admin-${handler}`,
  config: {
    policies: [
      'admin::isAuthenticatedAdmin',
      { name: 'admin::hasPermissions', config: { actions: [action] } },
    ],
    ...(middlewares.length ? { middlewares } : {}),
  },
});

const {
  workgroupsRead: read,
  workgroupsManage: manage,
  peopleManage: people,
  topicsManage: topics,
  governanceRead: governance,
} = ACTIONS;

export default [
  route('GET', '/workgroups', 'workgroup.find', read),
  route('POST', '/workgroups', 'workgroup.create', manage),
  route('GET', '/workgroups/:id', 'workgroup.findOne', read),
  route('PUT', '/workgroups/:id', 'workgroup.update', manage),
  route('DELETE', '/workgroups/:id', 'workgroup.delete', manage),
  route('POST', '/workgroups/:id/archive', 'workgroup.archive', manage),
  route('POST', '/workgroups/:id/unarchive', 'workgroup.unarchive', manage),
  route('PUT', '/workgroups/:id/managers', 'workgroup.setManagers', manage),
  route('GET', '/admin-users', 'workgroup.adminUsers', manage),
  route('GET', '/users', 'workgroup.users', manage),

  route('GET', '/workgroups/:id/members', 'members.find', read),
  route('PUT', '/workgroups/:id/members/:userId', 'members.update', manage),
  route('DELETE', '/workgroups/:id/members/:userId', 'members.remove', manage),
  route('POST', '/workgroups/:id/members/:userId/confirm', 'members.confirm', manage),

  route('GET', '/workgroups/:id/invitations', 'invitations.find', read),
  // SPEC §12: invitations sent, per inviting (admin) user.
  route('POST', '/workgroups/:id/invitations', 'invitations.create', manage, [
    { name: 'plugin::extranet.rate-limit', config: { limit: 'invite', admin: true } },
  ]),
  route('DELETE', '/invitations/:id', 'invitations.cancel', manage),
  route('POST', '/invitations/:id/resend', 'invitations.resend', manage),

  route('GET', '/workgroups/:id/activity', 'overview.activity', read),
  route('GET', '/seats', 'overview.seats', read),
  route('GET', '/items/:uid/:documentId/audience', 'overview.itemAudience', read),
  route('GET', '/report', 'report.show', governance),

  route('GET', '/people', 'people.find', people),
  route('PUT', '/people/:userId', 'people.update', people),
  route('PUT', '/people/:userId/access', 'people.setAccess', people),
  route('POST', '/people/:userId/block', 'people.block', people),
  route('POST', '/people/:userId/unblock', 'people.unblock', people),
  route('DELETE', '/people/:userId', 'people.delete', people),

  route('GET', '/topics', 'topics.find', read),
  route('POST', '/topics', 'topics.create', topics),
  route('PUT', '/topics/:id', 'topics.update', topics),
  route('DELETE', '/topics/:id', 'topics.delete', topics),
];
