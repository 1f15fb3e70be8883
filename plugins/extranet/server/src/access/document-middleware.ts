/**
 * The write door: every action of a governed type through `strapi.documents` (REST, GraphQL,
 * content manager, services) passes here. Scoped items are judged on what they store
 * (item-door.ts); the plugin's own types and users written through the content manager obey the
 * workgroup rules (editor-door.ts). Reads are scoped one level down, in the query engine
 * (query-lifecycle.ts).
 */
import type { Core, Modules } from '@strapi/strapi';
import { PLUGIN_UID_PREFIX, USER_UID } from '../constants';
import { forbidden, invalidField, notFound } from '../errors';
import { currentPrincipal, type Principal } from './principal';
import { createItemDoor } from './item-door';
import { createEditorDoor } from './editor-door';
import { assertRelationValues } from './relation-values';
import { isPrototypeKey } from '../utils/prototype-keys';
import {
  INTERNAL_PLUGIN_TYPES,
  mayWritePluginTypeDirectly,
  mayWriteUngoverned,
  type Governance,
} from './rule';
import type { DocumentContext, DocumentMiddleware, Next, WriteResult } from './types';

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);

export const createDocumentMiddleware = (strapi: Core.Strapi, governance: Governance) => {
  const itemDoor = createItemDoor(strapi);
  const editorDoor = createEditorDoor(strapi);

  const door = async (ctx: DocumentContext, principal: Principal, next: Next) => {
    const config = governance.scoped[ctx.uid];
    if (config) return itemDoor(ctx, principal, config, next);
    if (ctx.uid.startsWith(PLUGIN_UID_PREFIX) || ctx.uid === USER_UID) {
      if (principal.kind === 'admin-panel') return editorDoor(ctx, next);
      if (ctx.uid === USER_UID) return next();
      if (!mayWritePluginTypeDirectly(principal)) throw forbidden();
      return editorDoor(ctx, next);
    }
    if (!mayWriteUngoverned(principal, ctx.uid)) throw ctx.action === 'create' ? forbidden() : notFound();
    return next();
  };

  const middleware: DocumentMiddleware = async (ctx, next) => {
    const principal = await currentPrincipal(strapi);
    if (principal.kind === 'system') {
      const config = governance.scoped[ctx.uid];
      return config && WRITES.has(ctx.action) ? itemDoor(ctx, principal, config, next) : next();
    }
    // Memberships, invitations, messages... are the services' own: the content manager neither
    // shows, reads nor writes them (SPEC §9).
    if (INTERNAL_PLUGIN_TYPES.has(ctx.uid)) throw forbidden('This type is managed by the Extranet plugin');
    if (!WRITES.has(ctx.action)) return next();
    refusePrototypeKeys(ctx.params?.data, []);
    assertRelationValues(strapi, ctx.uid, ctx.params?.data);
    // The document service reads what it wrote back through the read door. A write whose outcome
    // the writer may not read (a user made external by a token, a workgroup an editor no longer
    // manages) answers null, which Strapi's events would crash on after the commit: it is refused
    // and rolled back instead (SPEC §4: a caller writes only what it may read).
    const governed =
      Boolean(governance.scoped[ctx.uid]) || ctx.uid.startsWith(PLUGIN_UID_PREFIX) || ctx.uid === USER_UID;
    if (!governed) return door(ctx, principal, next);
    return strapi.db.transaction(async () => {
      // The document service's answer to the write (Strapi types it per action).
      const result = (await door(ctx, principal, next)) as WriteResult;
      if (unreadableOutcome(ctx.action, result))
        throw forbidden('You may not write something you could not read afterwards');
      return result;
    });
  };
  // Strapi types a middleware per content type and action of the app's registry (see DocumentMiddleware).
  return middleware as unknown as Modules.Documents.Middleware.Middleware;
};

/** A write's answer holds a document the caller could not read back. */
const unreadableOutcome = (action: string, result: WriteResult) => {
  if (action === 'create' || action === 'update') return result === null || result === undefined;
  if (['publish', 'unpublish', 'discardDraft', 'clone'].includes(action)) {
    return (
      Array.isArray(result?.entries) &&
      result.entries.some((entry: unknown) => entry === null || entry === undefined)
    );
  }
  return false;
};

/** Prototype names in a payload (see utils/prototype-keys.ts): Strapi's validators would fail on them (500). */
const refusePrototypeKeys = (value: unknown, path: string[]) => {
  if (value === null || typeof value !== 'object') return;
  for (const [key, sub] of Object.entries(value)) {
    if (isPrototypeKey(key)) throw invalidField([...path, key].join('.'), `unknown field: ${key}`);
    refusePrototypeKeys(sub, [...path, key]);
  }
};
