import type { Core } from '@strapi/strapi';
import { OUTBOX_CRON } from './services/outbox';
import { getService } from './utils';

/**
 * Stops the outbox worker and waits for the mail in flight to be recorded, before the database
 * closes; then drops the in-memory rate-limit counters, whose expiry timers would otherwise keep
 * the destroyed app reachable until their windows end (services/rate-limits.ts).
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.cron.remove(OUTBOX_CRON);
  await getService('outbox', { strapi }).stop();
  await getService('rate-limits', { strapi }).stop();
};
