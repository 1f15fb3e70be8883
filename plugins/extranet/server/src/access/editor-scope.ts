/**
 * Content editors read workgroups and scoped items as their RBAC permissions say, wherever the
 * rows are reached (the root of a query, a relation a filter walks, a populate), applied as a
 * filter in the read door rather than checked on the row afterwards: a row an editor may not
 * read is then missing for them (404, like an id that does not exist), in the content manager's
 * views and relation pickers alike (SPEC §4: never a 403 where a missing item answers 404).
 */
import type { Core } from '@strapi/strapi';
import { WORKGROUP_UID } from '../constants';
import type { Filter, Governance } from './rule';
import { permissionService, requestState } from './types';

const READ = 'plugin::content-manager.explorer.read';
const NOTHING: Filter = { id: { $in: [] } };

export const createEditorScope = (strapi: Core.Strapi, governance: Governance) => {
  const cache = new WeakMap<object, Map<string, Filter | null>>();

  /** The filter to AND into an editor's read of `uid`, or null when nothing limits it. */
  // Without a read permission on workgroups, an editor still reaches, through the relations of
  // what it may read (an item's workgroup), the workgroups it manages: "Manager of the workgroup".
  const noPermission = (uid: string): Filter => {
    const editorId = requestState(strapi)?.user?.id;
    return uid === WORKGROUP_UID && editorId ? { managers: { id: { $eq: editorId } } } : NOTHING;
  };

  return (uid: string): Filter | null => {
    if (!governance.scoped[uid] && uid !== WORKGROUP_UID) return null;
    const ability = requestState(strapi)?.userAbility;
    if (!ability) return null;
    let byUid = cache.get(ability);
    if (!byUid) cache.set(ability, (byUid = new Map()));
    if (!byUid.has(uid)) {
      const manager = permissionService(strapi).createPermissionsManager({
        ability,
        action: READ,
        model: uid,
      });
      const query = manager.getQuery();
      byUid.set(uid, query === null ? noPermission(uid) : Object.keys(query).length === 0 ? null : query);
    }
    return byUid.get(uid)!;
  };
};
