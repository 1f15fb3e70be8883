import { currentPrincipal } from '../access/principal';
import { invalidField } from '../errors';
import { PAGE_HEADERS } from '../pages/html';
import { problemPage } from '../pages/invitation';
import { unsubscribedPage } from '../pages/notifications';
import { isPrototypeKey } from '../utils/prototype-keys';
import { getService } from '../utils';

const notifications = () => getService('notifications');
const FIELDS = ['messages', 'digest'] as const;

/** `{ messages: boolean, digest: boolean }`, both required, nothing else: 400 naming the field. */
const checkSettings = (body: unknown) => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidField('messages', 'the body must be { messages, digest }');
  const unknown = Object.keys(body).find((key) => isPrototypeKey(key) || !(FIELDS as readonly string[]).includes(key));
  if (unknown) throw invalidField(unknown, `unknown field: ${unknown}`);
  for (const field of FIELDS) {
    if (typeof (body as any)[field] !== 'boolean') throw invalidField(field, `${field} must be true or false`);
  }
  return { messages: (body as any).messages as boolean, digest: (body as any).digest as boolean };
};

const sendPage = (ctx: any, status: number, body: string) => {
  ctx.status = status;
  ctx.set(PAGE_HEADERS);
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = body;
};

export default {
  /** GET /api/extranet/me/notifications */
  async show(ctx: any) {
    const principal = await currentPrincipal(strapi);
    ctx.body = { data: await notifications().get(principal.userId!), meta: {} };
  },

  /** PUT /api/extranet/me/notifications { messages, digest } */
  async update(ctx: any) {
    const settings = checkSettings(ctx.request.body);
    const principal = await currentPrincipal(strapi);
    ctx.body = { data: await notifications().set(principal.userId!, settings), meta: {} };
  },

  /** GET and POST /extranet/notifications/unsubscribe/:token (public, one click): both off. */
  async unsubscribe(ctx: any) {
    const userId = notifications().verifyUnsubscribe(ctx.params.token);
    if (userId === null) return sendPage(ctx, 404, problemPage('This link is not valid', 'This unsubscribe link is not valid. Change your notifications in the extranet instead.'));
    await notifications().set(userId, { messages: false, digest: false });
    return sendPage(ctx, 200, unsubscribedPage());
  },
};
