import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ACCESS_GROUP_UID, MEMBERSHIP_UID, USER_UID, EXTRANET_ROLE, type AccessGroupKey } from '../constants';
import { asSystem, isSystem } from './system';

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

/** Two queries, once per request: the user's groups and their active memberships. */
const loadUserPrincipal = async (strapi: Core.Strapi, user: any): Promise<Principal> =>
  asSystem(async () => {
    const [groups, memberships] = await Promise.all([
      strapi.db.query(ACCESS_GROUP_UID).findMany({
        select: ['key'],
        where: { users: { id: user.id } },
      }),
      strapi.db.query(MEMBERSHIP_UID).findMany({
        select: ['role'],
        where: { user: { id: user.id }, status: 'active' },
        populate: { workgroup: { select: ['id'] } },
      }),
    ]);
    const active = memberships.filter((m: any) => m.workgroup);
    return {
      kind: user.role?.type === EXTRANET_ROLE.type ? 'external' : 'employee',
      userId: user.id,
      groups: new Set(groups.map((g: any) => g.key)),
      workgroupIds: active.map((m: any) => m.workgroup.id),
      managedWorkgroupIds: active
        .filter((m: any) => m.role === 'owner' || m.role === 'moderator')
        .map((m: any) => m.workgroup.id),
    };
  });

/**
 * Whether the caller's token predates the account's last claim (a password set, an invitation
 * accepted as this account). Anyone may register any address; when its real owner takes the
 * account over, the sessions opened before must not follow (SPEC §2: nothing about access lives
 * in the token). users-permissions' `refresh` mode carries no issue time: its sessions are revoked
 * by users-permissions itself.
 */
const issuedBeforeClaim = async (strapi: Core.Strapi, ctx: any, user: any) => {
  if (!user.extranetTokensValidAfter) return false;
  const payload = await Promise.resolve(strapi.plugin('users-permissions').service('jwt').getToken(ctx)).catch(() => null);
  if (typeof payload?.iat !== 'number') return false;
  return payload.iat < Math.floor(new Date(user.extranetTokensValidAfter).getTime() / 1000);
};

/**
 * The principal of a person outside any request (a notification at sending time): the same two
 * queries as a request's. Blocked people read nothing (SPEC §2): null, like a missing one.
 */
export const principalOfUser = async (strapi: Core.Strapi, userId: number): Promise<Principal | null> => {
  const user = await asSystem(() =>
    strapi.db.query(USER_UID).findOne({ select: ['id', 'blocked'], where: { id: userId }, populate: { role: { select: ['type'] } } })
  );
  if (!user || user.blocked) return null;
  return loadUserPrincipal(strapi, user);
};

const resolve = async (strapi: Core.Strapi, ctx: any): Promise<Principal> => {
  const strategy = ctx.state?.auth?.strategy?.name;
  if (strategy === 'admin' || strategy === 'admin-token') return principalOf('admin-panel');
  if (strategy === 'content-api-token') return principalOf('token');
  const user = ctx.state?.user;
  if (!user || strategy !== 'users-permissions') return principalOf('anonymous');
  // users-permissions reloads the user (role, blocked) on every request; blocked users never get here.
  if (user.blocked) return principalOf('anonymous');
  if (await issuedBeforeClaim(strapi, ctx, user)) throw new errors.UnauthorizedError('This session has ended: sign in again');
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
  if (!ctx.state.user && route?.info?.pluginName === 'users-permissions' && String(route.handler).startsWith('auth.')) {
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
