/**
 * Users are written by many doors that never reach `strapi.documents` (users-permissions'
 * `/api/users`, its GraphQL mutations, `/api/auth/...`): the query engine sees them all.
 * - The extranet fields of a user (groups, memberships, "visible to all") are the plugin's and the
 *   content editors': no content-API caller writes them, whatever the spelling of the payload
 *   (the query engine only writes the attributes present in `data`).
 * - Nobody, through any door, deletes a workgroup's owner: ownership moves first (SPEC §8 OwnerRequired).
 */
import type { Core } from '@strapi/strapi';
import { MEMBERSHIP_UID, USER_UID } from '../constants';
import { conflict, invalidField } from '../errors';
import { currentPrincipal } from './principal';
import { asSystem } from './system';
import { isTrusted } from './rule';

const EXTRANET_USER_FIELDS = ['extranetGroups', 'extranetMemberships', 'visibleToAllExtranet'];

export const registerUserGuard = (strapi: Core.Strapi) => {
  const refuseExtranetFields = async (event: any) => {
    const data = event.params?.data;
    if (!data || typeof data !== 'object') return;
    const principal = await currentPrincipal(strapi);
    if (isTrusted(principal)) return;
    const field = EXTRANET_USER_FIELDS.find((key) => key in data);
    if (field) throw invalidField(field, 'is managed by the Extranet plugin');
  };

  const refuseDeletingOwners = async (event: any) => {
    const where = event.params?.where;
    if (!where) return;
    const owners = await asSystem(async () => {
      const users = await strapi.db.query(USER_UID).findMany({ select: ['id'], where });
      if (users.length === 0) return 0;
      return strapi.db.query(MEMBERSHIP_UID).count({
        where: { user: { id: { $in: users.map((u: any) => u.id) } }, role: 'owner', workgroup: { id: { $notNull: true } } },
      });
    });
    if (owners > 0) {
      throw conflict('OwnerRequired', 'This person owns a workgroup: make another member owner before deleting the account');
    }
  };

  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    beforeCreate: refuseExtranetFields,
    beforeUpdate: refuseExtranetFields,
    beforeUpdateMany: refuseExtranetFields,
    beforeDelete: refuseDeletingOwners,
    beforeDeleteMany: refuseDeletingOwners,
  });
};
