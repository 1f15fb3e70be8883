/**
 * The read door. Every read of the query engine — the document service's own queries, populate,
 * GraphQL's nested association resolvers (`load`), the content manager's relation pickers —
 * fires beforeFindMany/beforeFindOne/beforeCount; the caller's scope is ANDed in there, so
 * no door can forget it. Trusted code (no request, or `asSystem`) is not scoped.
 */
import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { currentPrincipal, type Principal } from './principal';
import { QueryScope, redactPerson } from './query-scope';
import { createEditorScope } from './editor-scope';
import type { Governance } from './rule';
import { isDuringItemWrite } from './audience';
import type { LifecycleEvent, Row } from './types';

const USER = USER_UID;

export const registerQueryLifecycle = (strapi: Core.Strapi, governance: Governance) => {
  type Scopes = { find: QueryScope; count: QueryScope; duringWrite: QueryScope };
  const scopes = new WeakMap<Principal, Scopes>();
  const editorScope = createEditorScope(strapi, governance);
  const scope = async (event: LifecycleEvent) => {
    const principal = await currentPrincipal(strapi);
    // Trusted code reads unscoped; everyone else, extranet admins and content editors included,
    // gets what the rule says.
    if (principal.kind === 'system') return;
    let queryScopes = scopes.get(principal);
    if (!queryScopes) {
      // A content editor's RBAC limits every read of workgroups and items, relations and populates included.
      const narrow = principal.kind === 'admin-panel' ? editorScope : undefined;
      queryScopes = {
        find: new QueryScope(strapi, principal, governance, true, true, narrow),
        count: new QueryScope(strapi, principal, governance, false, true, narrow),
        duringWrite: new QueryScope(strapi, principal, governance, true, false, narrow),
      };
      scopes.set(principal, queryScopes);
    }
    event.params ??= {};
    const which = isDuringItemWrite() ? 'duringWrite' : event.action === 'beforeCount' ? 'count' : 'find';
    queryScopes[which].apply(event.model.uid, event.params);
  };
  strapi.db.lifecycles.subscribe({ beforeFindMany: scope, beforeFindOne: scope, beforeCount: scope });

  // A partner may learn that a co-member exists, not their e-mail: other people's rows keep
  // their public fields only (populated users are trimmed in QueryScope already).
  const redact = async (event: LifecycleEvent) => {
    const principal = await currentPrincipal(strapi);
    if (principal.kind !== 'external' || !event.result) return;
    // The query engine's answer: a row (afterFindOne) or a list of rows, null where none.
    const rows = (Array.isArray(event.result) ? event.result : [event.result]) as Array<
      Row | null | undefined
    >;
    for (const row of rows) {
      if (row && row.id !== principal.userId) redactPerson(row);
    }
  };
  strapi.db.lifecycles.subscribe({ models: [USER], afterFindMany: redact, afterFindOne: redact });
};
