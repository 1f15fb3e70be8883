/**
 * Content editors in the media library (SPEC §4 "Files", §3, §9): a file attached to a scoped item
 * or a workgroup is part of it. Changing its info or bytes, deleting it, or attaching a new upload
 * to a row (`ref`/`refId`/`field`) is a write of that row: the editor must be able to update it
 * under its RBAC (the content manager's `explorer.update` with its conditions, the same ability the
 * editors' door asks), and the row must not be in an archived workgroup (read-only for everyone
 * but extranet admins, a super admin included, as in the content manager). Files attached to
 * nothing, and rows of types the plugin does not govern, keep Strapi's RBAC behaviour.
 */
import type { Core } from '@strapi/strapi';
import { WORKGROUP_UID } from '../constants';
import { asSystem } from './system';
import { INTERNAL_PLUGIN_TYPES, type Governance, type WriteVerdict } from './rule';
import { permissionService, requestState, type Row } from './types';

const UPDATE = 'plugin::content-manager.explorer.update';

const NOT_FOUND: WriteVerdict = { status: 404, message: 'Not Found' };
const FORBIDDEN: WriteVerdict = { status: 403, message: 'You may not change this item' };
const ARCHIVED: WriteVerdict = { status: 409, message: 'The workgroup is archived: its items are read-only' };

/** What the editors' conditions read of a row (Strapi's own conditions read `createdBy`). */
const CONDITION_FIELDS = {
  createdBy: { select: ['id'], populate: { roles: { select: ['id'] } } },
};

export const createEditorFileDoor = (strapi: Core.Strapi, governance: Governance) => {
  /** Rows the plugin governs for editors: scoped items and workgroups (its internal types are never theirs). */
  const governs = (uid: string) =>
    Boolean(governance.scoped[uid]) || uid === WORKGROUP_UID || INTERNAL_PLUGIN_TYPES.has(uid);

  /**
   * May the editor of this request write row `id` of `uid` (a change of one of its files, or an
   * attachment)? 404 when it may not read it (the read door applies its RBAC), 403 when it may
   * read but not update it, 409 when the row is in an archived workgroup. Null: allowed, or not
   * the plugin's to say.
   */
  const verdict = async (uid: string, id: number): Promise<WriteVerdict | null> => {
    if (!governs(uid)) return null;
    if (INTERNAL_PLUGIN_TYPES.has(uid)) return NOT_FOUND;
    const readable = await strapi.db.query(uid).findOne({ select: ['id'], where: { id } });
    if (!readable) return NOT_FOUND;
    const ability = requestState(strapi)?.userAbility;
    if (!ability) return FORBIDDEN;
    const isWorkgroup = uid === WORKGROUP_UID;
    const managers = { managers: { select: ['id'] } };
    const row:
      | (Row & { archived?: boolean | null; workgroup?: { archived?: boolean | null } | null })
      | null = await asSystem(() =>
      strapi.db.query(uid).findOne({
        where: { id },
        populate: isWorkgroup
          ? { ...CONDITION_FIELDS, ...managers }
          : {
              ...CONDITION_FIELDS,
              ...(governance.scoped[uid].mode === 'workgroup'
                ? { workgroup: { select: ['id', 'archived'], populate: managers } }
                : {}),
            },
      }),
    );
    if (!row) return NOT_FOUND;
    const manager = permissionService(strapi).createPermissionsManager({
      ability,
      model: uid,
    });
    if (ability.cannot(UPDATE, manager.toSubject(row, uid))) return FORBIDDEN;
    const archived = isWorkgroup ? row.archived : row.workgroup?.archived;
    return archived ? ARCHIVED : null;
  };

  return { verdict, governs };
};
