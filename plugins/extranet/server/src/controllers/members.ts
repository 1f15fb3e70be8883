import type Koa from 'koa';
import type {
  ConfirmWorkgroupMember,
  GetWorkgroupMembers,
  RenewMembership,
  UpdateWorkgroupMember,
} from '../../../shared/contracts/members';
import { currentPrincipal, type Principal } from '../access/principal';
import { canRenewMembership } from '../access/rule';
import { invalidField, workgroupArchived, forbidden } from '../errors';
import { userIdParam } from './validate';
import { validateMemberRoleBody, validateRenewBody } from './validation/membership';
import { getService } from '../utils';

/** The renew answer before JSON writes it: `expiresAt` is still the Date whose ISO string the contract names. */
type RenewBody = Omit<RenewMembership.Response, 'data'> & {
  data: Omit<RenewMembership.Response['data'], 'expiresAt'> & { expiresAt: Date };
};

/** Removes `userId` from the workgroup: oneself with the power to leave, anyone else with `manageMembers`. */
const removeMember = async (documentId: string, principal: Principal, userId: number) => {
  const leaving = userId === principal.userId;
  const { workgroup, powers } = await getService('workgroup-access').require(
    documentId,
    leaving ? 'leave' : 'manageMembers',
  );
  await getService('membership').remove(workgroup, userId, {
    id: principal.userId,
    mayManage: powers.manageMembers,
    mayPromote: powers.promoteModerators,
  });
};

export default {
  async list(ctx: Koa.Context) {
    const { workgroup, powers } = await getService('workgroup-access').load(ctx.params.id);
    ctx.body = {
      data: await getService('membership').list(workgroup, { includePending: powers.manageMembers }),
      meta: {},
    } satisfies GetWorkgroupMembers.Response;
  },

  async update(ctx: Koa.Context) {
    const userId = await userIdParam(ctx.params.userId);
    const { role } = await validateMemberRoleBody(ctx.request.body);
    const { workgroup, principal, powers } = await getService('workgroup-access').require(
      ctx.params.id,
      'changeRoles',
    );
    await getService('membership').changeRole(workgroup, userId, role, {
      id: principal.userId,
      mayPromote: powers.promoteModerators,
    });
    ctx.body = {
      data: await getService('membership').list(workgroup, { includePending: true }),
      meta: {},
    } satisfies UpdateWorkgroupMember.Response;
  },

  /** DELETE .../members/me (SPEC §10): leaving is removing oneself. */
  async leave(ctx: Koa.Context) {
    const principal = await currentPrincipal(strapi);
    await removeMember(ctx.params.id, principal, principal.userId!);
    ctx.status = 204;
  },

  /** POST .../members/:userId/renew { days? } (SPEC §10). */
  async renew(ctx: Koa.Context) {
    const userId = await userIdParam(ctx.params.userId);
    const body = await validateRenewBody(ctx.request.body);
    // The sponsor answers for the person, not for the group: they renew without being a member.
    const { workgroup, principal, role } = await getService('workgroup-access')
      .load(ctx.params.id)
      .catch(
        async (error: unknown) =>
          (await getService('workgroup-access').loadForSponsor(ctx.params.id, userId)) ??
          Promise.reject(error),
      );
    const membership = await getService('membership').find(workgroup.id, userId);
    const sponsorId = membership?.sponsor?.id ?? null;
    if (!canRenewMembership(principal, role, workgroup.archived, sponsorId)) {
      throw canRenewMembership(principal, role, false, sponsorId)
        ? workgroupArchived()
        : forbidden('Only the sponsor, the owner, moderators and extranet admins renew a membership');
    }
    const days = body.days ?? strapi.config.get('plugin::extranet.externalMembershipDays');
    if (!days) throw invalidField('days', 'is required: no externalMembershipDays is configured');
    const expiresAt = await getService('membership').renew(workgroup, userId, days, principal.userId);
    ctx.body = { data: { userId, expiresAt }, meta: {} } satisfies RenewBody;
  },

  async remove(ctx: Koa.Context) {
    const userId = await userIdParam(ctx.params.userId);
    await removeMember(ctx.params.id, await currentPrincipal(strapi), userId);
    ctx.status = 204;
  },

  async confirm(ctx: Koa.Context) {
    const userId = await userIdParam(ctx.params.userId);
    const { workgroup, principal } = await getService('workgroup-access').require(
      ctx.params.id,
      'manageMembers',
    );
    await getService('membership').confirm(workgroup, userId, principal.userId);
    ctx.body = {
      data: await getService('membership').list(workgroup, { includePending: true }),
      meta: {},
    } satisfies ConfirmWorkgroupMember.Response;
  },
};
