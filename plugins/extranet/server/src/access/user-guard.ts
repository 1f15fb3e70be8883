/**
 * Users are written by many doors that never reach `strapi.documents` (users-permissions'
 * `/api/users`, its GraphQL mutations, `/api/auth/...`): the query engine sees them all.
 * - The extranet fields of a user (groups, memberships, "visible to all") are the plugin's and the
 *   content editors': no content-API caller writes them, whatever the spelling of the payload
 *   (the query engine only writes the attributes present in `data`).
 * - A password change ends the sessions opened before it.
 * - Nobody, through any door, deletes a workgroup's owner: ownership moves first (SPEC §8 OwnerRequired).
 *   The guard looks only at the accounts the caller may read: any other answers like a missing one.
 */
import type { Core } from '@strapi/strapi';
import { MEMBERSHIP_UID, USER_UID } from '../constants';
import { conflict, invalidField } from '../errors';
import { currentPrincipal } from './principal';
import { asSystem } from './system';
import { isTrusted } from './rule';
import { registerIdentityGuard } from './user-identity';
import type { LifecycleEvent, Row } from './types';

const EXTRANET_USER_FIELDS = [
  'extranetGroups',
  'extranetMemberships',
  'visibleToAllExtranet',
  'extranetTokensValidAfter',
];

/** What a write asks of a field: nothing (absent, or the default a new row gets anyway), or a change. */
const asksFor = (value: unknown, creating: boolean) => {
  if (value === undefined) return false;
  if (!creating) return true;
  if (value === null || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object')
    return Object.values(value as object).some((v) => !(Array.isArray(v) && v.length === 0));
  return true;
};

export const registerUserGuard = (strapi: Core.Strapi) => {
  const guardExtranetFields = async (event: LifecycleEvent) => {
    const payload: unknown = event.params?.data;
    if (!payload || typeof payload !== 'object') return;
    // A payload object (Strapi leaves it untyped): its fields are read as unknown.
    const data = payload as Row;
    const principal = await currentPrincipal(strapi);
    if (!isTrusted(principal)) {
      const creating = event.action === 'beforeCreate';
      const field = EXTRANET_USER_FIELDS.find((key) => asksFor(data[key], creating));
      if (field) throw invalidField(field, 'is managed by the Extranet plugin');
    }
    // A new password closes every session opened with the old one (see access/principal.ts).
    if (typeof data.password === 'string' && event.action !== 'beforeCreate')
      data.extranetTokensValidAfter = new Date();
  };

  const refuseDeletingOwners = async (event: LifecycleEvent) => {
    const where = event.params?.where;
    if (!where) return;
    // Only the accounts the caller may read (this lookup goes through the read door as the caller):
    // one it may not read is not deleted, and answers exactly like a missing one, owner or not.
    const users: Array<{ id: number }> = await strapi.db.query(USER_UID).findMany({ select: ['id'], where });
    const ids = users.map((u) => u.id);
    // `deleteMany` deletes by its filter without reading first: keep it to those accounts.
    if (event.action === 'beforeDeleteMany') event.params.where = { id: { $in: ids } };
    if (ids.length === 0) return;
    const owners = await asSystem(() =>
      strapi.db.query(MEMBERSHIP_UID).count({
        where: { user: { id: { $in: ids } }, role: 'owner', workgroup: { id: { $notNull: true } } },
      }),
    );
    if (owners > 0) {
      throw conflict(
        'OwnerRequired',
        'This person owns a workgroup: make another member owner before deleting the account',
      );
    }
  };

  // One account per address and per username (access/user-identity.ts).
  registerIdentityGuard(strapi);
  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    beforeCreate: guardExtranetFields,
    beforeUpdate: guardExtranetFields,
    beforeUpdateMany: guardExtranetFields,
    beforeDelete: refuseDeletingOwners,
    beforeDeleteMany: refuseDeletingOwners,
  });
};
