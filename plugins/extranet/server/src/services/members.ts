import type { Core } from '@strapi/strapi';
import { ACCESS_GROUP_UID, MEMBERSHIP_UID, USER_UID } from '../constants';
import { conflict, forbidden, notFound } from '../errors';
import type { WorkgroupRole } from '../access/rule';
import { asSystem } from '../access/system';
import type { Workgroup } from './workgroup-access';

type Status = 'active' | 'requested' | 'invited';

/** Memberships of one workgroup (SPEC §3). Callers check the powers first (workgroup-access). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const memberships = () => strapi.db.query(MEMBERSHIP_UID);
  const activity = () => strapi.plugin('extranet').service('activity');

  const find = (workgroupId: number, userId: number) =>
    asSystem(() =>
      memberships().findOne({ where: { workgroup: { id: workgroupId }, user: { id: userId } }, populate: { user: { select: ['id'] } } })
    );

  /** Grants `extranet-users` if missing, taking a seat (SPEC §2: inviting an employee adds them). */
  const grantExtranetAccess = async (userId: number) => {
    await strapi.plugin('extranet').service('seats').assertAvailable(userId);
    const group = await strapi.db.query(ACCESS_GROUP_UID).findOne({ where: { key: 'extranet-users' } });
    await strapi.db.query(USER_UID).update({ where: { id: userId }, data: { extranetGroups: { connect: [group.id] } } });
  };

  return {
    find,

    async roleOf(workgroupId: number, userId: number | null): Promise<WorkgroupRole | null> {
      if (!userId) return null;
      const membership = await find(workgroupId, userId);
      return membership?.status === 'active' ? membership.role : null;
    },

    /** Everyone sees the active members; managers also see who asked or was invited. */
    async list(workgroup: Workgroup, { includePending }: { includePending: boolean }) {
      const rows = await asSystem(() =>
        memberships().findMany({
          where: { workgroup: { id: workgroup.id }, ...(includePending ? {} : { status: 'active' }) },
          orderBy: [{ role: 'asc' }, { id: 'asc' }],
          populate: { user: { select: ['id', 'documentId', 'username', 'firstname', 'lastname', 'company', 'position', 'visibleToAllExtranet'], populate: { role: { select: ['type'] } } } },
        })
      );
      return rows
        .filter((m: any) => m.user)
        .map((m: any) => ({
          role: m.role,
          status: m.status,
          joinedAt: m.joinedAt,
          user: {
            id: m.user.id,
            documentId: m.user.documentId,
            username: m.user.username,
            firstname: m.user.firstname,
            lastname: m.user.lastname,
            company: m.user.company,
            position: m.user.position,
            kind: m.user.role?.type === 'extranet' ? 'external' : 'employee',
          },
        }));
    },

    /**
     * Makes `userId` an active member (or activates a pending membership). Run inside a
     * transaction: it may also grant extranet access and take a seat.
     */
    async add(workgroup: Workgroup, userId: number, role: WorkgroupRole, actorId: number | null, status: Status = 'active') {
      return asSystem(() => this.addAsSystem(workgroup, userId, role, actorId, status));
    },

    async addAsSystem(workgroup: Workgroup, userId: number, role: WorkgroupRole, actorId: number | null, status: Status) {
      const existing = await find(workgroup.id, userId);
      if (existing?.status === 'active') return existing;
      if (workgroup.extranet && status === 'active') {
        const holds = await strapi.db.query(USER_UID).count({ where: { id: userId, extranetGroups: { key: 'extranet-users' } } });
        if (!holds) await grantExtranetAccess(userId);
      }
      const data = { role, status, joinedAt: status === 'active' ? new Date() : null };
      const membership = existing
        ? await memberships().update({ where: { id: existing.id }, data })
        : await memberships().create({ data: { ...data, workgroup: workgroup.id, user: userId } });
      if (status === 'active') {
        await activity().record({ type: 'member.joined', workgroup, actorId, subjectUid: USER_UID, subjectDocumentId: String(userId), summary: `user ${userId} joined as ${role}` });
      }
      return membership;
    },

    /** `requested` → `active`, by an owner or moderator. */
    async confirm(workgroup: Workgroup, userId: number, actorId: number) {
      return asSystem(() => strapi.db.transaction(async () => {
        const membership = await find(workgroup.id, userId);
        if (!membership) throw notFound('No such member');
        if (membership.status === 'active') throw conflict('AlreadyMember', 'This person is already an active member');
        return this.add(workgroup, userId, membership.role === 'owner' ? 'member' : membership.role, actorId);
      }));
    },

    /**
     * Role change. Making someone owner transfers ownership: the old owner becomes a moderator in
     * the same transaction, so the group always has exactly one owner.
     */
    async changeRole(workgroup: Workgroup, userId: number, role: WorkgroupRole, actor: { id: number; mayPromote: boolean }) {
      return asSystem(() => strapi.db.transaction(async () => {
        const membership = await find(workgroup.id, userId);
        if (!membership || membership.status !== 'active') throw notFound('No such member');
        if (membership.role === role) return membership;
        if (membership.role === 'owner') {
          throw conflict('OwnerRequired', 'A workgroup always keeps one owner: make another member owner instead');
        }
        if (!actor.mayPromote && (role !== 'member' || membership.role === 'moderator')) {
          throw forbidden('Only the owner changes moderators and ownership');
        }
        if (role === 'owner') {
          const owners = await asSystem(() => memberships().findMany({ where: { workgroup: { id: workgroup.id }, role: 'owner' } }));
          for (const owner of owners) await memberships().update({ where: { id: owner.id }, data: { role: 'moderator' } });
          await strapi.db.query('plugin::extranet.workgroup').update({ where: { id: workgroup.id }, data: { owner: userId } });
        }
        const updated = await memberships().update({ where: { id: membership.id }, data: { role } });
        await activity().record({ type: 'member.role-changed', workgroup, actorId: actor.id, subjectUid: USER_UID, subjectDocumentId: String(userId), summary: `user ${userId} is now ${role}` });
        return updated;
      }));
    },

    /** Managers remove members (only the owner removes moderators); anyone may leave. */
    async remove(workgroup: Workgroup, userId: number, actor: { id: number; mayManage: boolean; mayPromote: boolean }) {
      const actorId = actor.id;
      return asSystem(() => strapi.db.transaction(async () => {
        const membership = await find(workgroup.id, userId);
        if (!membership) throw notFound('No such member');
        const leaving = userId === actor.id;
        if (!leaving && (!actor.mayManage || (membership.role === 'moderator' && !actor.mayPromote))) {
          throw forbidden('Only the owner and moderators remove members; only the owner removes moderators');
        }
        if (membership.role === 'owner' && membership.status === 'active') {
          throw conflict('OwnerRequired', 'A workgroup always keeps one owner: transfer ownership before removing the owner');
        }
        await memberships().delete({ where: { id: membership.id } });
        if (membership.status === 'active') {
          await activity().record({ type: 'member.left', workgroup, actorId, subjectUid: USER_UID, subjectDocumentId: String(userId), summary: `user ${userId} left` });
        }
      }));
    },
  };
};
