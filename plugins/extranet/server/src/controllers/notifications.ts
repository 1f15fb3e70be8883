import type Koa from 'koa';
import type { GetNotificationSettings, UpdateNotificationSettings } from '../../../shared/contracts/me';
import { currentPrincipal } from '../access/principal';
import { invalidField } from '../errors';
import { isPrototypeKey } from '../utils/prototype-keys';
import { getService } from '../utils';

const notifications = () => getService('notifications');
const FIELDS = ['messages', 'digest'] as const;

/** `{ messages: boolean, digest: boolean }`, both required, nothing else: 400 naming the field. */
const checkSettings = (body: unknown) => {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw invalidField('messages', 'the body must be { messages, digest }');
  const unknown = Object.keys(body).find(
    (key) => isPrototypeKey(key) || !(FIELDS as readonly string[]).includes(key),
  );
  if (unknown) throw invalidField(unknown, `unknown field: ${unknown}`);
  const settings = body as Record<string, unknown>;
  for (const field of FIELDS) {
    if (typeof settings[field] !== 'boolean') throw invalidField(field, `${field} must be true or false`);
  }
  return { messages: settings.messages as boolean, digest: settings.digest as boolean };
};

export default {
  /** GET /api/extranet/me/notifications */
  async show(ctx: Koa.Context) {
    const principal = await currentPrincipal(strapi);
    ctx.body = {
      data: await notifications().get(principal.userId!),
      meta: {},
    } satisfies GetNotificationSettings.Response;
  },

  /** PUT /api/extranet/me/notifications { messages, digest } */
  async update(ctx: Koa.Context) {
    const settings = checkSettings(ctx.request.body);
    const principal = await currentPrincipal(strapi);
    ctx.body = {
      data: await notifications().set(principal.userId!, settings),
      meta: {},
    } satisfies UpdateNotificationSettings.Response;
  },
};
