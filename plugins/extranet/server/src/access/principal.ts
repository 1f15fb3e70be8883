import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ACCESS_GROUP_UID, MEMBERSHIP_UID, USER_UID, WORKGROUP_UID, type AccessGroupKey } from '../constants';
import { asSystem, isSystem } from './system';
import { isGrantingMembership, kindOfUser } from './rule';

/**
 * Who is calling. `system` is trusted server code (no request, bootstrap, seed, services that
 * already applied the rule); `admin-panel` is a Strapi admin user, governed by RBAC instead.
 */
export type PrincipalKind = 'system' | 'admin-panel' | 'anonymous' | 'token' | 'external' | 'employee';

export interface Principal {
  kind: PrincipalKind;
  userId: number | null;
  groups: ReadonlySet<AccessGroupKey>;
  /** workgroups (database ids) where the caller is an active member */
  workgroupIds: number[];
  /** workgroups where the caller is an active owner or moderator */
  managedWorkgroupIds: number[];
}

const EMPTY = new Set<AccessGroupKey>();
const principalOf = (kind: PrincipalKind): Principal => ({
  kind,
  userId: null,
  groups: EMPTY,
  workgroupIds: [],
  managedWorkgroupIds: [],
});

export const SYSTEM = principalOf('system');

/**
 * One query, once per request: the user's groups and their active memberships, read together
 * from the link tables (table and column names from Strapi's metadata). Trusted code: no scope.
 * Whether a membership grants anything (active and unexpired) is the rule's to say.
 */
const loadUserPrincipal = async (strapi: Core.Strapi, user: any): Promise<Principal> => {
  const db = strapi.db as any;
  const userGroups = db.metadata.get(USER_UID).attributes.extranetGroups.joinTable;
  const membership = db.metadata.get(MEMBERSHIP_UID);
  const memberUser = membership.attributes.user.joinTable;
  const memberWorkgroup = membership.attributes.workgroup.joinTable;
  const knex = db.connection;
  const groups = knex(`${db.metadata.get(ACCESS_GROUP_UID).tableName} as g`)
    .join(`${userGroups.name} as ug`, `ug.${userGroups.inverseJoinColumn.name}`, 'g.id')
    .where(`ug.${userGroups.joinColumn.name}`, user.id)
    .select(
      'g.key as key',
      knex.raw('NULL as role'),
      knex.raw('NULL as workgroup_id'),
      knex.raw('NULL as status'),
      knex.raw('NULL as expires_at'),
    );
  const memberships = knex(`${membership.tableName} as m`)
    .join(`${memberUser.name} as mu`, `mu.${memberUser.joinColumn.name}`, 'm.id')
    .join(`${memberWorkgroup.name} as mw`, `mw.${memberWorkgroup.joinColumn.name}`, 'm.id')
    .join(
      `${db.metadata.get(WORKGROUP_UID).tableName} as w`,
      'w.id',
      `mw.${memberWorkgroup.inverseJoinColumn.name}`,
    )
    .where(`mu.${memberUser.inverseJoinColumn.name}`, user.id)
    .where('m.status', 'active')
    .select(
      knex.raw('NULL as key'),
      'm.role as role',
      'w.id as workgroup_id',
      'm.status as status',
      `m.${membership.attributes.expiresAt.columnName ?? 'expires_at'} as expires_at`,
    );
  const query = groups.unionAll(memberships);
  // Inside a transaction (SQLite has one connection), on the transaction's connection.
  const rows: any[] = db.inTransaction()
    ? await db.transaction(({ trx }: any) => query.transacting(trx))
    : await query;
  const active = rows.filter(
    (r) =>
      r.workgroup_id !== null &&
      r.workgroup_id !== undefined &&
      isGrantingMembership({ status: r.status, expiresAt: r.expires_at }),
  );
  const ids = (list: any[]) => [...new Set(list.map((r) => Number(r.workgroup_id)))];
  return {
    kind: kindOfUser(user),
    userId: user.id,
    groups: new Set(rows.filter((r) => r.key !== null && r.key !== undefined).map((r) => r.key)),
    workgroupIds: ids(active),
    managedWorkgroupIds: ids(active.filter((r) => r.role === 'owner' || r.role === 'moderator')),
  };
};

