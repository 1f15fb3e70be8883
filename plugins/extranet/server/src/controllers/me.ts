import { MEMBERSHIP_UID, USER_UID } from '../constants';
import { currentPrincipal } from '../access/principal';
import { asSystem } from '../access/system';

export default {
  /** The caller as the extranet sees it (SPEC §6). */
  async show(ctx: any) {
    const principal = await currentPrincipal(strapi);
    const [user, memberships] = await asSystem(() =>
      Promise.all([
        strapi.db.query(USER_UID).findOne({
          select: ['id', 'documentId', 'username', 'email', 'firstname', 'lastname', 'company', 'position', 'visibleToAllExtranet'],
          where: { id: principal.userId },
        }),
        strapi.db.query(MEMBERSHIP_UID).findMany({
          where: { user: { id: principal.userId }, status: 'active' },
          populate: { workgroup: { select: ['documentId', 'name', 'extranet', 'archived'] } },
        }),
      ])
    );
    ctx.body = {
      data: {
        ...user,
        visibleToAllExtranet: !!user.visibleToAllExtranet,
        kind: principal.kind,
        extranetGroups: [...principal.groups].sort(),
        workgroups: memberships
          .filter((m: any) => m.workgroup)
          .map((m: any) => ({ ...m.workgroup, extranet: !!m.workgroup.extranet, archived: !!m.workgroup.archived, role: m.role })),
      },
      meta: {},
    };
  },
};
