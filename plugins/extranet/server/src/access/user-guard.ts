/**
 * Users are written by many doors that never reach `strapi.documents` (users-permissions'
 * `/api/users`, its GraphQL mutations, `/api/auth/...`): the query engine sees them all.
 * - The extranet fields of a user (groups, memberships, "visible to all") are the plugin's and the
 *   content editors': no content-API caller writes them, whatever the spelling of the payload
 *   (the query engine only writes the attributes present in `data`).
 * - A password change ends the sessions opened before it.
 * - Nobody, through any door, deletes a workgroup's owner: ownership moves first (SPEC §8 OwnerRequired).
 */
import type { Core } from '@strapi/strapi';
import { MEMBERSHIP_UID, USER_UID } from '../constants';
import { conflict, invalidField } from '../errors';
import { currentPrincipal } from './principal';
import { asSystem } from './system';
import { isTrusted } from './rule';

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
  const guardExtranetFields = async (event: any) => {
    const data = event.params?.data;
    if (!data || typeof data !== 'object') return;
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

  const refuseDeletingOwners = async (event: any) => {
    const where = event.params?.where;
    if (!where) return;
    const owners = await asSystem(async () => {
      const users = await strapi.db.query(USER_UID).findMany({ select: ['id'], where });
      if (users.length === 0) return 0;
      return strapi.db.query(MEMBERSHIP_UID).count({
        where: {
          user: { id: { $in: users.map((u: any) => u.id) } },
          role: 'owner',
          workgroup: { id: { $notNull: true } },
        },
      });
    });
    if (owners > 0) {
      throw conflict(
        'OwnerRequired',
        'This person owns a workgroup: make another member owner before deleting the account',
      );
    }
  };

  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    beforeCreate: guardExtranetFields,
    beforeUpdate: guardExtranetFields,
    beforeUpdateMany: guardExtranetFields,
    beforeDelete: refuseDeletingOwners,
    beforeDeleteMany: refuseDeletingOwners,
  });
};
