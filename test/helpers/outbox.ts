/**
 * The outbox (SPEC §11) from the tests' side: mails are sent by a worker after the answer, so a
 * test reads the stored rows until they reach the state it waits for (no timing is asserted).
 */
import type { Core } from '@strapi/strapi';

export const OUTBOX = 'plugin::extranet.outbox-mail';

/** Reads `read()` until `ready` holds or `timeoutMs` passes; returns the last value either way. */
export async function until<T>(read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ready(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const outboxRows = (strapi: Core.Strapi, where: Record<string, unknown> = {}) =>
  strapi.db.query(OUTBOX).findMany({ where, orderBy: { id: 'asc' } });

/** Waits until no mail matching `where` is queued any more (sent, failed or dropped), and returns them. */
export const settled = (strapi: Core.Strapi, where: Record<string, unknown> = {}) =>
  until(() => outboxRows(strapi, where), (rows) => rows.length > 0 && rows.every((row: any) => row.status !== 'queued'));
