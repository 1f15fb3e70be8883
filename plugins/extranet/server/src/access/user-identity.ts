/**
 * One account per address and per username, checked as trusted code (F3).
 *
 * users-permissions asks "is this e-mail / username taken?" with a plain read, which runs through
 * the read door as the caller: an API token (or an employee outside the extranet) does not see
 * externals, so the check was blind to them and a second account with a partner's address was
 * stored. Sign-in, invitations and password resets find people by that address (SPEC §5).
 * - On the stored data: every user create and update of the query engine (any door: REST,
 *   GraphQL, the content manager, other plugins, services) is refused when another account holds
 *   the e-mail (case-insensitive) or the username, counting every account, whoever may read it.
 * - The same answer for every taken address: users-permissions' own `POST /api/users` and
 *   `PUT /api/users/:id` (REST and GraphQL go through these controllers) ask here first, so its
 *   own checks, which see only the caller's rows, never answer: an employee's address and a
 *   partner's get the same 400 on the field, which says nothing about whose it is.
 * - Register runs as trusted code whatever the door (GraphQL included): its own check sees every
 *   account, and answers alike for all. `send-email-confirmation` answers `{ email, sent: true }` whether or not the address has an
 *   account, confirmed or not (F11). Register still refuses a taken address (README decisions).
 */
import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { invalidField } from '../errors';
import { asSystem } from './system';
import type { LifecycleEvent } from './types';

type Where = Record<string, unknown>;
type Action = (ctx: KoaContext, next?: unknown) => unknown;
interface KoaContext {
  params?: Record<string, unknown>;
  request: { body?: unknown };
  state?: { user?: unknown };
  body?: unknown;
  send: (body: unknown) => void;
}

const TAKEN = 'is already taken';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The field of `identity` that another account (not one of `exceptIds`) already holds, counting
 * every account. An address is also taken by a username spelled like it, and the other way round:
 * sign-in takes either as its identifier.
 */
export const takenIdentityField = async (
  strapi: Core.Strapi,
  identity: { email?: unknown; username?: unknown },
  exceptIds: number[] = [],
): Promise<'email' | 'username' | null> => {
  const others: Where = exceptIds.length > 0 ? { id: { $notIn: exceptIds } } : {};
  const held = async (where: Where) =>
    (await asSystem(() => strapi.db.query(USER_UID).count({ where: { $and: [where, others] } }))) > 0;
  const email = text(identity.email);
  if (email && (await held({ $or: [{ email: { $eqi: email } }, { username: { $eqi: email } }] })))
    return 'email';
  const username = text(identity.username);
  if (username && (await held({ $or: [{ username: { $eq: username } }, { email: { $eqi: username } }] })))
    return 'username';
  return null;
};

const refuseTaken = async (
  strapi: Core.Strapi,
  identity: { email?: unknown; username?: unknown },
  exceptIds: number[],
) => {
  const field = await takenIdentityField(strapi, identity, exceptIds);
  if (field) throw invalidField(field, TAKEN);
};

/** Query-engine lifecycles: no user is stored with another account's e-mail or username. */
export const registerIdentityGuard = (strapi: Core.Strapi) => {
  const guardOne = async (data: unknown, exceptIds: number[]) => {
    if (!isRecord(data) || (data.email === undefined && data.username === undefined)) return;
    await refuseTaken(strapi, data, exceptIds);
  };
  const beforeCreate = async (event: LifecycleEvent) => guardOne(event.params?.data, []);
  const beforeCreateMany = async (event: LifecycleEvent) => {
    const rows = Array.isArray(event.params?.data) ? event.params.data : [];
    const seen = new Set<string>();
    for (const row of rows) {
      await guardOne(row, []);
      if (!isRecord(row)) continue;
      for (const field of ['email', 'username'] as const) {
        const value = text(row[field])?.toLowerCase();
        if (value && seen.has(value)) throw invalidField(field, TAKEN);
        if (value) seen.add(value);
      }
    }
  };
  const beforeUpdate = async (event: LifecycleEvent) => {
    const data = event.params?.data;
    if (!isRecord(data) || (data.email === undefined && data.username === undefined)) return;
    const targets: Array<{ id: number }> = await asSystem(() =>
      strapi.db.query(USER_UID).findMany({ select: ['id'], where: event.params?.where ?? {} }),
    );
    // Two accounts given one address in the same write would share it.
    if (targets.length > 1) throw invalidField(text(data.email) ? 'email' : 'username', TAKEN);
    await refuseTaken(
      strapi,
      data,
      targets.map((t) => t.id),
    );
  };
  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    beforeCreate,
    beforeCreateMany,
    beforeUpdate,
    beforeUpdateMany: beforeUpdate,
  });
};

/** Replaces `controller[name]` with `wrap(original)`, keeping `this`. */
const decorate = (
  controller: Record<string, unknown> | undefined,
  name: string,
  wrap: (original: Action) => Action,
) => {
  const original = controller?.[name];
  if (!controller || typeof original !== 'function') return;
  controller[name] = wrap((ctx, next) => original.call(controller, ctx, next));
};

/**
 * Decorates users-permissions' controllers, in `register` (routes bind their handlers later, and
 * GraphQL calls the controllers at request time).
 */
export const guardUserIdentityDoors = (strapi: Core.Strapi) => {
  const plugin = strapi.plugin('users-permissions');
  if (!plugin) return;
  const users = plugin.controller('user') as Record<string, unknown> | undefined;
  const auth = plugin.controller('auth') as Record<string, unknown> | undefined;
  const body = (ctx: KoaContext) => (isRecord(ctx.request.body) ? ctx.request.body : {});

  decorate(users, 'create', (original) => async (ctx, next) => {
    await refuseTaken(strapi, body(ctx), []);
    return original(ctx, next);
  });
  decorate(users, 'update', (original) => async (ctx, next) => {
    // Only for an account the caller may read (the read door scopes this lookup): any other
    // answers 404 from users-permissions, exactly like a missing one.
    const id = ctx.params?.id;
    const target = /^\d+$/.test(String(id))
      ? await strapi.db.query(USER_UID).findOne({ select: ['id'], where: { id: Number(id) } })
      : null;
    if (target) await refuseTaken(strapi, body(ctx), [target.id]);
    return original(ctx, next);
  });

  // Signing someone new up concerns nobody who may be signed in: trusted code, whatever the door.
  decorate(auth, 'register', (original) => (ctx, next) => asSystem(async () => original(ctx, next)));
  // One answer whether the address has an account or not, confirmed or blocked (SPEC §5).
  decorate(auth, 'sendEmailConfirmation', (original) => async (ctx, next) => {
    const email = body(ctx).email;
    if (typeof email === 'string') {
      const user = await asSystem(() =>
        strapi.db
          .query(USER_UID)
          .findOne({ select: ['id', 'confirmed', 'blocked'], where: { email: email.toLowerCase() } }),
      );
      if (user && (user.confirmed || user.blocked)) {
        ctx.send({ email, sent: true });
        return;
      }
    }
    await asSystem(async () => original(ctx, next));
    if (isRecord(ctx.body) && ctx.body.sent === true) ctx.send({ email, sent: true });
  });
};
