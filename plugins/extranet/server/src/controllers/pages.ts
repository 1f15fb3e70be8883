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
    } catch (error: any) {
      if (error?.name === 'InvitationInvalid') return sendPage(ctx, 410, invalidInvitationPage());
      if (isProblemName(error?.name)) return sendProblemPage(ctx, error.name);
      strapi.log.error(error);
      return sendPage(
        ctx,
        500,
        problemPage('Something went wrong', 'The invitation could not be shown. Please try again later.'),
      );
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
    } catch (error: any) {
      if (error?.name === 'InvitationInvalid') return sendPage(ctx, 410, invalidInvitationPage());
      if (error?.name === 'ValidationError' && view?.existingAccount) {
        return sendPage(
          ctx,
          400,
          invitationForm(view, {}, { password: 'This is not the password of your account.' }),
        );
      }
      if (isProblemName(error?.name)) return sendProblemPage(ctx, error.name);
      strapi.log.error(error);
      return sendPage(
        ctx,
        500,
        problemPage('Something went wrong', 'Your account could not be created. Please try again later.'),
      );
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
