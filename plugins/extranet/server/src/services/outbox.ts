import { randomBytes } from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { OUTBOX_UID } from '../constants';
import type { ExtranetConfig } from '../config';
import type { Mail } from '../mail/templates';
import { asSystem } from '../access/system';
import { getService } from '../utils';

/**
 * The persistent outbox (SPEC §11). Every mail of the plugin is a row written in the transaction
 * that causes it, holding no secret: what to send is worked out when it is sent (an invitation's
 * token is minted then; a notification is rendered with what the rule lets its recipient read
 * then). A worker — a Strapi cron task every few seconds, and a kick after each commit that
 * queues a mail — claims rows under a lease (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite, one
 * writer at a time: a conditional update), sends them through `@strapi/email`, and records the
 * outcome. Delivery is at least once: a node that dies between the SMTP server's acceptance and
 * recording it leaves the row to be sent again when its lease ends.
 */

export type OutboxKind = 'invitation' | 'added' | 'message' | 'digest' | 'accepted' | 'suspended' | 'expiry';
export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'dropped';

export interface OutboxEntry {
  kind: OutboxKind;
  /** an address, when the mail goes to one (invitations); otherwise `recipientUser` */
  recipient?: string | null;
  recipientUser?: number | null;
  invitation?: number | null;
  payload?: Record<string, unknown>;
}

/** What a kind's renderer answers at sending time. */
export type Rendered =
  | { to: string; mail: Mail; afterSend?: () => Promise<void> }
  /** nothing to send any more (the invitation was cancelled, the recipient turned it off...) */
  | { drop: string };

/** Which service renders which kind (each exposes `renderOutboxMail(row)`). */
const RENDERERS: Record<OutboxKind, 'invitation' | 'notifications' | 'review' | 'expiry'> = {
  invitation: 'invitation',
  added: 'invitation',
  message: 'notifications',
  digest: 'notifications',
  accepted: 'notifications',
  suspended: 'review',
  expiry: 'expiry',
};

const BATCH = 10;
const MAX_DELAY_MS = 3600 * 1000;
export const OUTBOX_CRON = 'extranet-outbox';

/** What the admin pages show of a mail: never its rendered body. */
export const shapeMail = (row: any) => ({
  id: row.id,
  kind: row.kind,
  status: row.status as OutboxStatus,
  attempts: row.attempts,
  lastError: row.lastError ?? null,
  nextAttemptAt: row.status === 'queued' ? new Date(Number(row.nextAttemptAt)).toISOString() : null,
  sentAt: row.sentAt ?? null,
  createdAt: row.createdAt,
});

