import type { Core } from '@strapi/strapi';
import { ACCESS_GROUP_UID, MEMBERSHIP_UID, USER_UID, WORKGROUP_UID } from '../constants';
import { conflict, forbidden, notFound } from '../errors';
import { isGrantingMembership, kindOfUser, type WorkgroupRole } from '../access/rule';
import { asSystem } from '../access/system';
import { PUBLIC_PERSON } from './people';
import type { Workgroup } from './workgroup-access';
import { getService } from '../utils';

type Status = 'active' | 'requested' | 'invited';

/** SPEC §10: when a membership ends by itself, and the employee responsible for the person. */
export interface MembershipTerms {
  expiresAt?: Date | null;
  sponsorId?: number | null;
}

/** Memberships of one workgroup (SPEC §3). Callers check the powers first (workgroup-access). */
const createMembershipService = ({ strapi }: { strapi: Core.Strapi }) => {
  const memberships = () => strapi.db.query(MEMBERSHIP_UID);
  const activity = () => getService('activity', { strapi });

  const find = (workgroupId: number, userId: number) =>
    asSystem(() =>
      memberships().findOne({
        where: { workgroup: { id: workgroupId }, user: { id: userId } },
        populate: { user: { select: ['id'] }, sponsor: { select: ['id'] } },
      }),
    );

  /** Grants `extranet-users` if missing, taking a seat (SPEC §2: inviting an employee adds them). */
  const grantExtranetAccess = async (userId: number) => {
    await getService('seat', { strapi }).assertAvailable(userId);
    const group = await strapi.db.query(ACCESS_GROUP_UID).findOne({ where: { key: 'extranet-users' } });
    await strapi.db
      .query(USER_UID)
      .update({ where: { id: userId }, data: { extranetGroups: { connect: [group.id] } } });
  };

  return {
    find,

    async roleOf(workgroupId: number, userId: number | null): Promise<WorkgroupRole | null> {
      if (!userId) return null;
      const membership = await find(workgroupId, userId);
      return isGrantingMembership(membership) ? membership.role : null;
    },

    /** Everyone sees the active members; managers also see who asked or was invited. */
    async list(workgroup: Pick<Workgroup, 'id'>, { includePending }: { includePending: boolean }) {
      const rows = await asSystem(() =>
        memberships().findMany({
          where: { workgroup: { id: workgroup.id }, ...(includePending ? {} : { status: 'active' }) },
          orderBy: [{ role: 'asc' }, { id: 'asc' }],
          populate: {
            sponsor: { select: ['id'] },
            user: { select: PUBLIC_PERSON, populate: { role: { select: ['type'] } } },
          },
        }),
      );
      // An expired membership is still listed to managers (who renew it), never as a member.
      return rows
        .filter((m: any) => m.user && (includePending || isGrantingMembership(m)))
        .map((m: any) => ({
          role: m.role,
          status: m.status,
          joinedAt: m.joinedAt,
          expiresAt: m.expiresAt ?? null,
          expired: m.status === 'active' && !isGrantingMembership(m),
          sponsor: m.sponsor?.id ?? null,
          user: {
            id: m.user.id,
            documentId: m.user.documentId,
            username: m.user.username,
            firstname: m.user.firstname,
            lastname: m.user.lastname,
            company: m.user.company,
            position: m.user.position,
            kind: kindOfUser(m.user),
          },
        }));
    },

    /**
     * Makes `userId` an active member (or activates a pending membership). Run inside a
     * transaction: it may also grant extranet access and take a seat.
     */
    async add(
      workgroup: Workgroup,
      userId: number,
      role: WorkgroupRole,
      actorId: number | null,
      status: Status = 'active',
      terms: MembershipTerms = {},
    ) {
      return asSystem(() => this.addAsSystem(workgroup, userId, role, actorId, status, terms));
    },

    async addAsSystem(
      workgroup: Workgroup,
      userId: number,
      role: WorkgroupRole,
      actorId: number | null,
      status: Status,
      terms: MembershipTerms = {},
    ) {
      const existing = await find(workgroup.id, userId);
      if (isGrantingMembership(existing)) return existing;
      if (workgroup.extranet && status === 'active') {
        const holds = await strapi.db
          .query(USER_UID)
          .count({ where: { id: userId, extranetGroups: { key: 'extranet-users' } } });
        if (!holds) await grantExtranetAccess(userId);
      }
      const data = {
        role,
        status,
        joinedAt: status === 'active' ? new Date() : null,
        expiresAt: terms.expiresAt ?? null,
        sponsor: terms.sponsorId ?? null,
      };
      const membership = existing
        ? await memberships().update({ where: { id: existing.id }, data })
        : await memberships().create({ data: { ...data, workgroup: workgroup.id, user: userId } });
      if (status === 'active') {
        await activity().record({
          type: 'member.joined',
          workgroup,
          actorId,
          subjectUid: USER_UID,
          subjectDocumentId: String(userId),
          summary: `user ${userId} joined as ${role}`,
        });
      }
      return membership;
    },

    /** `requested` → `active`, by an owner or moderator. */
    async confirm(workgroup: Workgroup, userId: number, actorId: number | null) {
      return asSystem(() =>
        strapi.db.transaction(async () => {
          const membership = await find(workgroup.id, userId);
          if (!membership) throw notFound('No such member');
          if (isGrantingMembership(membership))
            throw conflict('AlreadyMember', 'This person is already an active member');
          return this.add(
            workgroup,
            userId,
            membership.role === 'owner' ? 'member' : membership.role,
            actorId,
          );
        }),
      );
    },

    /**
     * Role change. Making someone owner transfers ownership: the old owner becomes a moderator in
     * the same transaction, so the group always has exactly one owner.
     */
    async changeRole(
      workgroup: Workgroup,
      userId: number,
      role: WorkgroupRole,
      actor: { id: number | null; mayPromote: boolean },
    ) {
      return asSystem(() =>
        strapi.db.transaction(async () => {
          const membership = await find(workgroup.id, userId);
          if (!membership || membership.status !== 'active') throw notFound('No such member');
          if (membership.role === role) return membership;
          if (membership.role === 'owner') {
            throw conflict(
              'OwnerRequired',
              'A workgroup always keeps one owner: make another member owner instead',
            );
          }
          if (!actor.mayPromote && (role !== 'member' || membership.role === 'moderator')) {
            throw forbidden('Only the owner changes moderators and ownership');
          }
          if (role === 'owner') {
            const owners = await asSystem(() =>
              memberships().findMany({ where: { workgroup: { id: workgroup.id }, role: 'owner' } }),
            );
            for (const owner of owners)
              await memberships().update({ where: { id: owner.id }, data: { role: 'moderator' } });
            await strapi.db
              .query(WORKGROUP_UID)
              .update({ where: { id: workgroup.id }, data: { owner: userId } });
          }
          const updated = await memberships().update({ where: { id: membership.id }, data: { role } });
          await activity().record({
            type: 'member.role-changed',
            workgroup,
            actorId: actor.id,
            subjectUid: USER_UID,
            subjectDocumentId: String(userId),
            summary: `user ${userId} is now ${role}`,
          });
          return updated;
        }),
      );
    },

    /**
     * SPEC §10: a new expiry `days` from now (the sponsor, owner, moderators and extranet admins;
     * the caller checks who). An expired membership renewed grants access again at once.
     */
    async renew(workgroup: Workgroup, userId: number, days: number, actorId: number | null) {
      return asSystem(() =>
        strapi.db.transaction(async () => {
          const membership = await find(workgroup.id, userId);
          if (!membership || membership.status !== 'active') throw notFound('No such member');
          const expiresAt = new Date(Date.now() + days * 86_400_000);
          await memberships().update({
            where: { id: membership.id },
            data: { expiresAt, expiryReminderSentAt: null },
          });
          await activity().record({
            type: 'member.renewed',
            workgroup,
            actorId,
            subjectUid: USER_UID,
            subjectDocumentId: String(userId),
            summary: `membership of user ${userId} renewed until ${expiresAt.toISOString()}`,
          });
          return expiresAt;
        }),
      );
    },

    /** Managers remove members (only the owner removes moderators); anyone may leave. */
    async remove(
      workgroup: Workgroup,
      userId: number,
      actor: { id: number | null; mayManage: boolean; mayPromote: boolean },
    ) {
      const actorId = actor.id;
      return asSystem(() =>
        strapi.db.transaction(async () => {
          const membership = await find(workgroup.id, userId);
          if (!membership) throw notFound('No such member');
          const leaving = userId === actor.id;
          if (!leaving && (!actor.mayManage || (membership.role === 'moderator' && !actor.mayPromote))) {
            throw forbidden(
              'Only the owner and moderators remove members; only the owner removes moderators',
            );
          }
          if (membership.role === 'owner' && membership.status === 'active') {
            throw conflict(
              'OwnerRequired',
              'A workgroup always keeps one owner: transfer ownership before removing the owner',
            );
          }
          await memberships().delete({ where: { id: membership.id } });
          if (membership.status === 'active') {
            await activity().record({
              type: 'member.left',
              workgroup,
              actorId,
              subjectUid: USER_UID,
              subjectDocumentId: String(userId),
              summary: `user ${userId} left`,
            });
          }
        }),
      );
    },
  };
};

export type MembershipService = ReturnType<typeof createMembershipService>;

export default createMembershipService;
