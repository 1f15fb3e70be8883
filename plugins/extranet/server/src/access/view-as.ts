/**
 * `X-Extranet-View-As: <userId>` (SPEC §10): an extranet admin reads the content API (REST,
 * GraphQL, the plugin's routes) exactly as that person would, their users-permissions role
 * included. The header is settled before Strapi authenticates the request: once the sender is
 * known to be an extranet admin and the request a read, the request is authenticated as the
 * person by users-permissions itself (a short-lived token of theirs replaces the admin's, in this
 * request only), so their role's permissions, their blocked flag and their principal are the
 * ones every door uses — nothing re-derives them. Each use is recorded in the activity.
 *
 * Refused: anyone but a signed-in extranet admin (403), every write (403, before anything runs),
 * an id that is not a number (400) or of nobody (404), all naming the header.
 */
import type { Core } from '@strapi/strapi';
import createError from 'http-errors';
import { errors } from '@strapi/utils';
import { USER_UID } from '../constants';
import { forbidden, invalidField } from '../errors';
import { markViewAs } from './acting-as';
import { issuedBeforeClaim, principalOfUser } from './principal';
import { isExtranetAdmin } from './rule';
import { asSystem } from './system';
import { getService } from '../utils';

export const VIEW_AS_HEADER = 'X-Extranet-View-As';
const HEADER_KEY = VIEW_AS_HEADER.toLowerCase();
/** The person's token lives for this request only; a few minutes cover the slowest read. */
const TOKEN_LIFETIME = '5m';

interface Ctx {
  method: string;
  path: string;
  originalUrl: string;
  state: Record<PropertyKey, unknown>;
  request: { header: Record<string, string | string[] | undefined>; body?: unknown };
}

type JwtService = {
  getToken: (ctx: unknown) => Promise<{ id?: unknown } | null> | { id?: unknown } | null;
  issue: (payload: { id: number }, options?: Record<string, unknown>) => string | Promise<string>;
};

const jwtService = (strapi: Core.Strapi) =>
  strapi.plugin('users-permissions').service('jwt') as unknown as JwtService;

/** The paths of the content API: the REST prefix and, when installed, the GraphQL endpoint. */
const contentApiPath = (strapi: Core.Strapi, path: string): 'rest' | 'graphql' | null => {
  const prefix = String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/$/, '');
  if (path === prefix || path.startsWith(`${prefix}/`)) return 'rest';
  const graphql = strapi.plugin('graphql') as { config?: (key: string) => unknown } | undefined;
  const endpoint = graphql?.config ? String(graphql.config('endpoint') ?? '/graphql') : null;
  return endpoint && path === endpoint ? 'graphql' : null;
};

/** Whether every operation of a GraphQL body is a query: a document that does not parse is no read. */
const graphqlQueriesOnly = (body: unknown): boolean => {
  const operations = Array.isArray(body) ? body : [body];
  if (operations.length === 0) return false;
  // Loaded only when a GraphQL request comes, from the GraphQL plugin's own dependency.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse, Kind } = require('graphql') as typeof import('graphql');
  return operations.every((operation) => {
    const source = (operation as { query?: unknown } | null)?.query;
    if (typeof source !== 'string') return false;
    try {
      return parse(source).definitions.every(
        (definition) => definition.kind !== Kind.OPERATION_DEFINITION || definition.operation === 'query',
      );
    } catch {
      return false;
    }
  });
};

/**
 * Strapi leaves the GraphQL endpoint's body to the GraphQL plugin's own parser (koa-bodyparser,
 * with the plugin's `bodyParserConfig`): it is parsed here by that same parser, which then finds
 * it parsed and reads nothing twice — the body judged is the body Apollo runs.
 */
const parseGraphqlBody = async (strapi: Core.Strapi, ctx: Ctx) => {
  if (ctx.request.body !== undefined) return;
  const graphql = strapi.plugin('graphql') as unknown as { config: (key: string) => unknown };
  const options = (graphql.config('apolloServer') as { bodyParserConfig?: unknown } | undefined)
    ?.bodyParserConfig;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bodyParser = require('koa-bodyparser') as (
    options?: object,
  ) => (ctx: Ctx, next: () => Promise<void>) => Promise<void>;
  await bodyParser(typeof options === 'object' && options !== null ? options : undefined)(
    ctx,
    async () => undefined,
  );
};

