import { currentPrincipal } from '../access/principal';
import { userIdParam, validate, yup } from './validate';

const service = (name: string) => strapi.plugin('extranet').service(name);
const roleSchema = yup.object({ role: yup.string().oneOf(['owner', 'moderator', 'member']).required() }).noUnknown(true, 'unknown field: ${unknown}');

export default {
  async list(ctx: any) {
    const { workgroup, powers } = await service('workgroup-access').load(ctx.params.id);
    ctx.body = { data: await service('members').list(workgroup, { includePending: powers.manageMembers }), meta: {} };
  },

  async update(ctx: any) {
    const userId = await userIdParam(ctx.params.userId);
    const { role } = await validate<{ role: 'owner' | 'moderator' | 'member' }>(roleSchema, ctx.request.body ?? {});
    const { workgroup, principal, powers } = await service('workgroup-access').require(ctx.params.id, 'changeRoles');
    await service('members').changeRole(workgroup, userId, role, { id: principal.userId, mayPromote: powers.promoteModerators });
    ctx.body = { data: await service('members').list(workgroup, { includePending: true }), meta: {} };
  },

  async remove(ctx: any) {
    const userId = await userIdParam(ctx.params.userId);
    const principal = await currentPrincipal(strapi);
    const leaving = userId === principal.userId;
    const { workgroup, powers } = leaving
      ? await service('workgroup-access').require(ctx.params.id, 'leave')
      : await service('workgroup-access').require(ctx.params.id, 'manageMembers');
    await service('members').remove(workgroup, userId, { id: principal.userId, mayManage: powers.manageMembers, mayPromote: powers.promoteModerators });
    ctx.status = 204;
  },

  async confirm(ctx: any) {
    const userId = await userIdParam(ctx.params.userId);
    const { workgroup, principal } = await service('workgroup-access').require(ctx.params.id, 'manageMembers');
    await service('members').confirm(workgroup, userId, principal.userId);
    ctx.body = { data: await service('members').list(workgroup, { includePending: true }), meta: {} };
  },
};
