import type { Core } from '@strapi/strapi';
import { MEMBERSHIP_UID, USER_UID } from '../constants';
import type { ExtranetConfig } from '../config';
import { isGrantingMembership } from '../access/rule';
import { asSystem } from '../access/system';
import { expiryReminderMail } from '../mail/templates';
import type { OutboxRow, Rendered } from './outbox';
import { getService } from '../utils';

const DAY_MS = 86_400_000;
const SCAN_EVERY_MS = 60_000;
const REMINDER_BATCH = 500;

const nameOf = (u: any) =>
  [u?.firstname, u?.lastname].filter(Boolean).join(' ') || u?.username || 'A partner';

/**
 * SPEC §10 reminders: `expiryReminderDays` before a membership expires, its partner and its
 * sponsor get one mail each. A membership is claimed by a conditional update of
 * `expiryReminderSentAt` (of several nodes one wins), and its mails are queued in the same
 * transaction; renewing clears the mark, so the next expiry is reminded again.
 */
const createExpiryService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::extranet') as ExtranetConfig;
  const memberships = () => strapi.db.query(MEMBERSHIP_UID);
  let lastScan = 0;

  return {
    /** From the worker's tick: at most one scan a minute per node. */
    async queueDueReminders() {
      if (Date.now() - lastScan < SCAN_EVERY_MS) return 0;
      lastScan = Date.now();
      return this.scanDueReminders();
    },

    async scanDueReminders(): Promise<number> {
      const days = config().expiryReminderDays;
      if (!days) return 0;
      const now = new Date();
      const due = await asSystem(() =>
        memberships().findMany({
          select: ['id'],
          where: {
            status: 'active',
            expiryReminderSentAt: { $null: true },
            expiresAt: { $gt: now, $lte: new Date(now.getTime() + days * DAY_MS) },
            // An archived workgroup sends nothing (SPEC §3).
            workgroup: { $or: [{ archived: false }, { archived: { $null: true } }] },
          },
          populate: { user: { select: ['id'] }, sponsor: { select: ['id'] } },
          // The soonest first, a bounded batch a scan: the next scan takes the rest.
          orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
          limit: REMINDER_BATCH,
        }),
      );
      let queued = 0;
      for (const m of due as any[]) {
        if (!m.user) continue;
        queued += await asSystem(() =>
          strapi.db.transaction(async () => {
            const { count } = await memberships().updateMany({
              where: { id: m.id, expiryReminderSentAt: { $null: true } },
              data: { expiryReminderSentAt: now },
            });
            if (count !== 1) return 0;
            const outbox = getService('outbox', { strapi });
            await outbox.queue({
              kind: 'expiry',
              recipientUser: m.user.id,
              payload: { membershipId: m.id, toSponsor: false },
            });
            if (m.sponsor && m.sponsor.id !== m.user.id) {
              await outbox.queue({
                kind: 'expiry',
                recipientUser: m.sponsor.id,
                payload: { membershipId: m.id, toSponsor: true },
              });
            }
            return 1;
          }),
        );
      }
      return queued;
    },

    /** At sending time: nothing if the membership was renewed, ended or its group archived meanwhile. */
    async renderOutboxMail(row: OutboxRow): Promise<Rendered> {
      const [membership, recipient] = await asSystem(() =>
        Promise.all([
          memberships().findOne({
            where: { id: row.payload?.membershipId },
            populate: {
              user: { select: ['id', 'username', 'firstname', 'lastname'] },
              workgroup: { select: ['id', 'name', 'archived'] },
            },
          }),
          strapi.db
            .query(USER_UID)
            .findOne({ select: ['id', 'email', 'blocked'], where: { id: row.recipientUser } }),
        ]),
      );
      if (!recipient?.email || recipient.blocked) return { drop: 'the recipient is gone or blocked' };
      if (!membership?.workgroup || membership.workgroup.archived)
        return { drop: 'the workgroup is gone or archived' };
      if (!isGrantingMembership(membership) || !membership.expiryReminderSentAt)
        return { drop: 'the membership was renewed or has ended' };
      return {
        to: recipient.email,
        mail: expiryReminderMail({
          workgroupName: membership.workgroup.name,
          personName: nameOf(membership.user),
          expiresAt: new Date(membership.expiresAt),
          toSponsor: !!row.payload?.toSponsor,
          frontendUrl: config().frontendUrl,
        }),
      };
    },
  };
};

export default createExpiryService;
export type ExpiryService = ReturnType<typeof createExpiryService>;