/**
 * Whether the caller's token predates the account's last claim (a password set, an invitation
 * accepted as this account). Anyone may register any address; when its real owner takes the
 * account over, the sessions opened before must not follow (SPEC §2: nothing about access lives
 * in the token). users-permissions' `refresh` mode carries no issue time: its sessions are revoked
 * by users-permissions itself.
 */
const issuedBeforeClaim = async (strapi: Core.Strapi, ctx: any, user: any) => {
  if (!user.extranetTokensValidAfter) return false;
  const payload = await Promise.resolve(
    strapi.plugin('users-permissions').service('jwt').getToken(ctx),
  ).catch(() => null);
  if (typeof payload?.iat !== 'number') return false;
  return payload.iat < Math.floor(new Date(user.extranetTokensValidAfter).getTime() / 1000);
};

const LAST_SEEN_EVERY_MS = 3600_000;

/** SPEC §10: `lastSeenAt` of the access report, written at most once an hour per person. */
const noteLastSeen = async (strapi: Core.Strapi, user: any) => {
  const last = user.extranetLastSeenAt ? new Date(user.extranetLastSeenAt).getTime() : 0;
  if (Date.now() - last < LAST_SEEN_EVERY_MS) return;
  await asSystem(() =>
    strapi.db.query(USER_UID).update({ where: { id: user.id }, data: { extranetLastSeenAt: new Date() } }),
  );
};

const resolve = async (strapi: Core.Strapi, ctx: any): Promise<Principal> => {
  const strategy = ctx.state?.auth?.strategy?.name;
  if (strategy === 'admin' || strategy === 'admin-token') return principalOf('admin-panel');
  if (strategy === 'content-api-token') return principalOf('token');
  const user = ctx.state?.user;
  if (!user || strategy !== 'users-permissions') return principalOf('anonymous');
  // users-permissions reloads the user (role, blocked) on every request; blocked users never get here.
  if (user.blocked) return principalOf('anonymous');
  if (await issuedBeforeClaim(strapi, ctx, user))
    throw new errors.UnauthorizedError('This session has ended: sign in again');
  await noteLastSeen(strapi, user);
  return loadUserPrincipal(strapi, user);
};

const CACHE = Symbol('extranetPrincipal');

/** The caller of the current request, loaded once per request and memoised on the Koa context. */
export const currentPrincipal = async (strapi: Core.Strapi): Promise<Principal> => {
  if (isSystem()) return SYSTEM;
  const ctx: any = strapi.requestContext.get();
  if (!ctx?.state) return SYSTEM;
  const strategy = ctx.state.auth?.strategy?.name;
  // Authentication has not run yet (users-permissions looking the caller up): nothing to scope.
  if (!ctx.state.auth && ctx.state.route?.config?.auth !== false) return SYSTEM;
  // users-permissions' own sign-in flows (login, register, password reset) look people up by
  // address before anyone is signed in: its trusted code, not a caller's query.
  const route = ctx.state.route;
  if (
    !ctx.state.user &&
    route?.info?.pluginName === 'users-permissions' &&
    String(route.handler).startsWith('auth.')
  ) {
    return SYSTEM;
  }
  const cached = ctx.state[CACHE];
  if (cached && cached.strategy === strategy && cached.userId === ctx.state.user?.id) {
    return cached.principal;
  }
  const principal = resolve(strapi, ctx);
  ctx.state[CACHE] = { strategy, userId: ctx.state.user?.id, principal };
  return principal;
};

/**
 * The principal of a person outside their own request (why, a notification at sending time): the
 * same queries as a request's. Blocked people read nothing (SPEC §2): null, like a missing one.
 */
export const principalOfUser = async (strapi: Core.Strapi, userId: number): Promise<Principal | null> => {
  const user: { id: number; blocked?: boolean | null } | null = await asSystem(() =>
    strapi.db.query(USER_UID).findOne({
      select: ['id', 'blocked'],
      where: { id: userId },
      populate: { role: { select: ['type'] } },
    }),
  );
  if (!user || user.blocked) return null;
  return loadUserPrincipal(strapi, user);
};
