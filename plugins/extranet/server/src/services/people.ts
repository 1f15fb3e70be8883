import type { Core } from '@strapi/strapi';
import { findPage } from '../utils/find-page';
import { ACCESS_GROUP_UID, MEMBERSHIP_UID, MESSAGE_UID, USER_UID, type AccessGroupKey } from '../constants';
import { notFound } from '../errors';
import type { Principal } from '../access/principal';
import {
  extranetAccessFilter,
  grantingMembership,
  groupsGrantAccess,
  hasExtranetAccess,
  kindOfUser,
  reachablePeople,
  userKindFilter,
} from '../access/rule';
import { asSystem } from '../access/system';
import { semiJoin } from '../access/query-scope';
import { getService } from '../utils';

export const PUBLIC_PERSON = [
  'id',
  'documentId',
  'username',
  'firstname',
  'lastname',
  'company',
  'position',
  'visibleToAllExtranet',
];

export interface Person {
  id: number;
  kind: 'external' | 'employee';
  extranet: boolean;
  visibleToAllExtranet: boolean;
  blocked: boolean;
}

/**
 * People as the extranet sees them: who they are (kind, access), who shares a workgroup with
 * whom, and the caller's contacts (SPEC §6). The service applies the rule itself, so its queries
 * run as system.
 */
