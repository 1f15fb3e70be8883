import type Koa from 'koa';
import { workgroupArchived } from '../../errors';
import { loadReachableWorkgroup } from '../../access/admin-rbac';
import type { GetMembers, Member, MemberAction, UpdateMember } from '../../../../shared/contracts/members';
import { userIdParam } from '../validate';
import { validateMemberRoleBody } from '../validation/membership';
import { editorHandlers } from './service';
import { personRef } from '../../services/people';
import { getService } from '../../utils';

/** Editors act as the workgroup's owner would (SPEC §9), in a live workgroup only (SPEC §3). */
const loadForWrite = async (ctx: Koa.Context) => {
  const loaded = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, { manage: true });
  if (loaded.workgroup.archived) throw workgroupArchived();
  return loaded;
};

const list = async (workgroup: { id: number }): Promise<Member[]> =>
  (await getService('membership').list(workgroup, { includePending: true })).map((m: any) => ({
    role: m.role,
    status: m.status,
    joinedAt: m.joinedAt ?? null,
    expiresAt: m.expiresAt ?? null,
    user: { ...personRef(m.user), email: m.user.email ?? null, kind: m.user.kind },
  }));

/** /extranet/manage/workgroups/:id/members */
export default editorHandlers({
  async find(ctx: Koa.Context) {
    const { workgroup } = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, { manage: false });
    ctx.body = { data: await list(workgroup) } satisfies GetMembers.Response;
  },

  async update(ctx: Koa.Context) {
    const userId = await userIdParam(ctx.params.userId);
    const { role } = await validateMemberRoleBody(ctx.request.body);
    const { workgroup } = await loadForWrite(ctx);
    await getService('membership').changeRole(workgroup, userId, role, { id: null, mayPromote: true });
    ctx.body = { data: await list(workgroup) } satisfies UpdateMember.Response;
  },

  async remove(ctx: Koa.Context) {
    const userId = await userIdParam(ctx.params.userId);
    const { workgroup } = await loadForWrite(ctx);
    await getService('membership').remove(workgroup, userId, { id: null, mayManage: true, mayPromote: true });
    ctx.status = 204;
  },

  async confirm(ctx: Koa.Context) {
    const userId = await userIdParam(ctx.params.userId);
    const { workgroup } = await loadForWrite(ctx);
    await getService('membership').confirm(workgroup, userId, null);
    ctx.body = { data: await list(workgroup) } satisfies MemberAction.Response;
  },
});
