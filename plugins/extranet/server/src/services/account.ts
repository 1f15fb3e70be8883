import type { Core } from '@strapi/strapi';
import { INVITATION_UID, MEMBERSHIP_UID, MESSAGE_UID, USER_UID, WORKGROUP_UID } from '../constants';
import { conflict, forbidden, invalidField } from '../errors';
import type { Principal } from '../access/principal';
import { asSystem } from '../access/system';
import { getService } from '../utils';

/** Self-service of one's own account (SPEC §10). */
const createAccountService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * An external deletes their own account, proving it with the password, in one transaction:
   * memberships and pending invitations go, the seat is freed with the account, messages they
   * sent or received stay for the other side (under "Former partner"), tickets stay authorless.
   */
  async deleteOwnExternalAccount(principal: Principal, password: string) {
    if (principal.kind !== 'external' || !principal.userId) {
      throw forbidden('Only partners delete their own account; employee accounts are managed by the company');
    }
    const userId = principal.userId;
    return asSystem(() =>
      strapi.db.transaction(async () => {
        const users = strapi.plugin('users-permissions').service('user');
        const account = await strapi.db
          .query(USER_UID)
          .findOne({ select: ['id', 'email', 'password'], where: { id: userId } });
        const valid = !!account?.password && (await users.validatePassword(password, account.password));
        if (!valid) throw invalidField('password', 'is not the password of this account');
        const [ownerOf, ownerMember] = await Promise.all([
          strapi.db.query(WORKGROUP_UID).count({ where: { owner: { id: userId } } }),
          strapi.db.query(MEMBERSHIP_UID).count({ where: { user: { id: userId }, role: 'owner' } }),
        ]);
        if (ownerOf || ownerMember)
          throw conflict(
            'OwnerRequired',
            'You own a workgroup: hand ownership over before deleting your account',
          );

        const messageIds = async (side: 'sender' | 'recipient') =>
          (
            await strapi.db.query(MESSAGE_UID).findMany({ select: ['id'], where: { [side]: { id: userId } } })
          ).map((m: any) => m.id);
        const sent = await messageIds('sender');
        const received = await messageIds('recipient');
        if (sent.length)
          await strapi.db
            .query(MESSAGE_UID)
            .updateMany({ where: { id: { $in: sent } }, data: { formerSenderId: userId } });
        if (received.length)
          await strapi.db
            .query(MESSAGE_UID)
            .updateMany({ where: { id: { $in: received } }, data: { formerRecipientId: userId } });
        const memberships = await strapi.db.query(MEMBERSHIP_UID).findMany({
          where: { user: { id: userId }, status: 'active' },
          populate: { workgroup: { select: ['id', 'extranet'] } },
        });
        for (const { workgroup } of memberships.filter((m: any) => m.workgroup)) {
          await getService('activity', { strapi }).record({
            type: 'member.left',
            workgroup: { id: workgroup.id, extranet: !!workgroup.extranet },
            subjectUid: USER_UID,
            subjectDocumentId: String(userId),
            summary: `user ${userId} deleted their account`,
          });
        }
        await strapi.db.query(MEMBERSHIP_UID).deleteMany({ where: { user: { id: userId } } });
        await strapi.db
          .query(INVITATION_UID)
          .deleteMany({ where: { status: 'pending', email: { $eqi: account.email } } });
        await strapi.db.query(USER_UID).delete({ where: { id: userId } });
      }),
    );
  },
});

export default createAccountService;
export type AccountService = ReturnType<typeof createAccountService>;
