/**
 * Builds people, topics, workgroups and items the way an administrator would, through Strapi's
 * own services (no request: trusted). Callers get a JWT issued by users-permissions.
 */
import type { Core } from '@strapi/strapi';

export type GroupKey = 'extranet-users' | 'extranet-admins' | 'group-creators' | 'extranet-support';
export const PASSWORD = 'Correct-horse-battery-9';

export interface TestUser {
  id: number;
  documentId: string;
  email: string;
  username: string;
  jwt: string;
  kind: 'employee' | 'external';
  groups: GroupKey[];
}

let sequence = 0;
const next = () => `${process.pid}-${++sequence}`;

export const roleId = async (strapi: Core.Strapi, type: string) =>
  (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } })).id;

export const groupId = async (strapi: Core.Strapi, key: GroupKey) =>
  (await strapi.db.query('plugin::extranet.access-group').findOne({ where: { key } })).id;

export const issueJwt = (strapi: Core.Strapi, id: number) =>
  strapi.plugin('users-permissions').service('jwt').issue({ id }) as string;

export async function createUser(
  strapi: Core.Strapi,
  options: { kind: 'employee' | 'external'; groups?: GroupKey[]; visibleToAllExtranet?: boolean; name?: string }
): Promise<TestUser> {
  const groups = options.groups ?? [];
  const username = options.name ?? `${options.kind}-${next()}`;
  const email = `${username}@${options.kind === 'external' ? 'partner' : 'northwind'}.example`;
  const user = await strapi.plugin('users-permissions').service('user').add({
    username,
    email,
    password: PASSWORD,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: await roleId(strapi, options.kind === 'external' ? 'extranet' : 'authenticated'),
    visibleToAllExtranet: !!options.visibleToAllExtranet,
    extranetGroups: await Promise.all(groups.map((g) => groupId(strapi, g))),
  });
  return { id: user.id, documentId: user.documentId, email, username, jwt: issueJwt(strapi, user.id), kind: options.kind, groups };
}

export const createTopic = (strapi: Core.Strapi, name = `Topic ${next()}`) =>
  strapi.documents('plugin::extranet.topic').create({ data: { name } });

export async function createWorkgroup(
  strapi: Core.Strapi,
  options: {
    extranet: boolean;
    topic?: { documentId: string };
    archived?: boolean;
    members?: Array<[TestUser, 'owner' | 'moderator' | 'member', ('active' | 'requested' | 'invited')?]>;
    name?: string;
  }
) {
  const topic = options.topic ?? (await createTopic(strapi));
  const workgroup = await strapi.documents('plugin::extranet.workgroup').create({
    data: {
      name: options.name ?? `Workgroup ${next()}`,
      extranet: options.extranet,
      archived: !!options.archived,
      topic: topic.documentId,
    } as any,
  });
  for (const [user, role, status = 'active'] of options.members ?? []) {
    await addMember(strapi, workgroup, user, role, status);
  }
  return workgroup;
}

export const addMember = (
  strapi: Core.Strapi,
  workgroup: { documentId: string },
  user: TestUser,
  role: 'owner' | 'moderator' | 'member' = 'member',
  status: 'active' | 'requested' | 'invited' = 'active'
) =>
  strapi.documents('plugin::extranet.membership').create({
    data: { workgroup: workgroup.documentId, user: user.id, role, status, joinedAt: new Date().toISOString() } as any,
  });

export const createItem = (
  strapi: Core.Strapi,
  uid: string,
  data: Record<string, unknown>,
  options: { status?: 'published' | 'draft' } = {}
) => strapi.documents(uid as any).create({ data: { title: `Item ${next()}`, ...data } as any, ...options });

export const bearer = (user: { jwt: string }) => ({ Authorization: `Bearer ${user.jwt}` });

/**
 * Lets a users-permissions role call `action` (e.g. `plugin::users-permissions.user.find`), the
 * way an administrator ticks it in Settings > Roles: through the role service.
 */
export async function grantToRole(strapi: Core.Strapi, roleType: string, action: string) {
  const roles = strapi.plugin('users-permissions').service('role');
  const id = await roleId(strapi, roleType);
  const role = await roles.findOne(id);
  const [type, controller, name] = action.split('.');
  role.permissions[type].controllers[controller][name].enabled = true;
  await roles.updateRole(id, { permissions: role.permissions });
}
