import type { Core } from '@strapi/strapi';
import { findPage } from '../utils/find-page';
import { EXTRANET_ROLE, MEMBERSHIP_UID, USER_UID } from '../constants';
import { notFound, invalidField } from '../errors';
import { asSystem } from '../access/system';
import { PUBLIC_PERSON } from './people';

export interface ExternalProfile {
  firstname?: string;
  lastname?: string;
  company?: string | null;
  position?: string | null;
  email?: string;
}

/** Extranet admins manage partner accounts (SPEC §2); employees are managed by the company. */
const createExternalService = ({ strapi }: { strapi: Core.Strapi }) => {
  const users = () => strapi.db.query(USER_UID);
  const external = { role: { type: EXTRANET_ROLE.type } };
  const select = [...PUBLIC_PERSON, 'email', 'blocked', 'createdAt'];

  const load = async (id: number) => {
    const user = await asSystem(() => users().findOne({ select: ['id'], where: { id, ...external } }));
    if (!user) throw notFound('No such external user');
    return user;
  };
  const output = (id: number) =>
    asSystem(() =>
      users().findOne({ select, where: { id }, populate: { extranetGroups: { select: ['key'] } } }),
    ).then((u: any) => ({
      ...u,
      extranetGroups: (u.extranetGroups ?? []).map((g: any) => g.key),
    }));

  return {
    async list(page: number, pageSize: number) {
      return asSystem(() =>
        findPage(strapi, USER_UID, { select, where: external, orderBy: [{ id: 'asc' }], page, pageSize }),
      );
    },

    async update(id: number, profile: ExternalProfile) {
      await load(id);
      await asSystem(() =>
        strapi.db.transaction(async () => {
          // One account per address: sign-in, invitations and password resets find people by it.
          if (
            profile.email &&
            (await users().count({ where: { email: { $eqi: profile.email }, id: { $ne: id } } })) > 0
          ) {
            throw invalidField('email', 'is already the address of another account');
          }
          await users().update({ where: { id }, data: profile });
        }),
      );
      return output(id);
    },

    async setBlocked(id: number, blocked: boolean) {
      await load(id);
      await asSystem(() => users().update({ where: { id }, data: { blocked } }));
      return output(id);
    },

    /** Deletes the account, its memberships and its seat, in one transaction. */
    async remove(id: number) {
      await load(id);
      await asSystem(() =>
        strapi.db.transaction(async () => {
          const memberships = await strapi.db
            .query(MEMBERSHIP_UID)
            .findMany({ select: ['id'], where: { user: { id } } });
          // First the account: an owner's deletion is refused (user-guard.ts) before anything changes.
          await users().delete({ where: { id } });
          for (const m of memberships) await strapi.db.query(MEMBERSHIP_UID).delete({ where: { id: m.id } });
        }),
      );
    },
  };
};

export type ExternalService = ReturnType<typeof createExternalService>;

export default createExternalService;
