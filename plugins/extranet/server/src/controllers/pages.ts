import type Koa from 'koa';
import { sendPage } from '../pages/html';
import {
  acceptedPage,
  invalidInvitationPage,
  invitationForm,
  isProblemName,
  problemPage,
  sendProblemPage,
  type InvitationView,
} from '../pages/invitation';
import { unsubscribedPage } from '../pages/notifications';
import type { ExtranetConfig } from '../config';
import { getService } from '../utils';
import { checkAcceptForm } from './validation/invitation';

const errorName = (error: unknown): unknown => (error as { name?: unknown } | null)?.name;

/**
 * What an invitation page answers when showing or accepting fails: 410 for an invitation that is
 * no longer open, the page of a known problem (seat limit, archived group, rate limit), otherwise
 * 500 with `failure`, the error going to the log.
 */
const sendInvitationError = (ctx: Koa.Context, error: unknown, failure: string) => {
  const name = errorName(error);
  if (name === 'InvitationInvalid') return sendPage(ctx, 410, invalidInvitationPage());
  if (isProblemName(name)) return sendProblemPage(ctx, name);
  strapi.log.error(error);
  return sendPage(ctx, 500, problemPage('Something went wrong', failure));
};

/**
 * The public pages (admin-type routes under `/extranet/...`, `auth: false`): plain HTML for
 * people who hold a token from a mail and may have no JavaScript. Every answer is a page, never
 * JSON: errors become the page that explains them.
 */
export default {
  /** GET /extranet/invitations/:token */
  async invitation(ctx: Koa.Context) {
    try {
      const found = await getService('invitation').lookupOpen(ctx.params.token);
      return sendPage(ctx, 200, invitationForm(found.view));
    } catch (error: unknown) {
      return sendInvitationError(ctx, error, 'The invitation could not be shown. Please try again later.');
    }
  },

  /** POST /extranet/invitations/:token (the form, application/x-www-form-urlencoded) */
  async acceptInvitation(ctx: Koa.Context) {
    const token = ctx.params.token;
    let view: InvitationView | null = null;
    try {
      ({ view } = await getService('invitation').lookupOpen(token));
      const input = checkAcceptForm(ctx.request.body ?? {}, { existingAccount: view.existingAccount });
      if (!input.valid) return sendPage(ctx, 400, invitationForm(view, input.values, input.errors));
      const { user, workgroup } = await getService('invitation').accept(token, {
        ...input.values,
        password: input.password,
      });
      const { frontendUrl } = strapi.config.get('plugin::extranet') as ExtranetConfig;
      return sendPage(
        ctx,
        200,
        acceptedPage({ workgroupName: workgroup.name, email: user.email, frontendUrl }),
      );
    } catch (error: unknown) {
      if (errorName(error) === 'ValidationError' && view?.existingAccount) {
        return sendPage(
          ctx,
          400,
          invitationForm(view, {}, { password: 'This is not the password of your account.' }),
        );
      }
      return sendInvitationError(ctx, error, 'Your account could not be created. Please try again later.');
    }
  },

  /** GET and POST /extranet/notifications/unsubscribe/:token (one click from a mail): both off. */
  async unsubscribe(ctx: Koa.Context) {
    const notifications = getService('notifications');
    const userId = notifications.verifyUnsubscribe(ctx.params.token);
    if (userId === null) {
      return sendPage(
        ctx,
        404,
        problemPage(
          'This link is not valid',
          'This unsubscribe link is not valid. Change your notifications in the extranet instead.',
        ),
      );
    }
    await notifications.set(userId, { messages: false, digest: false });
    return sendPage(ctx, 200, unsubscribedPage());
  },
};
