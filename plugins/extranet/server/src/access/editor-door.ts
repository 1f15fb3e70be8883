/**
 * Workgroups, topics and users written through `strapi.documents` by anyone but the plugin's
 * services — in practice content editors in the content manager (SPEC §9). The raw rows obey the
 * same rules as the API (SPEC §3): the site flag is fixed, one owner who is a member, externals
 * only in extranet groups, names unique per topic, deletion takes everything bound to the group,
 * and granting `extranet-users` takes a seat. Judged on what was stored, inside the write's
 * transaction.
 */
import type { Core } from '@strapi/strapi';
import { EXTRANET_ROLE, MEMBERSHIP_UID, TOPIC_UID, USER_UID, WORKGROUP_UID } from '../constants';
import { conflict, externalNotAllowed, invalidField, workgroupArchived } from '../errors';
import { asSystem } from './system';
import { getService } from '../utils';
import {
  requestState,
  type DocumentContext,
  type DocumentParams,
  type Next,
  type WriteResult,
} from './types';

type Ref = { id: number };

/** A workgroup as the door loads it (trusted read), with the links it judges. */
interface WorkgroupRow {
  id: number;
  documentId: string;
  name: string;
  extranet?: boolean | null;
  archived?: boolean | null;
  topic?: Ref | null;
  owner?: (Ref & { role?: { type?: string | null } | null }) | null;
  memberships?: Ref[];
  invitations?: Ref[];
}

/** A user as the door loads it (trusted read): its kind, memberships and access groups. */
interface UserRow {
  id: number;
  role?: { type?: string | null } | null;
  extranetMemberships?: Array<Ref & { workgroup?: { id: number; extranet?: boolean | null } | null }>;
  extranetGroups?: Array<{ key: string }>;
}

const sameIds = (a: number[], b: number[]) => a.length === b.length && a.every((id) => b.includes(id));
const ids = (rows: Ref[] | undefined) => (rows ?? []).map((r) => r.id).sort((x, y) => x - y);

