/**
 * The write door: every action of a governed type through `strapi.documents` (REST, GraphQL,
 * content manager, services) passes here. Scoped items are judged on what they store
 * (item-door.ts); the plugin's own types and users written through the content manager obey the
 * workgroup rules (editor-door.ts). Reads are scoped one level down, in the query engine
 * (query-lifecycle.ts).
 */
import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { forbidden, notFound } from '../errors';
import { currentPrincipal } from './principal';
import { createItemDoor } from './item-door';
import { createEditorDoor } from './editor-door';
import { assertRelationValues } from './relation-values';
import { INTERNAL_PLUGIN_TYPES, mayWritePluginTypeDirectly, mayWriteUngoverned, type Governance } from './rule';

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);

export const createDocumentMiddleware = (strapi: Core.Strapi, governance: Governance) => {
  const itemDoor = createItemDoor(strapi);
  const editorDoor = createEditorDoor(strapi);

  return async (ctx: any, next: () => Promise<any>) => {
    const principal = await currentPrincipal(strapi);
    if (principal.kind === 'system') {
      const config = governance.scoped[ctx.uid];
      return config && WRITES.has(ctx.action) ? itemDoor(ctx, principal, config, next) : next();
    }
    // Memberships, invitations, messages... are the services' own: the content manager neither
    // shows, reads nor writes them (SPEC §9).
    if (INTERNAL_PLUGIN_TYPES.has(ctx.uid)) throw forbidden('This type is managed by the Extranet plugin');
    if (!WRITES.has(ctx.action)) return next();
    assertRelationValues(strapi, ctx.uid, ctx.params?.data);

    const config = governance.scoped[ctx.uid];
    if (config) return itemDoor(ctx, principal, config, next);
    if (ctx.uid.startsWith('plugin::extranet.') || ctx.uid === USER_UID) {
      if (principal.kind === 'admin-panel') return editorDoor(ctx, next);
      if (ctx.uid === USER_UID) return next();
      if (!mayWritePluginTypeDirectly(principal)) throw forbidden();
      return editorDoor(ctx, next);
    }
    if (!mayWriteUngoverned(principal, ctx.uid)) throw ctx.action === 'create' ? forbidden() : notFound();
    return next();
  };
};
