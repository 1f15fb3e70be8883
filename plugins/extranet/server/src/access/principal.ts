import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ACCESS_GROUP_UID, MEMBERSHIP_UID, USER_UID, WORKGROUP_UID, type AccessGroupKey } from '../constants';
import { asSystem, isSystem } from './system';
import { isGrantingMembership, kindOfUser } from './rule';
import { actingPrincipal, viewAsOf } from './acting-as';
import type { Knex } from 'knex';
import { metaOf, type RequestState } from './types';

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

/** A users-permissions user as the principal is read from: its id, its role and the plugin's stamps. */
interface UserRow {
  id: number;
  role?: { type?: string | null } | null;
  blocked?: boolean | null;
  extranetTokensValidAfter?: string | number | Date | null;
  extranetLastSeenAt?: string | number | Date | null;
}

/** One row of the principal's query: an access group (`key`), or an active membership. */
interface PrincipalRow {
  key: AccessGroupKey | null;
  role: string | null;
  workgroup_id: number | string | null;
  status: string | null;
  /** as the driver answers a datetime column (SQLite: a number of milliseconds) */
  expires_at: string | number | Date | null;
}

/**
 * One query, once per request: the user's groups and their active memberships, read together
 * from the link tables (table and column names from Strapi's metadata). Trusted code: no scope.
 * Whether a membership grants anything (active and unexpired) is the rule's to say.
 */
const loadUserPrincipal = async (strapi: Core.Strapi, user: UserRow): Promise<Principal> => {
  const db = strapi.db;
  // The plugin's own models and relations: each relation has its link table.
  const userGroups = metaOf(strapi, USER_UID)!.attributes.extranetGroups.joinTable!;
  const membership = metaOf(strapi, MEMBERSHIP_UID)!;
  const memberUser = membership.attributes.user.joinTable!;
  const memberWorkgroup = membership.attributes.workgroup.joinTable!;
  const knex = db.connection;
  const groups = knex(`${db.metadata.get(ACCESS_GROUP_UID).tableName} as g`)
    .join(`${userGroups.name} as ug`, `ug.${userGroups.inverseJoinColumn!.name}`, 'g.id')
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
      `mw.${memberWorkgroup.inverseJoinColumn!.name}`,
    )
    .where(`mu.${memberUser.inverseJoinColumn!.name}`, user.id)
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
  const rows: PrincipalRow[] = db.inTransaction()
    ? await db.transaction(({ trx }: { trx: Knex.Transaction }) => query.transacting(trx))
    : await query;
  const active = rows.filter(
    (r) =>
      r.workgroup_id !== null &&
      r.workgroup_id !== undefined &&
      isGrantingMembership({ status: r.status, expiresAt: r.expires_at }),
  );
  const ids = (list: PrincipalRow[]) => [...new Set(list.map((r) => Number(r.workgroup_id)))];
  return {
    kind: kindOfUser(user),
    userId: user.id,
    groups: new Set(
      rows
        .filter((r): r is PrincipalRow & { key: AccessGroupKey } => r.key !== null && r.key !== undefined)
        .map((r) => r.key),
    ),
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
export const issuedBeforeClaim = async (
  strapi: Core.Strapi,
  ctx: unknown,
  user: Pick<UserRow, 'extranetTokensValidAfter'>,
) => {
  if (!user.extranetTokensValidAfter) return false;
  // users-permissions' jwt service (untyped): the verified payload, or null.
  const payload: { iat?: unknown } | null = await Promise.resolve(
    strapi.plugin('users-permissions').service('jwt').getToken(ctx),
  ).catch(() => null);
  if (typeof payload?.iat !== 'number') return false;
  return payload.iat < Math.floor(new Date(user.extranetTokensValidAfter).getTime() / 1000);
};

const LAST_SEEN_EVERY_MS = 3600_000;

/** SPEC §10: `lastSeenAt` of the access report, written at most once an hour per person. */
const noteLastSeen = async (strapi: Core.Strapi, user: UserRow) => {
  const last = user.extranetLastSeenAt ? new Date(user.extranetLastSeenAt).getTime() : 0;
  if (Date.now() - last < LAST_SEEN_EVERY_MS) return;
  await asSystem(() =>
    strapi.db.query(USER_UID).update({ where: { id: user.id }, data: { extranetLastSeenAt: new Date() } }),
  );
};

const resolve = async (
  strapi: Core.Strapi,
  ctx: { state?: RequestState & { user?: UserRow } },
): Promise<Principal> => {
  const strategy = ctx.state?.auth?.strategy?.name;
  if (strategy === 'admin' || strategy === 'admin-token') return principalOf('admin-panel');
  if (strategy === 'content-api-token') return principalOf('token');
  const user = ctx.state?.user;
  if (!user || strategy !== 'users-permissions') return principalOf('anonymous');
  // users-permissions reloads the user (role, blocked) on every request; blocked users never get here.
  if (user.blocked) return principalOf('anonymous');
  if (await issuedBeforeClaim(strapi, ctx, user))
    throw new errors.UnauthorizedError('This session has ended: sign in again');
  // An extranet admin viewing as this person (SPEC §10) is not this person being seen.
  if (!viewAsOf(ctx)) await noteLastSeen(strapi, user);
  return loadUserPrincipal(strapi, user);
};

const CACHE = Symbol('extranetPrincipal');
/** The principal of a request, kept on its state with what it was resolved for. */
interface CachedPrincipal {
  strategy: string | undefined;
  userId: number | undefined;
  principal: Promise<Principal>;
}

/** The caller of the current request, loaded once per request and memoised on the Koa context. */
export const currentPrincipal = async (strapi: Core.Strapi): Promise<Principal> => {
  if (isSystem()) return SYSTEM;
  const acting = actingPrincipal();
  if (acting) return acting;
  const ctx = strapi.requestContext.get();
  if (!ctx?.state) return SYSTEM;
  const state: RequestState & { user?: UserRow; [CACHE]?: CachedPrincipal } = ctx.state;
  const strategy = state.auth?.strategy?.name;
  // Authentication has not run yet (users-permissions looking the caller up): nothing to scope.
  if (!state.auth && state.route?.config?.auth !== false) return SYSTEM;
  // users-permissions' own sign-in flows (login, register, password reset) look people up by
  // address before anyone is signed in: its trusted code, not a caller's query.
  const route = state.route;
  if (
    !state.user &&
    route?.info?.pluginName === 'users-permissions' &&
    String(route.handler).startsWith('auth.')
  ) {
    return SYSTEM;
  }
  const cached = state[CACHE];
  if (cached && cached.strategy === strategy && cached.userId === state.user?.id) {
    return cached.principal;
  }
  const principal = resolve(strapi, ctx);
  state[CACHE] = { strategy, userId: state.user?.id, principal };
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
