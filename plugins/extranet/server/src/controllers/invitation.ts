import type Koa from 'koa';
import { getService } from '../utils';
import { validateAcceptBody, validateAcceptToken, validateInviteBody } from './validation/invitation';

/** What the new partner gets back about itself: its own fields, never the password or relations. */
const ownUser = (user: any) => ({
  id: user.id,
  documentId: user.documentId,
  username: user.username,
  email: user.email,
  provider: user.provider,
  confirmed: !!user.confirmed,
  blocked: !!user.blocked,
  firstname: user.firstname ?? null,
  lastname: user.lastname ?? null,
  company: user.company ?? null,
  position: user.position ?? null,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
});

/** Cancels or re-sends the invitation `:id`, for its workgroup's managers and extranet admins. */
const cancelOrResend = async (ctx: Koa.Context, action: 'cancel' | 'resend') => {
  const { invitation, workgroup, principal } = await getService('workgroup-access').requireManagedInvitation(
    ctx.params.id,
  );
  ctx.body = {
    data: await getService('invitation')[action](invitation, workgroup, principal.userId),
    meta: {},
  };
};

/** /api/extranet/... invitations (SPEC §5); the public pages are `pages.ts`. */
export default {
  /** POST /api/extranet/workgroups/:id/invitations { email, role?, message? } */
  async create(ctx: Koa.Context) {
    const input = await validateInviteBody(ctx.request.body);
    const context = await getService('workgroup-access').require(ctx.params.id, 'manageMembers');
    const result = await getService('invitation').invite(context, input);
    ctx.status = 201;
    ctx.body =
      result.outcome === 'invited'
        ? { data: result.invitation, meta: { outcome: 'invited' } }
        : { data: result.member, meta: { outcome: 'added', notice: 'queued' } };
  },

  /** GET /api/extranet/workgroups/:id/invitations — pending ones, for managers and extranet admins. */
  async list(ctx: Koa.Context) {
    const { workgroup } = await getService('workgroup-access').requireManagerView(ctx.params.id);
    ctx.body = { data: await getService('invitation').listPending(workgroup), meta: {} };
  },

  /** DELETE /api/extranet/invitations/:id */
  async cancel(ctx: Koa.Context) {
    await cancelOrResend(ctx, 'cancel');
  },

  /** POST /api/extranet/invitations/:id/resend */
  async resend(ctx: Koa.Context) {
    await cancelOrResend(ctx, 'resend');
  },

  /** POST /api/extranet/invitations/accept (public) → { jwt, user } */
  async accept(ctx: Koa.Context) {
    const { token, body } = validateAcceptToken(ctx.request.body ?? {});
    const found = await getService('invitation').lookupOpen(token);
    const input = validateAcceptBody(body, { existingAccount: found.view.existingAccount });
    const { user } = await getService('invitation').accept(token, input);
    const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
    ctx.body = { jwt, user: ownUser(user) };
  },
};
