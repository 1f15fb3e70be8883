import { factories, type Core } from '@strapi/strapi';
import { findPage } from '../utils/find-page';
import {
  ACTIVITY_UID,
  ADMIN_USER_UID,
  INVITATION_UID,
  MEMBERSHIP_UID,
  TOPIC_UID,
  WORKGROUP_UID,
} from '../constants';
import type { ExtranetConfig } from '../config';
import { conflict, forbidden, invalidField, workgroupArchived } from '../errors';
import { canCreateWorkgroup, grantingMembership, type Filter, type Governance } from '../access/rule';
import type { Workgroup as WorkgroupView } from '../../../shared/contracts/workgroups';
import type { Principal } from '../access/principal';
import { asSystem } from '../access/system';
import type { Workgroup } from './workgroup-access';
import { personRef } from './people';
import { getService } from '../utils';

export interface WorkgroupInput {
  name?: string;
  description?: string | null;
  keywords?: string | null;
  topic?: string;
  extranet?: boolean;
}

export type NewWorkgroupInput = Required<Pick<WorkgroupInput, 'name' | 'topic' | 'extranet'>> &
  WorkgroupInput;

const PERSON = ['id', 'username', 'email', 'firstname', 'lastname', 'company'];
const ADMIN_USER = ['id', 'firstname', 'lastname', 'email'];

/**
 * Strapi's core service for `find`/`findOne` (the query engine scopes them), and creating,
 * editing, archiving and deleting workgroups (SPEC §3), named apart from the core service's own
 * writes; and workgroups as the admin pages list them (SPEC §9).
 */
