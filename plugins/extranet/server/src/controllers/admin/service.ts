import type Koa from 'koa';
import { asSystem } from '../../access/system';

/** The plugin's services, as the admin controllers call them (the same ones as the content API). */

type Handlers = Record<string, (ctx: Koa.Context) => Promise<void>>;

/**
 * Content editors are governed by admin RBAC, which the route policies and access/admin-rbac.ts
 * apply; past that, the services act as trusted code (the extranet rule is for users-permissions
 * callers, and hides the plugin's records from admin-panel callers of the content manager).
 */
export const editorHandlers = <H extends Handlers>(handlers: H): H =>
  Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (ctx: Koa.Context) => asSystem(() => handler(ctx)),
    ]),
  ) as H;
