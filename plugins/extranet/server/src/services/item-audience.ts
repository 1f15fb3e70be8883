import type { Core } from '@strapi/strapi';
import { MEMBERSHIP_UID, USER_UID } from '../constants';
import type { ExtranetConfig } from '../config';
import { notFound } from '../errors';
import { canReadItem, grantingMembership, kindOfUser, userKindFilter, type ItemState } from '../access/rule';
import type { Principal } from '../access/principal';
import { asSystem } from '../access/system';
import type { ItemAudience } from '../../../shared/contracts/items';
import { WORKGROUP_FIELDS } from './workgroup-access';

type Kind = 'external' | 'employee';
/** A user as the counts load them: id, role and extranet groups. */
interface PersonRow {
  id: number;
  role?: { type?: string | null } | null;
  extranetGroups: Array<{ key: string }>;
}
const notBlocked = { $or: [{ blocked: { $eq: false } }, { blocked: { $null: true } }] };

/**
 * Who can read one item of a scoped type (the content manager's Extranet side panel, SPEC §9).
 * Every verdict comes from the rule (`canReadItem`) asked with each reader's principal; this only
 * groups the people whose principals the rule cannot tell apart for this item, so that the many
 * employees without an extranet group are counted by the database, not loaded one by one:
 * - the item's author and the active members of its workgroup, each asked on their own;
 * - everyone else holding an extranet group, loaded with their groups;
 * - everyone else, by kind: their principal differs in nothing the rule looks at.
 * Blocked people read nothing (SPEC §2) and are not counted.
 */
const createItemAudienceService = ({ strapi }: { strapi: Core.Strapi }) => {
  const users = () => strapi.db.query(USER_UID);
  const principal = (kind: Kind, userId: number, groups: string[], workgroupIds: number[]): Principal => ({
    kind,
    userId,
    groups: new Set(groups) as Principal['groups'],
    workgroupIds,
    managedWorkgroupIds: [],
  });

  return {
    async describe(uid: string, documentId: string): Promise<ItemAudience> {
      const config = (strapi.config.get('plugin::extranet') as ExtranetConfig).scoped[uid];
      if (!config) throw notFound('Not an extranet content type');
      const authorField = config.authorField ?? 'author';
      return asSystem(async () => {
        const item: any = await strapi.db.query(uid as any).findOne({
          select: ['id', 'extranet'],
          where: { documentId },
          populate:
            config.mode === 'workgroup'
              ? { workgroup: { select: WORKGROUP_FIELDS } }
              : { [authorField]: { select: ['id'] } },
        });
        if (!item) throw notFound('Item not found');
        const workgroup = config.mode === 'workgroup' ? (item.workgroup ?? null) : null;
        const state: ItemState = {
          extranet: item.extranet ?? null,
          workgroupId: workgroup?.id ?? null,
          authorId: item[authorField]?.id ?? null,
        };

        const memberIds = workgroup
          ? (
              await strapi.db.query(MEMBERSHIP_UID).findMany({
                select: ['id'],
                where: grantingMembership({ workgroup: { id: workgroup.id } }),
                populate: { user: { select: ['id'] } },
              })
            )
              .map((m: any) => m.user?.id)
              .filter(Boolean)
          : [];
        const individuals = [
          ...new Set([...memberIds, ...(state.authorId ? [state.authorId] : [])]),
        ] as number[];
        const readers = { employee: 0, external: 0 };
        const people = {
          select: ['id'],
          populate: { role: { select: ['type'] }, extranetGroups: { select: ['key'] } },
        };

        /** A person loaded with their groups counts when the rule lets their principal read the item. */
        const countReader = (u: PersonRow, workgroupIds: number[]) => {
          const kind = kindOfUser(u);
          const groups = u.extranetGroups.map((g) => g.key);
          if (canReadItem(principal(kind, u.id, groups, workgroupIds), config, state)) readers[kind] += 1;
        };

        const named: PersonRow[] = individuals.length
          ? await users().findMany({ ...people, where: { $and: [{ id: { $in: individuals } }, notBlocked] } })
          : [];
        for (const u of named) countReader(u, memberIds.includes(u.id) ? [workgroup.id] : []);

        const others = { id: { $notIn: individuals.length ? individuals : [0] } };
        const grouped: PersonRow[] = await users().findMany({
          ...people,
          where: { $and: [others, notBlocked, { extranetGroups: { id: { $notNull: true } } }] },
        });
        for (const u of grouped) countReader(u, []);

        for (const kind of ['employee', 'external'] as Kind[]) {
          // No user has id 0: this principal is "a person of this kind with no group and no membership here".
          if (!canReadItem(principal(kind, 0, [], []), config, state)) continue;
          const role = userKindFilter(kind);
          readers[kind] += await users().count({
            where: { $and: [others, notBlocked, role, { extranetGroups: { id: { $null: true } } }] },
          });
        }

        return {
          mode: config.mode,
          extranet: item.extranet === true,
          workgroup: workgroup
            ? {
                documentId: workgroup.documentId,
                name: workgroup.name,
                extranet: !!workgroup.extranet,
                archived: !!workgroup.archived,
              }
            : null,
          readers: { employees: readers.employee, partners: readers.external },
        };
      });
    },
  };
};

export type ItemAudienceService = ReturnType<typeof createItemAudienceService>;

export default createItemAudienceService;
