/**
 * What a real company grants (README "Permissions"): employees work on every demo type;
 * partners work on the extranet types only, never on announcements, users or roles.
 * Never grant `user.update`, `user.find` or `role.*` to Extranet: PUT /api/users/:id writes `role`.
 */
const crud = (uid: string, actions: string[]) => actions.map((a) => `${uid}.${a}`);

export const EMPLOYEE_PERMISSIONS = [
  ...['document', 'task', 'event', 'post'].flatMap((t) => crud(`api::${t}.${t}`, ['find', 'findOne', 'create', 'update', 'delete'])),
  ...crud('api::ticket.ticket', ['find', 'findOne', 'create', 'update']),
  ...crud('api::announcement.announcement', ['find', 'findOne']),
  'plugin::upload.content-api.upload',
];

export const EXTRANET_PERMISSIONS = [
  ...['document', 'task', 'post'].flatMap((t) => crud(`api::${t}.${t}`, ['find', 'findOne', 'create', 'update'])),
  ...crud('api::event.event', ['find', 'findOne']),
  ...crud('api::ticket.ticket', ['find', 'findOne', 'create']),
  'plugin::upload.content-api.upload',
  'plugin::users-permissions.user.me',
  'plugin::users-permissions.auth.changePassword',
];
