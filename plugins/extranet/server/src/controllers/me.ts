import type Koa from 'koa';
import type { GetMe, Me } from '../../../shared/contracts/me';
import type { PersonKind } from '../../../shared/contracts/common';
import { WORKGROUP_FIELDS } from '../services/workgroup-access';
import { MEMBERSHIP_UID, USER_UID, WORKGROUP_UID } from '../constants';
import { currentPrincipal } from '../access/principal';
import { asSystem } from '../access/system';
import { grantingMembership, type WorkgroupRole } from '../access/rule';

/** A granting membership of the caller, with its workgroup's `WORKGROUP_FIELDS`. */
interface MembershipRow {
  role: WorkgroupRole;
  workgroup: { id: number; documentId: string; name: string; extranet?: unknown; archived?: unknown } | null;
}

/** The caller's row, with the fields selected below (`visibleToAllExtranet` as stored). */
type UserRow = Omit<Me, 'visibleToAllExtranet' | 'kind' | 'extranetGroups' | 'workgroups'> & {
  visibleToAllExtranet: boolean | null;
};

export default {
  /** The caller as the extranet sees it (SPEC §6). */
  async show(ctx: Koa.Context) {
    const principal = await currentPrincipal(strapi);
    const [user, memberships] = await asSystem(() =>
      Promise.all([
        strapi.db.query(USER_UID).findOne({
          select: [
            'id',
            'documentId',
            'username',
            'email',
            'firstname',
            'lastname',
            'company',
            'position',
            'visibleToAllExtranet',
          ],
          where: { id: principal.userId },
        }) as Promise<UserRow>,
        strapi.db.query(MEMBERSHIP_UID).findMany({
          where: grantingMembership({ user: { id: principal.userId } }),
          populate: { workgroup: { select: WORKGROUP_FIELDS } },
        }) as Promise<MembershipRow[]>,
      ]),
    );
    // Only the workgroups the caller may read now (SPEC §6): an extranet group stays out of the
    // list once extranet access is gone, though the membership row remains. Asked through the read door.
    const ids = memberships.flatMap((m) => (m.workgroup ? [m.workgroup.id] : []));
    const readable = new Set(
      (await strapi.db.query(WORKGROUP_UID).findMany({ select: ['id'], where: { id: { $in: ids } } })).map(
        (w: { id: number }) => w.id,
      ),
    );
    ctx.body = {
      data: {
        ...user,
        visibleToAllExtranet: !!user.visibleToAllExtranet,
        // a person: the route's policy (is-extranet-user) lets no other principal in
        kind: principal.kind as PersonKind,
        extranetGroups: [...principal.groups].sort(),
        workgroups: memberships
          .flatMap(({ workgroup, role }) =>
            workgroup && readable.has(workgroup.id) ? [{ workgroup, role }] : [],
          )
          .map(({ workgroup: { id, ...workgroup }, role }) => ({
            ...workgroup,
            extranet: !!workgroup.extranet,
            archived: !!workgroup.archived,
            role,
          })),
      },
      meta: {},
    } satisfies GetMe.Response;
  },
};
