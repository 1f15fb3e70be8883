import type { Core } from '@strapi/strapi';
import { EXTRANET_ROLE, MEMBERSHIP_UID, MESSAGE_UID, USER_UID } from '../constants';
import type { Principal } from '../access/principal';
import { hasExtranetAccess } from '../access/rule';
import { asSystem } from '../access/system';

export const PUBLIC_PERSON = ['id', 'documentId', 'username', 'firstname', 'lastname', 'company', 'position', 'visibleToAllExtranet'];

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
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const users = () => strapi.db.query(USER_UID);
  const withAccess = { extranetGroups: { key: { $in: ['extranet-users', 'extranet-admins'] } } };

  const describe = (u: any): Person => {
    const keys = new Set<string>((u.extranetGroups ?? []).map((g: any) => g.key));
    return {
      id: u.id,
      kind: u.role?.type === EXTRANET_ROLE.type ? 'external' : 'employee',
      extranet: keys.has('extranet-users') || keys.has('extranet-admins'),
      visibleToAllExtranet: !!u.visibleToAllExtranet,
      blocked: !!u.blocked,
    };
  };

  return {
    async find(id: number): Promise<Person | null> {
      const user = await asSystem(() =>
        users().findOne({ where: { id }, populate: { role: { select: ['type'] }, extranetGroups: { select: ['key'] } } })
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
          where: {
            user: { id: b },
            status: 'active',
            workgroup: { extranet: true, memberships: { user: { id: a }, status: 'active' } },
          },
        })
      );
      return count > 0;
    },

    /**
     * { myWorkgroups, accessible }: people of the caller's active workgroups, then the others it
     * may reach — for an external only `visibleToAllExtranet` people, for an employee in the
     * extranet everyone with extranet access. Most recent contact first.
     */
    async contacts(principal: Principal, limit: number) {
      const me = principal.userId!;
      const active = { blocked: { $ne: true }, id: { $ne: me } };
      const fields = { select: PUBLIC_PERSON, populate: { role: { select: ['type'] } } };
      const [mine, reachable, recent] = await asSystem(() =>
        Promise.all([
          principal.workgroupIds.length
            ? users().findMany({
                where: { ...active, extranetMemberships: { status: 'active', workgroup: { id: { $in: principal.workgroupIds } } } },
                ...fields,
              })
            : Promise.resolve([]),
          users().findMany({
            where: { ...active, ...withAccess, ...(principal.kind === 'external' ? { visibleToAllExtranet: true } : {}) },
            ...fields,
          }),
          strapi.db.query(MESSAGE_UID).findMany({
            select: ['createdAt'],
            where: { $or: [{ sender: { id: me } }, { recipient: { id: me } }] },
            orderBy: { createdAt: 'desc' },
            limit: 1000,
            populate: { sender: { select: ['id'] }, recipient: { select: ['id'] } },
          }),
        ])
      );
      const lastContact = new Map<number, string>();
      for (const m of recent as any[]) {
        const other = m.sender?.id === me ? m.recipient?.id : m.sender?.id;
        if (other && !lastContact.has(other)) lastContact.set(other, m.createdAt);
      }
      const shape = (u: any): any => ({
        ...Object.fromEntries(PUBLIC_PERSON.map((k) => [k, u[k] ?? null])),
        kind: u.role?.type === EXTRANET_ROLE.type ? 'external' : 'employee',
        lastContactAt: lastContact.get(u.id) ?? null,
      });
      const order = (a: any, b: any) =>
        String(b.lastContactAt ?? '').localeCompare(String(a.lastContactAt ?? '')) ||
        `${a.lastname ?? ''} ${a.firstname ?? ''} ${a.username}`.localeCompare(`${b.lastname ?? ''} ${b.firstname ?? ''} ${b.username}`);
      const myWorkgroups = (mine as any[]).map(shape).sort(order);
      const seen = new Set(myWorkgroups.map((p) => p.id));
      const accessible = (reachable as any[]).filter((u) => !seen.has(u.id)).map(shape).sort(order);
      return { myWorkgroups: myWorkgroups.slice(0, limit), accessible: accessible.slice(0, limit) };
    },
  };
};
