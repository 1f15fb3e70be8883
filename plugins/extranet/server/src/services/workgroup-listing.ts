import type { Core } from '@strapi/strapi';
import { INVITATION_UID, MEMBERSHIP_UID, WORKGROUP_UID } from '../constants';
import { grantingMembership, type Filter } from '../access/rule';
import type { Workgroup as WorkgroupView } from '../../../shared/contracts/workgroups';

const PERSON = ['id', 'username', 'email', 'firstname', 'lastname', 'company'];
const ADMIN_USER = ['id', 'firstname', 'lastname', 'email'];

/**
 * Workgroups as the admin pages list them (SPEC §9): with their topic, owner, managers and the
 * counts of active members and live pending invitations. Callers pass the editor's reach.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const countBy = async (uid: string, ids: number[], where: Filter) => {
    const rows = ids.length
      ? await strapi.db.query(uid).findMany({ select: ['id'], where: { ...where, workgroup: { id: { $in: ids } } }, populate: { workgroup: { select: ['id'] } } })
      : [];
    const counts = new Map<number, number>();
    for (const row of rows as any[]) if (row.workgroup) counts.set(row.workgroup.id, (counts.get(row.workgroup.id) ?? 0) + 1);
    return counts;
  };

  const shape = async (rows: any[]): Promise<WorkgroupView[]> => {
    const ids = rows.map((r) => r.id);
    const [members, invitations] = await Promise.all([
      countBy(MEMBERSHIP_UID, ids, grantingMembership()),
      countBy(INVITATION_UID, ids, { status: 'pending', expiresAt: { $gt: new Date() } }),
    ]);
    return rows.map((r) => ({
      documentId: r.documentId,
      name: r.name,
      description: r.description ?? null,
      keywords: r.keywords ?? null,
      extranet: !!r.extranet,
      archived: !!r.archived,
      archivedAt: r.archivedAt ?? null,
      topic: r.topic ? { documentId: r.topic.documentId, name: r.topic.name } : null,
      owner: r.owner
        ? { id: r.owner.id, username: r.owner.username, email: r.owner.email, firstname: r.owner.firstname ?? null, lastname: r.owner.lastname ?? null, company: r.owner.company ?? null }
        : null,
      members: members.get(r.id) ?? 0,
      pendingInvitations: invitations.get(r.id) ?? 0,
      managers: (r.managers ?? []).map((m: any) => ({ id: m.id, firstname: m.firstname ?? null, lastname: m.lastname ?? null, email: m.email })),
      createdAt: r.createdAt,
    }));
  };

  const populate = {
    topic: { select: ['documentId', 'name'] },
    owner: { select: PERSON },
    managers: { select: ADMIN_USER },
  };

  return {
    async findPage({ where, page, pageSize }: { where: Filter; page: number; pageSize: number }) {
      const query = strapi.db.query(WORKGROUP_UID);
      const [rows, total] = await Promise.all([
        query.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], offset: (page - 1) * pageSize, limit: pageSize, populate }),
        query.count({ where }),
      ]);
      return { results: await shape(rows), pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } };
    },

    async findOne(id: number) {
      const row = await strapi.db.query(WORKGROUP_UID).findOne({ where: { id }, populate });
      return row ? (await shape([row]))[0] : null;
    },
  };
};
