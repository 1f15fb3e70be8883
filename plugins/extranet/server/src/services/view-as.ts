import type { Core } from '@strapi/strapi';
import { ACTIVITY_UID, EXTRANET_ROLE, MEMBERSHIP_UID, USER_UID, WORKGROUP_UID } from '../constants';
import type { ExtranetConfig } from '../config';
import { notFound } from '../errors';
import { asPrincipal } from '../access/acting-as';
import { principalOfUser } from '../access/principal';
import { isGrantingMembership } from '../access/rule';
import { asSystem } from '../access/system';
import { refreshAudience } from '../access/audience';
import type { ViewAsWorkgroup } from '../../../shared/contracts/governance';

/** The activity type of every use of view-as (SPEC §10). */
export const VIEWED_AS = 'governance.viewed-as';
/** How many items of each type "View as…" lists (the total is counted). */
const ITEMS_SHOWN = 20;
const LABEL_FIELDS = ['title', 'name', 'subject'];

interface Target {
  id: number;
  documentId: string;
  username?: string | null;
}

type Ability = { can: (action: string) => boolean };

/**
 * SPEC §10 "view as": the record of each use, and the admin pages' view of a workgroup as one
 * person would read it — the real reads (document service, query engine, the rule) run under
 * that person's principal, and their users-permissions role says which types they may list.
 */
const createViewAsService = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The person's role permissions as the content API judges them (users-permissions' own engine). */
  const roleAbility = async (roleId: number): Promise<Ability> => {
    const permissions = strapi.plugin('users-permissions').service('permission');
    const granted = (await permissions.findRolePermissions(roleId)).map(permissions.toContentAPIPermission);
    return (await strapi.contentAPI.permissions.engine.generateAbility(granted)) as unknown as Ability;
  };

  const labelOf = (uid: string) => {
    const attributes = (strapi.getModel(uid as never) as { attributes: Record<string, { type: string }> })
      .attributes;
    return LABEL_FIELDS.find((field) => attributes[field]?.type === 'string') ?? null;
  };

  return {
    /**
     * One activity row per use: the extranet admin (`actor`) or the admin-panel user
     * (`actorAdmin`) who viewed, the person viewed as (`subjectUid` users, `subjectDocumentId`
     * theirs) and what was read. No workgroup: only extranet admins read these rows.
     */
    async record(input: {
      adminId: number | null;
      adminUserId: number | null;
      target: Target;
      path: string;
    }) {
      await asSystem(async () => {
        const row = await strapi.db.query(ACTIVITY_UID).create({
          data: {
            type: VIEWED_AS,
            extranet: true,
            actor: input.adminId,
            actorAdmin: input.adminUserId,
            subjectUid: USER_UID,
            subjectDocumentId: input.target.documentId,
            summary: `as user ${input.target.id}: ${input.path}`.slice(0, 255),
          },
        });
        await refreshAudience(strapi, ACTIVITY_UID, { ids: [row.id] });
      });
    },

    /** What `userId` would read of the workgroup (database id `workgroupId`), through the doors. */
    async workgroup(
      workgroup: { id: number; documentId: string; name: string },
      userId: number,
    ): Promise<ViewAsWorkgroup> {
      const person = await asSystem(() =>
        strapi.db.query(USER_UID).findOne({
          select: ['id', 'documentId', 'username', 'email', 'firstname', 'lastname', 'blocked'],
          where: { id: userId },
          populate: { role: { select: ['id', 'type'] } },
        }),
      );
      if (!person) throw notFound('No such user');
      const membership = await asSystem(() =>
        strapi.db.query(MEMBERSHIP_UID).findOne({
          select: ['role', 'status', 'expiresAt'],
          where: { workgroup: { id: workgroup.id }, user: { id: userId } },
        }),
      );
      const user = {
        id: person.id,
        username: person.username,
        email: person.email,
        name: [person.firstname, person.lastname].filter(Boolean).join(' ') || null,
        kind: person.role?.type === EXTRANET_ROLE.type ? ('external' as const) : ('employee' as const),
        blocked: !!person.blocked,
      };
      const base = {
        user,
        membership: membership
          ? {
              role: membership.role,
              status: membership.status,
              expiresAt: membership.expiresAt ?? null,
              grants: isGrantingMembership(membership),
            }
          : null,
      };
      const principal = await principalOfUser(strapi, userId);
      // A blocked person's every request is refused (401): they read nothing.
      if (!principal)
        return {
          ...base,
          workgroup: { documentId: workgroup.documentId, name: workgroup.name, readable: false },
          types: [],
        };
      const ability = person.role?.id ? await roleAbility(person.role.id) : { can: () => false };
      const scoped = (strapi.config.get('plugin::extranet') as ExtranetConfig).scoped;
      return asPrincipal(principal, async () => {
        const readable = !!(await strapi
          .documents(WORKGROUP_UID)
          .findOne({ documentId: workgroup.documentId, fields: ['id'] } as never));
        const types = [];
        for (const [uid, config] of Object.entries(scoped)) {
          if (config.mode !== 'workgroup') continue;
          const label = labelOf(uid);
          const query = { filters: { workgroup: { id: workgroup.id } }, status: 'published' } as const;
          const documents = strapi.documents(uid as never);
          const [rows, total] = await Promise.all([
            documents.findMany({
              ...query,
              fields: label ? [label] : [],
              sort: 'id:asc',
              limit: ITEMS_SHOWN,
            } as never),
            documents.count(query as never),
          ]);
          types.push({
            uid,
            displayName:
              (strapi.getModel(uid as never) as { info?: { displayName?: string } }).info?.displayName ?? uid,
            roleAllows: ability.can(`${uid}.find`),
            total: Number(total),
            items: (rows as Array<Record<string, unknown>>).map((row) => ({
              documentId: String(row.documentId),
              title: label && typeof row[label] === 'string' ? (row[label] as string) : null,
            })),
          });
        }
        return {
          ...base,
          workgroup: { documentId: workgroup.documentId, name: workgroup.name, readable },
          types,
        };
      });
    },
  };
};

export default createViewAsService;
export type ViewAsService = ReturnType<typeof createViewAsService>;