const createOutboxService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::extranet') as ExtranetConfig;
  const rows = () => strapi.db.query(OUTBOX_UID);
  const nodeId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  let draining: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const meta = () => {
    const m = strapi.db.metadata.get(OUTBOX_UID) as any;
    const col = (name: string) => m.attributes[name].columnName ?? name;
    return { table: m.tableName as string, col };
  };

  /** Rows claimed by this node for `mailLeaseSeconds`: attempts counted, lease stamped. */
  const claim = async (): Promise<any[]> => {
    const now = Date.now();
    const leaseUntil = now + config().mailLeaseSeconds * 1000;
    if (isPostgres()) {
      const { table, col } = meta();
      const result = await strapi.db.connection.raw(
        `UPDATE ?? SET ?? = ?, ?? = ?, ?? = ?? + 1
          WHERE id IN (SELECT id FROM ?? WHERE ?? = 'queued' AND ?? <= ? AND (?? IS NULL OR ?? < ?)
                        ORDER BY ??, id LIMIT ? FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [
          table,
          col('leaseUntil'),
          leaseUntil,
          col('leasedBy'),
          nodeId,
          col('attempts'),
          col('attempts'),
          table,
          col('status'),
          col('nextAttemptAt'),
          now,
          col('leaseUntil'),
          col('leaseUntil'),
          now,
          col('nextAttemptAt'),
          BATCH,
        ],
      );
      const ids = result.rows.map((r: any) => r.id);
      return ids.length ? rows().findMany({ where: { id: { $in: ids } }, orderBy: { id: 'asc' } }) : [];
    }
    const candidates = await rows().findMany({
      where: {
        status: 'queued',
        nextAttemptAt: { $lte: now },
        $or: [{ leaseUntil: { $null: true } }, { leaseUntil: { $lt: now } }],
      },
      orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
      limit: BATCH,
    });
    const claimed = [];
    for (const row of candidates) {
      // Conditional on what was read: of two nodes reading the same row, one update matches.
      const { count } = await rows().updateMany({
        where: {
          id: row.id,
          status: 'queued',
          attempts: row.attempts,
          $or: [{ leaseUntil: { $null: true } }, { leaseUntil: { $lt: now } }],
        },
        data: { leaseUntil, leasedBy: nodeId, attempts: row.attempts + 1 },
      });
      if (count === 1) claimed.push({ ...row, leaseUntil, leasedBy: nodeId, attempts: row.attempts + 1 });
    }
    return claimed;
  };

  /** The first retry after `mailRetryDelaySeconds`, each next one four times later, at most an hour. */
  const retryDelayMs = (attempts: number) =>
    Math.min(MAX_DELAY_MS, config().mailRetryDelaySeconds * 1000 * 4 ** Math.max(0, attempts - 1));

  const finish = (row: any, data: Record<string, unknown>) =>
    rows().updateMany({
      where: { id: row.id, leasedBy: nodeId },
      data: { leaseUntil: null, leasedBy: null, ...data },
    });

  const deliver = async (row: any) => {
    let rendered: Rendered;
    try {
      rendered = await getService(RENDERERS[row.kind as OutboxKind], { strapi }).renderOutboxMail(row);
    } catch (error: any) {
      return fail(row, `could not be prepared: ${error?.message ?? error}`);
    }
    if ('drop' in rendered) {
      await finish(row, { status: 'dropped', lastError: rendered.drop });
      return;
    }
    try {
      const { to, mail } = rendered;
      await strapi
        .plugin('email')
        .service('email')
        .send({ to, subject: mail.subject, text: mail.text, html: mail.html });
    } catch (error: any) {
      return fail(row, error?.message ?? String(error));
    }
    await finish(row, { status: 'sent', sentAt: new Date(), lastError: null, recipient: rendered.to });
    try {
      await rendered.afterSend?.();
    } catch (error: any) {
      strapi.log.warn(`extranet: after sending outbox mail ${row.id}: ${error?.message ?? error}`);
    }
  };

  const fail = async (row: any, message: string) => {
    const exhausted = row.attempts > config().mailRetries;
    strapi.log.warn(
      `extranet: outbox mail ${row.id} (${row.kind}) attempt ${row.attempts} failed${exhausted ? ', giving up' : ''}: ${message}`,
    );
    await finish(row, {
      status: exhausted ? 'failed' : 'queued',
      lastError: message.slice(0, 2000),
      nextAttemptAt: Date.now() + retryDelayMs(row.attempts),
    });
  };

  const drainOnce = async () => {
    while (!stopped) {
      const batch = await asSystem(claim);
      if (!batch.length) return;
      for (const row of batch) {
        if (stopped) return;
        await asSystem(() => deliver(row));
      }
    }
  };

  const service = {
    nodeId,

    /** Queues a mail in the current transaction (if any); the worker is kicked once it commits. */
    async queue(entry: OutboxEntry) {
      return asSystem(() =>
        strapi.db.transaction(async ({ onCommit }) => {
          const row = await rows().create({
            data: {
              kind: entry.kind,
              recipient: entry.recipient ?? null,
              recipientUser: entry.recipientUser ?? null,
              invitation: entry.invitation ?? null,
              payload: entry.payload ?? {},
              status: 'queued',
              attempts: 0,
              nextAttemptAt: Date.now(),
            },
          });
          onCommit(() => service.kick());
          return row;
        }),
      );
    },

    /** Starts draining soon, outside the caller's request. */
    kick() {
      if (stopped || config().mailWorker === false) return;
      setImmediate(() => {
        service
          .drain()
          .catch((error) => strapi.log.error(`extranet: outbox worker: ${error?.message ?? error}`));
      });
    },

    /** Sends whatever is due; concurrent calls on one node share one run. */
    drain(): Promise<void> {
      if (stopped) return Promise.resolve();
      if (draining) {
        again = true;
        return draining;
      }
      draining = (async () => {
        do {
          again = false;
          await drainOnce();
        } while (again && !stopped);
      })().finally(() => {
        draining = null;
      });
      return draining;
    },

    /** Puts a queued or failed mail back at the head of the queue (resend). */
    async requeue(id: number) {
      const { count } = await asSystem(() =>
        strapi.db.transaction(async ({ onCommit }) => {
          const result = await rows().updateMany({
            where: { id, status: { $in: ['queued', 'failed'] } },
            data: { status: 'queued', attempts: 0, nextAttemptAt: Date.now(), lastError: null },
          });
          if (result.count) onCommit(() => service.kick());
          return result;
        }),
      );
      return count === 1;
    },

    /** Mails of invitations that are not sent yet (queued) or gave up (failed), newest first. */
    async unsentOfInvitations(invitationIds: number[]) {
      if (!invitationIds.length) return new Map<number, any[]>();
      const found = await asSystem(() =>
        rows().findMany({
          where: {
            kind: 'invitation',
            invitation: { $in: invitationIds },
            status: { $in: ['queued', 'failed'] },
          },
          orderBy: [{ id: 'desc' }],
        }),
      );
      const byInvitation = new Map<number, any[]>();
      for (const row of found)
        byInvitation.set(row.invitation, [...(byInvitation.get(row.invitation) ?? []), shapeMail(row)]);
      return byInvitation;
    },

    /** Cron and kicks stop; resolves once the mail in flight is recorded. */
    async stop() {
      stopped = true;
      await draining?.catch(() => undefined);
    },
  };
  return service;
};

export type OutboxService = ReturnType<typeof createOutboxService>;
export default createOutboxService;