export const createEditorDoor = (strapi: Core.Strapi) => {
  const loadWorkgroup = (documentId: string): Promise<WorkgroupRow | null> =>
    asSystem(() =>
      strapi.db.query(WORKGROUP_UID).findOne({
        where: { documentId },
        populate: {
          topic: { select: ['id'] },
          owner: { select: ['id'], populate: { role: { select: ['type'] } } },
          memberships: { select: ['id'] },
          invitations: { select: ['id'] },
        },
      }),
    );

  /**
   * SPEC §9: an editor who creates a workgroup becomes one of its managers, so that "Manager of
   * the workgroup" keeps it in their reach; a form that names the managers decides itself.
   * Super admins manage everything and are not added.
   */
  const defaultManagers = (params: DocumentParams) => {
    const editor = requestState(strapi)?.user;
    const superAdmin = (editor?.roles ?? []).some((role) => role.code === 'strapi-super-admin');
    if (
      !editor?.id ||
      superAdmin ||
      !params.data ||
      typeof params.data !== 'object' ||
      params.data.managers !== undefined
    )
      return;
    params.data.managers = { connect: [{ id: editor.id }] };
  };

  const workgroupWrite = async (ctx: DocumentContext, next: Next) => {
    const { action, params } = ctx;
    if (action === 'create') defaultManagers(params);
    const before = params.documentId ? await loadWorkgroup(params.documentId) : null;
    return strapi.db.transaction(async () => {
      if (action === 'delete') {
        if (before) await getService('workgroup', { strapi }).removeBoundRows(before.id);
        return next();
      }
      // The document service's answer to the write (Strapi types it per action).
      const result = (await next()) as WriteResult;
      if (!['create', 'update', 'clone'].includes(action) || !result?.documentId) return result;
      // The write stored it, in this transaction: it is there to load.
      const after = (await loadWorkgroup(result.documentId)) as WorkgroupRow;
      const created = action !== 'update';
      // Not created: an update, which found the document it stored (`before` is read below only then).
      const workgroup = {
        id: after.id,
        documentId: after.documentId,
        name: after.name,
        extranet: !!after.extranet,
        archived: !!after.archived,
      };

      // SPEC §3: an archived workgroup is read-only; archiving and unarchiving are the editor's to do.
      if (!created && before!.archived && workgroup.archived) throw workgroupArchived();
      if (!created && !!before!.extranet !== workgroup.extranet) {
        throw invalidField('extranet', 'cannot change: the site of a workgroup is fixed when it is created');
      }
      // Members and invitations come and go through the plugin (roles, seats, tokens), never as raw links.
      for (const field of ['memberships', 'invitations'] as const) {
        if (!sameIds(created ? [] : ids(before![field]), ids(after[field]))) {
          throw invalidField(field, 'is managed on the Extranet pages, not here');
        }
      }
      if (!after.topic) throw invalidField('topic', 'is required');
      if (created || before!.name !== after.name || before!.topic?.id !== after.topic.id) {
        await getService('workgroup', { strapi }).assertNameFree(after.name, after.topic.id, after.id);
      }
      if (created) {
        if (!after.owner) throw invalidField('owner', 'is required: the person who owns the workgroup');
        if (after.owner.role?.type === EXTRANET_ROLE.type && !workgroup.extranet) throw externalNotAllowed();
        await getService('activity', { strapi }).record({
          type: 'workgroup.created',
          workgroup,
          actorId: null,
          summary: `created ${workgroup.name}`,
        });
        await getService('membership', { strapi }).add(workgroup, after.owner.id, 'owner', null);
      } else {
        if (before!.owner?.id !== after.owner?.id) {
          throw invalidField('owner', "changes by making another member owner on the workgroup's page");
        }
        if (!!before!.archived !== workgroup.archived) {
          await asSystem(() =>
            strapi.db.query(WORKGROUP_UID).update({
              where: { id: after.id },
              data: { archivedAt: workgroup.archived ? new Date() : null },
            }),
          );
          await getService('activity', { strapi }).record({
            type: workgroup.archived ? 'workgroup.archived' : 'workgroup.unarchived',
            workgroup,
            actorId: null,
          });
        }
      }
      return result;
    });
  };

  const topicWrite = async (ctx: DocumentContext, next: Next) => {
    if (ctx.action !== 'delete') return next();
    const inUse = await asSystem(() =>
      strapi.db.query(WORKGROUP_UID).count({ where: { topic: { documentId: ctx.params.documentId } } }),
    );
    if (inUse > 0)
      throw conflict('TopicInUse', `${inUse} workgroup(s) still use this topic`, { workgroups: inUse });
    return next();
  };

  const loadUser = (documentId: string): Promise<UserRow | null> =>
    asSystem(() =>
      strapi.db.query(USER_UID).findOne({
        select: ['id'],
        where: { documentId },
        populate: {
          role: { select: ['type'] },
          extranetMemberships: { select: ['id'], populate: { workgroup: { select: ['id', 'extranet'] } } },
          extranetGroups: { select: ['key'] },
        },
      }),
    );
  const holdsSeat = (user: UserRow | null) =>
    (user?.extranetGroups ?? []).some((g) => g.key === 'extranet-users');

  const userWrite = async (ctx: DocumentContext, next: Next) => {
    const { action, params } = ctx;
    const before = params.documentId ? await loadUser(params.documentId) : null;
    return strapi.db.transaction(async () => {
      if (action === 'delete') {
        // The account goes first, so that an owner's deletion is refused (user-guard.ts) before
        // anything changes; then its memberships, which would otherwise stay behind without a person.
        const memberships = ids(before?.extranetMemberships);
        const result = await next();
        for (const id of memberships)
          await asSystem(() => strapi.db.query(MEMBERSHIP_UID).delete({ where: { id } }));
        return result;
      }
      // The document service's answer to the write (Strapi types it per action).
      const result = (await next()) as WriteResult;
      if (!result?.documentId) return result;
      const after = await loadUser(result.documentId);
      if (!sameIds(ids(before?.extranetMemberships), ids(after?.extranetMemberships))) {
        throw invalidField('extranetMemberships', 'is managed on the Extranet pages, not here');
      }
      // A person's kind is their role (SPEC §2): one made external keeps no intranet workgroup.
      const external = after?.role?.type === EXTRANET_ROLE.type;
      if (external && (after.extranetMemberships ?? []).some((m) => m.workgroup && !m.workgroup.extranet)) {
        throw externalNotAllowed();
      }
      if (holdsSeat(after) && !holdsSeat(before)) await getService('seat', { strapi }).assertWithinLimit();
      return result;
    });
  };

  return (ctx: DocumentContext, next: Next) => {
    if (ctx.uid === WORKGROUP_UID) return workgroupWrite(ctx, next);
    if (ctx.uid === TOPIC_UID) return topicWrite(ctx, next);
    if (ctx.uid === USER_UID) return userWrite(ctx, next);
    return next();
  };
};
