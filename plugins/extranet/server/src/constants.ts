export const PLUGIN = 'extranet';
/** What every uid of the plugin (types, policies, middlewares, actions) starts with. */
export const PLUGIN_UID_PREFIX = `plugin::${PLUGIN}.`;
export const USER_UID = 'plugin::users-permissions.user';
export const UPLOAD_FILE_UID = 'plugin::upload.file';
export const UPLOAD_FOLDER_UID = 'plugin::upload.folder';
export const ADMIN_USER_UID = 'admin::user';
/** The content manager's actions the doors ask an editor's ability about. */
export const CM_ACTIONS = {
  read: 'plugin::content-manager.explorer.read',
  create: 'plugin::content-manager.explorer.create',
  update: 'plugin::content-manager.explorer.update',
} as const;
export const ROLE_UID = 'plugin::users-permissions.role';
export const PERMISSION_UID = 'plugin::users-permissions.permission';

export const WORKGROUP_UID = 'plugin::extranet.workgroup';
export const MEMBERSHIP_UID = 'plugin::extranet.membership';
export const TOPIC_UID = 'plugin::extranet.topic';
export const INVITATION_UID = 'plugin::extranet.invitation';
export const ACCESS_GROUP_UID = 'plugin::extranet.access-group';
export const ACTIVITY_UID = 'plugin::extranet.activity';
export const MESSAGE_UID = 'plugin::extranet.message';
export const REVIEW_UID = 'plugin::extranet.review';
export const REVIEW_DECISION_UID = 'plugin::extranet.review-decision';
export const OUTBOX_UID = 'plugin::extranet.outbox-mail';
export const NOTIFICATION_SETTING_UID = 'plugin::extranet.notification-setting';

/** The users-permissions role that makes a user an external (SPEC §2). */
export const EXTRANET_ROLE = { name: 'Extranet', type: 'extranet' } as const;

export const ACCESS_GROUPS = [
  { key: 'extranet-users', name: 'Extranet users' },
  { key: 'extranet-admins', name: 'Extranet site administrators' },
  { key: 'group-creators', name: 'Allowed to create extranet groups' },
  { key: 'extranet-support', name: 'Extranet support' },
] as const;

export type AccessGroupKey = (typeof ACCESS_GROUPS)[number]['key'];
