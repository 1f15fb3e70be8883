import type Koa from 'koa';
import { notFound, workgroupArchived } from '../../errors';
import { loadReachableWorkgroup } from '../../access/admin-rbac';
import type {
  CreateInvitation,
  GetInvitations,
  InvitationAction,
} from '../../../../shared/contracts/invitations';
import { validateInviteBody } from '../validation/invitation';
import { editorHandlers } from './service';
import { getService } from '../../utils';

/** The invitation `:id` in a workgroup the editor manages (404 outside its reach). */
const loadManaged = async (ctx: Koa.Context) => {
  const found =
    typeof ctx.params.id === 'string' ? await getService('invitation').findById(ctx.params.id) : null;
  if (!found) throw notFound('Invitation not found');
  try {
    const { workgroup } = await loadReachableWorkgroup(strapi, ctx, found.workgroup.documentId, {
      manage: true,
    });
    if (workgroup.archived) throw workgroupArchived();
    return { invitation: found.invitation, workgroup };
  } catch (error: any) {
    if (error?.name === 'NotFoundError') throw notFound('Invitation not found');
    throw error;
  }
};

/** /extranet/manage/workgroups/:id/invitations and /extranet/manage/invitations/:id (SPEC §5, §9). */
export default editorHandlers({
  async find(ctx: Koa.Context) {
    const { workgroup } = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, { manage: false });
    ctx.body = {
      data: await getService('invitation').listPending(workgroup),
    } satisfies GetInvitations.Response;
  },

  /** Sent in the editor's own name: the invitation records it and the mail names it (SPEC §9). */
  async create(ctx: Koa.Context) {
    const input = await validateInviteBody(ctx.request.body);
    const { workgroup } = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, { manage: true });
    const { id, firstname, lastname, email } = (ctx.state as any).user;
    const result = await getService('invitation').invite(
      {
        workgroup,
        principal: {
          kind: 'system',
          userId: null,
          groups: new Set(),
          workgroupIds: [],
          managedWorkgroupIds: [],
        },
        powers: { promoteModerators: true },
        admin: { id, firstname, lastname, email },
      },
      input,
    );
    ctx.status = 201;
    ctx.body = (
      result.outcome === 'invited'
        ? { data: result.invitation, meta: { outcome: 'invited' } }
        : { data: result.member, meta: { outcome: 'added' } }
    ) as CreateInvitation.Response;
  },

  async cancel(ctx: Koa.Context) {
    const { invitation, workgroup } = await loadManaged(ctx);
    ctx.body = {
      data: await getService('invitation').cancel(invitation, workgroup, null),
    } satisfies InvitationAction.Response;
  },

  async resend(ctx: Koa.Context) {
    const { invitation, workgroup } = await loadManaged(ctx);
    ctx.body = {
      data: await getService('invitation').resend(invitation, workgroup, null),
    } satisfies InvitationAction.Response;
  },
});