const createPeopleService = ({ strapi }: { strapi: Core.Strapi }) => {
  const users = () => strapi.db.query(USER_UID);

  const describe = (u: any): Person => {
    return {
      id: u.id,
      kind: kindOfUser(u),
      extranet: groupsGrantAccess(new Set((u.extranetGroups ?? []).map((g: any) => g.key))),
      visibleToAllExtranet: !!u.visibleToAllExtranet,
      blocked: !!u.blocked,
    };
  };

  const describeForAdmin = (u: any) => ({
    id: u.id,
    username: u.username,
    email: u.email,
    firstname: u.firstname ?? null,
    lastname: u.lastname ?? null,
    company: u.company ?? null,
    position: u.position ?? null,
    kind: kindOfUser(u),
    blocked: !!u.blocked,
    visibleToAllExtranet: !!u.visibleToAllExtranet,
    extranetGroups: (u.extranetGroups ?? []).map((g: any) => g.key as AccessGroupKey),
  });

  return {
    async find(id: number): Promise<Person | null> {
      const user = await asSystem(() =>
        users().findOne({
          where: { id },
          populate: { role: { select: ['type'] }, extranetGroups: { select: ['key'] } },
        }),
      );
      return user ? describe(user) : null;
    },

    personOf(principal: Principal): Person {
      return {
        id: principal.userId!,
        kind: principal.kind as 'external' | 'employee',
        extranet: hasExtranetAccess(principal),
        visibleToAllExtranet: false,
        blocked: false,
      };
    },

    async shareActiveExtranetWorkgroup(a: number, b: number) {
      const count = await asSystem(() =>
        strapi.db.query(MEMBERSHIP_UID).count({
          where: grantingMembership({
            user: { id: b },
            workgroup: { extranet: true, memberships: grantingMembership({ user: { id: a } }) },
          }),
        }),
      );
      return count > 0;
    },

    /**
     * { myWorkgroups, accessible }: people of the caller's active workgroups, then the others it
     * may reach — for an external only `visibleToAllExtranet` people, for an employee in the
     * extranet everyone with extranet access. Most recent contact first, then by name. Every
     * query is bounded by `limit` (or by the caller's co-members), never by the number of users.
     */
    async contacts(principal: Principal, limit: number, { withoutMessages = false } = {}) {
      const me = principal.userId!;
      const byName = [{ lastname: 'asc' }, { firstname: 'asc' }, { username: 'asc' }, { id: 'asc' }];
      const fields = { select: PUBLIC_PERSON, populate: { role: { select: ['type'] } } };
      // Subqueries on the link tables rather than joins: these lists are sorted by name and
      // capped by `limit`, which a join's DISTINCT would turn into a sort of every user.
      // Correlated to the row, so that the database walks the users' name index and stops after
      // `limit` (an uncorrelated set is hashed first, then every holder sorted: 120 ms against
      // 0.6 ms at 20,000 users on SQLite).
      const accessHolders = semiJoin(strapi, USER_UID, 'extranetGroups', true)!.whereMatches(
        extranetAccessFilter.extranetGroups,
      );
      const reachable = {
        blocked: { $ne: true },
        id: { $in: accessHolders },
        ...reachablePeople(principal),
      };

      return asSystem(async () => {
        const [coMembers, recent] = await Promise.all([
          principal.workgroupIds.length
            ? users().findMany({
                select: ['id'],
                where: {
                  id: { $ne: me },
                  blocked: { $ne: true },
                  extranetMemberships: grantingMembership({
                    workgroup: { id: { $in: principal.workgroupIds } },
                  }),
                },
              })
            : Promise.resolve([]),
          // Under view-as (SPEC §10) the lists say nothing of whom the person wrote to.
          withoutMessages
            ? Promise.resolve([])
            : strapi.db.query(MESSAGE_UID).findMany({
                select: ['createdAt'],
                where: { $or: [{ sender: { id: me } }, { recipient: { id: me } }] },
                orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
                limit: 200,
                populate: { sender: { select: ['id'] }, recipient: { select: ['id'] } },
              }),
        ]);
        const lastContact = new Map<number, string>();
        for (const m of recent as any[]) {
          const other = m.sender?.id === me ? m.recipient?.id : m.sender?.id;
          if (other && other !== me && !lastContact.has(other)) lastContact.set(other, m.createdAt);
        }
        const recentIds = [...lastContact.keys()];
        const coMemberIds = (coMembers as any[]).map((u) => u.id);
        const shape = (u: any): any => ({
          ...Object.fromEntries(PUBLIC_PERSON.map((k) => [k, u[k] ?? null])),
          kind: kindOfUser(u),
          lastContactAt: lastContact.get(u.id) ?? null,
        });
        /** Recent contacts among `where` first (by recency), then the others by name, `limit` in all. */
        const list = async (where: Record<string, unknown>) => {
          const recentOnes = recentIds.length
            ? await users().findMany({ where: { $and: [where, { id: { $in: recentIds } }] }, ...fields })
            : [];
          recentOnes.sort((a: any, b: any) => recentIds.indexOf(a.id) - recentIds.indexOf(b.id));
          const rest = await users().findMany({
            where: { $and: [where, { id: { $notIn: [me, ...recentIds] } }] },
            orderBy: byName,
            limit: Math.max(0, limit - recentOnes.length),
            ...fields,
          });
          return [...recentOnes.slice(0, limit), ...rest].map(shape);
        };
        const [myWorkgroups, accessible] = await Promise.all([
          coMemberIds.length ? list({ id: { $in: coMemberIds } }) : Promise.resolve([]),
          list({ $and: [reachable, { id: { $notIn: [me, ...coMemberIds] } }] }),
        ]);
        return { myWorkgroups, accessible };
      });
    },

    /** Everyone, for the admin's People page: search by name, username, e-mail or company. */
    async search({
      q,
      kind,
      page,
      pageSize,
    }: {
      q?: string;
      kind?: 'external' | 'employee' | 'all';
      page: number;
      pageSize: number;
    }) {
      const clauses: Record<string, unknown>[] = [];
      if (q) {
        clauses.push({
          $or: ['username', 'email', 'firstname', 'lastname', 'company'].map((field) => ({
            [field]: { $containsi: q },
          })),
        });
      }
      if (kind === 'external' || kind === 'employee') clauses.push(userKindFilter(kind));
      const where = clauses.length ? { $and: clauses } : {};
      return asSystem(async () => {
        const { results, pagination } = await findPage(strapi, USER_UID, {
          select: [...PUBLIC_PERSON, 'email', 'blocked'],
          where,
          orderBy: [{ lastname: 'asc' }, { firstname: 'asc' }, { username: 'asc' }, { id: 'asc' }],
          page,
          pageSize,
          populate: { role: { select: ['type'] }, extranetGroups: { select: ['key'] } },
        });
        return { results: results.map(describeForAdmin), pagination };
      });
    },

    async findForAdmin(id: number) {
      const user = await asSystem(() =>
        users().findOne({
          select: [...PUBLIC_PERSON, 'email', 'blocked'],
          where: { id },
          populate: { role: { select: ['type'] }, extranetGroups: { select: ['key'] } },
        }),
      );
      return user ? describeForAdmin(user) : null;
    },

    /**
     * Sets a user's extranet groups and "visible to all" (SPEC §2). Granting `extranet-users`
     * takes a seat, checked in the same transaction (SPEC §5).
     */
    async setAccess(id: number, access: { extranetGroups: AccessGroupKey[]; visibleToAllExtranet: boolean }) {
      await asSystem(() =>
        strapi.db.transaction(async () => {
          const user = await users().findOne({
            select: ['id'],
            where: { id },
            populate: { extranetGroups: { select: ['key'] } },
          });
          if (!user) throw notFound('No such user');
          const had = new Set((user.extranetGroups ?? []).map((g: any) => g.key));
          if (access.extranetGroups.includes('extranet-users') && !had.has('extranet-users')) {
            await getService('seat', { strapi }).assertAvailable();
          }
          const groups = await strapi.db
            .query(ACCESS_GROUP_UID)
            .findMany({ select: ['id'], where: { key: { $in: access.extranetGroups } } });
          await users().update({
            where: { id },
            data: {
              extranetGroups: groups.map((g: any) => g.id),
              visibleToAllExtranet: access.visibleToAllExtranet,
            },
          });
        }),
      );
    },
  };
};

export type PeopleService = ReturnType<typeof createPeopleService>;

export default createPeopleService;