/** GET and HEAD are reads; so is a GraphQL POST whose operations are all queries. */
const isRead = async (strapi: Core.Strapi, ctx: Ctx, api: 'rest' | 'graphql') => {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return true;
  if (api !== 'graphql' || ctx.method !== 'POST') return false;
  await parseGraphqlBody(strapi, ctx);
  return graphqlQueriesOnly(ctx.request.body);
};

/** The sender, when it is a signed-in extranet admin (else 403: the header is theirs only). */
const authenticateAdmin = async (strapi: Core.Strapi, ctx: Ctx): Promise<number> => {
  const refuse = () =>
    forbidden(`${VIEW_AS_HEADER}: only an extranet admin may view the API as someone else`);
  const payload = await Promise.resolve()
    .then(() => jwtService(strapi).getToken(ctx))
    .catch(() => null);
  const id = Number(payload?.id);
  if (!Number.isInteger(id) || id <= 0) throw refuse();
  const user = await asSystem(() =>
    strapi.db
      .query(USER_UID)
      .findOne({ select: ['id', 'blocked', 'extranetTokensValidAfter'], where: { id } }),
  );
  if (!user || user.blocked) throw refuse();
  if (await issuedBeforeClaim(strapi, ctx, user))
    throw new errors.UnauthorizedError('This session has ended: sign in again');
  const principal = await principalOfUser(strapi, id);
  if (!principal || !isExtranetAdmin(principal)) throw refuse();
  return id;
};

const targetId = (raw: string | string[] | undefined): number => {
  const value = Array.isArray(raw) ? raw.join(',') : String(raw ?? '').trim();
  if (!/^[1-9][0-9]{0,14}$/.test(value))
    throw invalidField(VIEW_AS_HEADER, 'must be the numeric id of a user');
  return Number(value);
};

export const createViewAsMiddleware =
  (strapi: Core.Strapi) => async (ctx: Ctx, next: () => Promise<unknown>) => {
    const raw = ctx.request.header[HEADER_KEY];
    if (raw === undefined || ctx.method === 'OPTIONS') return next();
    const api = contentApiPath(strapi, ctx.path);
    // The header speaks of users-permissions callers: the admin panel's own routes ignore it.
    if (!api) return next();
    const adminId = await authenticateAdmin(strapi, ctx);
    if (!(await isRead(strapi, ctx, api)))
      throw forbidden(`${VIEW_AS_HEADER}: viewing as someone else is read-only`);
    const userId = targetId(raw);
    const target = await asSystem(() =>
      strapi.db.query(USER_UID).findOne({ select: ['id', 'documentId', 'username'], where: { id: userId } }),
    );
    if (!target) {
      throw new errors.NotFoundError(`${VIEW_AS_HEADER}: no such user`, {
        errors: [{ path: [VIEW_AS_HEADER], message: 'no such user' }],
      });
    }
    if (
      String(strapi.config.get('plugin::users-permissions.jwtManagement', 'legacy-support')) === 'refresh'
    ) {
      // Sessions of refresh mode live in the database: minting one per request is not a read.
      throw Object.assign(
        createError(501, `${VIEW_AS_HEADER} needs users-permissions' legacy-support JWTs`),
        {
          name: 'NotImplementedError',
          details: {},
        },
      );
    }
    const token = await jwtService(strapi).issue({ id: target.id }, { expiresIn: TOKEN_LIFETIME });
    ctx.request.header.authorization = `Bearer ${token}`;
    markViewAs(ctx, { adminId, userId: target.id });
    await getService('view-as', { strapi }).record({
      adminId,
      adminUserId: null,
      target,
      path: `${ctx.method} ${ctx.originalUrl}`,
    });
    return next();
  };
