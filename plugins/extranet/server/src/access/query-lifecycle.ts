/**
 * The read door. Every read of the query engine — the document service's own queries, populate,
 * GraphQL's nested association resolvers (`load`), the content manager's relation pickers —
 * fires beforeFindMany/beforeFindOne/beforeCount; the caller's scope is ANDed in there, so
 * no door can forget it. Trusted code (no request, or `asSystem`) is not scoped.
 */
import type { Core } from '@strapi/strapi';
import { currentPrincipal, type Principal } from './principal';
import { QueryScope } from './query-scope';
import type { Governance } from './rule';

export const registerQueryLifecycle = (strapi: Core.Strapi, governance: Governance) => {
  const scopes = new WeakMap<Principal, QueryScope>();
  const scope = async (event: any) => {
    const principal = await currentPrincipal(strapi);
    if (principal.kind === 'system' || principal.kind === 'admin-panel') return;
    let queryScope = scopes.get(principal);
    if (!queryScope) {
      queryScope = new QueryScope(strapi, principal, governance);
      scopes.set(principal, queryScope);
    }
    event.params ??= {};
    queryScope.apply(event.model.uid, event.params);
  };
  strapi.db.lifecycles.subscribe({ beforeFindMany: scope, beforeFindOne: scope, beforeCount: scope });
};
