/**
 * /api/extranet/... — granted at bootstrap to the Authenticated and Extranet roles (SPEC §6);
 * each route applies the rule itself. Action ids are `plugin::extranet.<controller>.<action>`. A
 * `find` handler of a controller named after a content type (`workgroup.find`) also lets Strapi
 * populate that type: `invitation` and `message` have none, and memberships are never
 * populatable (`members.list`).
 */
const user = ['plugin::extranet.is-extranet-user'];
const inExtranet = ['plugin::extranet.has-extranet-access'];
const admin = ['plugin::extranet.is-extranet-admin'];
const route = (
  method: string,
  path: string,
  handler: string,
  policies: string[] = user,
  middlewares: unknown[] = [],
) => ({
  method,
  path,
  handler,
  config: { policies, ...(middlewares.length ? { middlewares } : {}) },
});
/** SPEC §12 rate limits (middlewares/rate-limit.ts), counted in the database on PostgreSQL. */
const limited = (limit: 'accept' | 'invite' | 'message') => [
  { name: 'plugin::extranet.rate-limit', config: { limit } },
];

export default {
  type: 'content-api',
  routes: [
    route('GET', '/me', 'me.show'),
    route('GET', '/me/notifications', 'notifications.show'),
    route('PUT', '/me/notifications', 'notifications.update'),
    route('POST', '/me/delete', 'account.delete'),
    route('GET', '/report', 'report.show', admin),
    route('GET', '/explain', 'explain.show', admin),

    route('GET', '/workgroups', 'workgroup.find'),
    route('GET', '/workgroups/:id', 'workgroup.findOne'),
    route('POST', '/workgroups', 'workgroup.create'),
    route('PUT', '/workgroups/:id', 'workgroup.update'),
    route('DELETE', '/workgroups/:id', 'workgroup.delete'),
    route('POST', '/workgroups/:id/archive', 'workgroup.archive'),
    route('POST', '/workgroups/:id/unarchive', 'workgroup.unarchive'),

    route('GET', '/workgroups/:id/members', 'members.list'),
    // Before '/members/:userId': 'me' is the caller, never a user id.
    route('DELETE', '/workgroups/:id/members/me', 'members.leave'),
    route('POST', '/workgroups/:id/members/:userId/renew', 'members.renew'),
    route('PUT', '/workgroups/:id/members/:userId', 'members.update'),
    route('DELETE', '/workgroups/:id/members/:userId', 'members.remove'),
    route('POST', '/workgroups/:id/members/:userId/confirm', 'members.confirm'),

    route('POST', '/workgroups/:id/reviews', 'review.open'),
    route('GET', '/reviews/:id', 'review.show'),
    route('POST', '/reviews/:id/decisions', 'review.decide'),
    route('POST', '/reviews/:id/close', 'review.close'),

    route('POST', '/workgroups/:id/invitations', 'invitation.create', user, limited('invite')),
    route('GET', '/workgroups/:id/invitations', 'invitation.list'),
    route('DELETE', '/invitations/:id', 'invitation.cancel'),
    route('POST', '/invitations/:id/resend', 'invitation.resend'),
    // Public: the token is the credential; rate-limited per client address and per token.
    {
      method: 'POST',
      path: '/invitations/accept',
      handler: 'invitation.accept',
      config: { auth: false, policies: [] as string[], middlewares: limited('accept') },
    },

    route('GET', '/workgroups/:id/activity', 'activity.listForWorkgroup'),
    route('GET', '/activity', 'activity.list'),

    route('GET', '/topics', 'topic.find'),
    route('GET', '/topics/:id', 'topic.findOne'),
    route('POST', '/topics', 'topic.create', admin),
    route('PUT', '/topics/:id', 'topic.update', admin),
    route('DELETE', '/topics/:id', 'topic.delete', admin),

    route('GET', '/contacts', 'contacts.list', inExtranet),
    route('POST', '/messages', 'message.send', user, limited('message')),
    route('GET', '/messages', 'message.conversation'),

    route('GET', '/seats', 'seat.show', admin),
    route('GET', '/externals', 'external.find', admin),
    route('PUT', '/externals/:userId', 'external.update', admin),
    route('POST', '/externals/:userId/block', 'external.block', admin),
    route('POST', '/externals/:userId/unblock', 'external.unblock', admin),
    route('DELETE', '/externals/:userId', 'external.delete', admin),
  ],
};
