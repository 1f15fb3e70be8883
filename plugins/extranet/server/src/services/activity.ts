import type { Core } from '@strapi/strapi';
import { findPage } from '../utils/find-page';
import { ACTIVITY_UID } from '../constants';
import { asSystem } from '../access/system';
import { refreshAudience } from '../access/audience';

export type ActivityType =
  | 'item.created'
  | 'item.updated'
  | 'item.deleted'
  | 'member.joined'
  | 'member.left'
  | 'member.renewed'
  | 'member.suspended'
  | 'member.role-changed'
  | 'member.requested'
  | 'invitation.sent'
  | 'invitation.accepted'
  | 'invitation.cancelled'
  | 'invitation.resent'
  | 'invitation.expired'
  | 'workgroup.created'
  | 'workgroup.updated'
  | 'workgroup.archived'
  | 'workgroup.unarchived';

export interface ActivityEvent {
  type: ActivityType;
  workgroup: { id: number; extranet: boolean };
  actorId?: number | null;
  subjectUid?: string;
  subjectDocumentId?: string;
  summary?: string;
}

/** The workgroup's event log (SPEC §6). Writes run inside the caller's transaction, if any. */
const createActivityService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async record(event: ActivityEvent) {
    await asSystem(async () => {
      const row = await strapi.db.query(ACTIVITY_UID).create({
        data: {
          type: event.type,
          workgroup: event.workgroup.id,
          extranet: event.workgroup.extranet,
          actor: event.actorId ?? null,
          subjectUid: event.subjectUid ?? null,
          subjectDocumentId: event.subjectDocumentId ?? null,
          summary: event.summary?.slice(0, 255) ?? null,
        },
      });
      // Its workgroup's audience, from the stored link (access/audience.ts).
      await refreshAudience(strapi, ACTIVITY_UID, { ids: [row.id] });
    });
  },

  /** Newest first, only events of workgroups the caller can read (the query engine scopes them). */
  async list({ workgroupId, page, pageSize }: { workgroupId?: number; page: number; pageSize: number }) {
    const where = workgroupId ? { workgroup: { id: workgroupId } } : {};
    const { results, pagination } = await findPage(strapi, ACTIVITY_UID, {
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      page,
      pageSize,
      populate: {
        workgroup: { select: ['documentId', 'name'] },
        actor: { select: ['id', 'username', 'firstname', 'lastname'] },
      },
    });
    return {
      results: results.map((a: any) => ({
        id: a.id,
        documentId: a.documentId,
        type: a.type,
        extranet: !!a.extranet,
        summary: a.summary,
        subjectUid: a.subjectUid,
        subjectDocumentId: a.subjectDocumentId,
        createdAt: a.createdAt,
        workgroup: a.workgroup,
        actor: a.actor,
      })),
      pagination,
    };
  },
});

export type ActivityService = ReturnType<typeof createActivityService>;

export default createActivityService;