const createWorkgroupService = ({ strapi }: { strapi: Core.Strapi }) => {
  const activity = () => getService('activity', { strapi });

  const topicId = async (documentId: string) => {
    const topic = await strapi.db.query(TOPIC_UID).findOne({ select: ['id'], where: { documentId } });
    if (!topic) throw invalidField('topic', 'no such topic');
    return topic.id as number;
  };

  const assertNameFree = async (name: string, topic: number, exceptId?: number) => {
    const clash = await asSystem(() =>
      strapi.db.query(WORKGROUP_UID).findOne({
        select: ['id'],
        where: { name: { $eqi: name }, topic: { id: topic }, ...(exceptId ? { id: { $ne: exceptId } } : {}) },
      }),
    );
    if (clash)
      throw conflict('WorkgroupNameTaken', `A workgroup named "${name}" already exists in this topic`, {
        field: 'name',
      });
  };

  // The caller's principal was loaded before this request changed its memberships: the service
  // has checked the caller's rights, so it reads its own result as system.
  const output = (id: number) =>
    asSystem(() =>
      strapi.db
        .query(WORKGROUP_UID)
        .findOne({ where: { id }, populate: { topic: { select: ['documentId', 'name'] } } }),
    );

  const countBy = async (uid: string, ids: number[], where: Filter) => {
    const rows = ids.length
      ? await strapi.db.query(uid).findMany({
          select: ['id'],
          where: { ...where, workgroup: { id: { $in: ids } } },
          populate: { workgroup: { select: ['id'] } },
        })
      : [];
    const counts = new Map<number, number>();
    for (const row of rows as any[])
      if (row.workgroup) counts.set(row.workgroup.id, (counts.get(row.workgroup.id) ?? 0) + 1);
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
      owner: r.owner ? { ...personRef(r.owner), email: r.owner.email } : null,
      members: members.get(r.id) ?? 0,
      pendingInvitations: invitations.get(r.id) ?? 0,
      managers: (r.managers ?? []).map((m: any) => ({
        id: m.id,
        firstname: m.firstname ?? null,
        lastname: m.lastname ?? null,
        email: m.email,
      })),
      createdAt: r.createdAt,
    }));
  };

  const populate = {
    topic: { select: ['documentId', 'name'] },
    owner: { select: PERSON },
    managers: { select: ADMIN_USER },
  };

  return {
    async createByUser(principal: Principal, input: NewWorkgroupInput) {
      if (!canCreateWorkgroup(principal, input.extranet))
        throw forbidden('You may not create this workgroup');
      return this.createOwned(input, { ownerId: principal.userId!, actorId: principal.userId });
    },

    /**
     * Creates the workgroup with `ownerId` as its owner (the creator on the API; the user an
     * editor names in the admin, SPEC §9) and, from the admin, the editors who manage it.
     */
    async createOwned(
      input: NewWorkgroupInput,
      { ownerId, actorId, managers = [] }: { ownerId: number; actorId: number | null; managers?: number[] },
    ) {
      const topic = await topicId(input.topic);
      // As system: the new group is not readable by its creator until the owner membership exists.
      const id = await asSystem(() =>
        strapi.db.transaction(async () => {
          await assertNameFree(input.name, topic);
          const row = await strapi.db.query(WORKGROUP_UID).create({
            data: {
              name: input.name,
              description: input.description ?? null,
              keywords: input.keywords ?? null,
              topic,
              extranet: input.extranet,
              archived: false,
              owner: ownerId,
              ...(managers.length ? { managers } : {}),
            },
          });
          const workgroup = { ...row, extranet: !!row.extranet, archived: false } as Workgroup;
          await activity().record({
            type: 'workgroup.created',
            workgroup,
            actorId,
            summary: `created ${row.name}`,
          });
          await getService('membership', { strapi }).add(workgroup, ownerId, 'owner', actorId);
          return row.id as number;
        }),
      );
      return output(id);
    },

    async edit(workgroup: Workgroup, principal: Principal, input: WorkgroupInput) {
      if (input.extranet !== undefined && input.extranet !== workgroup.extranet) {
        throw invalidField('extranet', 'cannot change: the site of a workgroup is fixed when it is created');
      }
      const data: Record<string, unknown> = {};
      for (const key of ['name', 'description', 'keywords'] as const)
        if (input[key] !== undefined) data[key] = input[key];
      await asSystem(() =>
        strapi.db.transaction(async () => {
          const current = await asSystem(() =>
            strapi.db
              .query(WORKGROUP_UID)
              .findOne({ where: { id: workgroup.id }, populate: { topic: { select: ['id'] } } }),
          );
          const topic = input.topic ? await topicId(input.topic) : current.topic?.id;
          if (input.topic) data.topic = topic;
          if (input.name !== undefined || input.topic)
            await assertNameFree((input.name ?? current.name) as string, topic, workgroup.id);
          await strapi.db.query(WORKGROUP_UID).update({ where: { id: workgroup.id }, data });
          await activity().record({
            type: 'workgroup.updated',
            workgroup,
            actorId: principal.userId,
            summary: `updated ${Object.keys(data).join(', ')}`,
          });
        }),
      );
      return output(workgroup.id);
    },

    async setArchived(workgroup: Workgroup, principal: Principal, archived: boolean) {
      await asSystem(() =>
        strapi.db.transaction(async () => {
          await strapi.db.query(WORKGROUP_UID).update({
            where: { id: workgroup.id },
            data: { archived, archivedAt: archived ? new Date() : null },
          });
          await activity().record({
            type: archived ? 'workgroup.archived' : 'workgroup.unarchived',
            workgroup,
            actorId: principal.userId,
          });
        }),
      );
      return output(workgroup.id);
    },

    /** The admin users who manage the workgroup in the admin panel (SPEC §3 `managers`). */
    async setManagers(workgroup: Workgroup, managerIds: number[]) {
      if (workgroup.archived) throw workgroupArchived();
      const ids = [...new Set(managerIds)];
      await asSystem(() =>
        strapi.db.transaction(async () => {
          const found = ids.length
            ? await strapi.db.query(ADMIN_USER_UID).count({ where: { id: { $in: ids } } })
            : 0;
          if (found !== ids.length) throw invalidField('managers', 'names an admin user that does not exist');
          await strapi.db
            .query(WORKGROUP_UID)
            .update({ where: { id: workgroup.id }, data: { managers: ids } });
        }),
      );
    },

    /**
     * Deleting erases the workgroup with everything bound to it — memberships, invitations,
     * activity and its items in every scoped type — in one transaction. (Archive keeps them.)
     * Leaving the items behind without a workgroup would turn them into site-wide extranet
     * content, visible to every partner.
     */
    async deleteWithBoundRows(workgroup: Workgroup) {
      await asSystem(() =>
        strapi.db.transaction(async () => {
          await this.removeBoundRows(workgroup.id);
          await strapi.db.query(WORKGROUP_UID).delete({ where: { id: workgroup.id } });
        }),
      );
    },

    assertNameFree,

    /** Everything bound to a workgroup, for its deletion (run inside the deleting transaction). */
    async removeBoundRows(workgroupId: number) {
      const { scoped } = strapi.config.get('plugin::extranet') as ExtranetConfig as Governance;
      await asSystem(async () => {
        for (const [uid, config] of Object.entries(scoped)) {
          if (config.mode !== 'workgroup') continue;
          const items = await strapi.db
            .query(uid as any)
            .findMany({ select: ['documentId'], where: { workgroup: { id: workgroupId } } });
          for (const documentId of new Set(items.map((i: any) => i.documentId as string))) {
            await strapi.documents(uid as any).delete({ documentId });
          }
        }
        for (const uid of [MEMBERSHIP_UID, INVITATION_UID, ACTIVITY_UID]) {
          const rows = await strapi.db
            .query(uid)
            .findMany({ select: ['id'], where: { workgroup: { id: workgroupId } } });
          for (const row of rows) await strapi.db.query(uid).delete({ where: { id: row.id } });
        }
      });
    },

    async findPageForAdmin({ where, page, pageSize }: { where: Filter; page: number; pageSize: number }) {
      const { results, pagination } = await findPage(strapi, WORKGROUP_UID, {
        where,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        page,
        pageSize,
        populate,
      });
      return { results: await shape(results), pagination };
    },

    async findOneForAdmin(id: number) {
      const row = await strapi.db.query(WORKGROUP_UID).findOne({ where: { id }, populate });
      return row ? (await shape([row]))[0] : null;
    },
  };
};

export type WorkgroupService = ReturnType<typeof createWorkgroupService>;

export default factories.createCoreService(WORKGROUP_UID, createWorkgroupService);
