import { createHmac, timingSafeEqual } from 'crypto';
import type { Core } from '@strapi/strapi';
import {
  INVITATION_UID,
  MEMBERSHIP_UID,
  MESSAGE_UID,
  NOTIFICATION_SETTING_UID,
  USER_UID,
  WORKGROUP_UID,
} from '../constants';
import type { ExtranetConfig } from '../config';
import { asFilter, readScope } from '../access/rule';
import { principalOfUser, type Principal } from '../access/principal';
import { governanceOf } from '../access/governance';
import { asSystem } from '../access/system';
import { acceptedMail, digestMail, messageNotificationMail, type DigestGroup } from '../mail/templates';
import type { OutboxRow, Rendered } from './outbox';
import { getService } from '../utils';

/**
 * Notifications by e-mail (SPEC §11): a message to its recipient, a digest of new and changed
 * items in the recipient's workgroups (at most one per `notificationDigestMinutes`), an accepted
 * invitation to its inviter. Each is queued in the outbox and rendered when it is sent, with what
 * the rule (access/rule.ts) lets the recipient read at that moment; nothing goes to blocked
 * people, about archived workgroups, or to someone who turned it off.
 */

export interface NotificationSettings {
  messages: boolean;
  digest: boolean;
}

/** People looked at per digest scan: the scan's cost does not grow with the number of people. */
const DIGEST_BATCH = 500;

interface DigestCandidate {
  userId: number;
  /** when the person's earliest live membership began (ms) */
  joinedAt: number;
  hasSettings: boolean;
  lastDigestAt: number | null;
}

const DEFAULTS: NotificationSettings = { messages: true, digest: true };
const TITLE_FIELDS = ['title', 'name', 'subject'];

const displayName = (
  person: { firstname?: string | null; lastname?: string | null; username?: string } | null,
) => [person?.firstname, person?.lastname].filter(Boolean).join(' ') || person?.username || 'Someone';

const createNotificationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::extranet') as ExtranetConfig;
  const settingsRows = () => strapi.db.query(NOTIFICATION_SETTING_UID);
  const outbox = () => getService('outbox', { strapi });
  let lastScan = 0;
  let scanCursor = 0;

  /* ---- the per-person unsubscribe token: "<user id>.<HMAC>", keyed from APP_KEYS ---- */

  const keys = () => {
    const appKeys = strapi.config.get('server.app.keys') as unknown;
    if (!Array.isArray(appKeys) || appKeys.length === 0)
      throw new Error('extranet: unsubscribe links need the app keys (APP_KEYS)');
    return appKeys.map((key) =>
      createHmac('sha256', String(key)).update('strapi-extranet unsubscribe').digest(),
    );
  };
  const sign = (key: Buffer, userId: number) =>
    createHmac('sha256', key).update(`unsubscribe\n${userId}`).digest('base64url');
  const unsubscribeToken = (userId: number) => `${userId}.${sign(keys()[0], userId)}`;
  const unsubscribeLink = (userId: number) =>
    `${config().publicUrl.replace(/\/+$/, '')}/extranet/notifications/unsubscribe/${unsubscribeToken(userId)}`;

  const settingsOf = async (userId: number) => {
    const row = await asSystem(() => settingsRows().findOne({ where: { user: userId } }));
    return { row, settings: row ? { messages: !!row.messages, digest: !!row.digest } : { ...DEFAULTS } };
  };

  const frontendUrl = () => config().frontendUrl;

  /* ---- digests ---- */

  /** Items of workgroup-mode types changed in (since, until], in `workgroupIds`, that `principal` reads: the rule's own filter. */
  const changedItems = async (principal: Principal, workgroupIds: number[], since: number, until: number) => {
    const found: Array<{ workgroupId: number; title: string; type: string; created: boolean }> = [];
    if (!workgroupIds.length) return found;
    const governance = governanceOf(strapi);
    for (const [uid, scoped] of Object.entries(config().scoped)) {
      if (scoped.mode !== 'workgroup') continue;
      const scope = readScope(principal, uid, governance);
      if (scope === 'none') continue;
      const contentType = strapi.contentType(uid as any) as any;
      const titleField = TITLE_FIELDS.find((field) => contentType.attributes[field]);
      const conditions: Record<string, unknown>[] = [
        { workgroup: { id: { $in: workgroupIds } } },
        { updatedAt: { $gt: new Date(since), $lte: new Date(until) } },
      ];
      const filter = asFilter(scope);
      if (filter) conditions.push(filter);
      if (contentType.options?.draftAndPublish) conditions.push({ publishedAt: { $notNull: true } });
      const rows = await asSystem(() =>
        strapi.db.query(uid as any).findMany({
          select: ['id', 'documentId', 'createdAt', ...(titleField ? [titleField] : [])],
          where: { $and: conditions },
          populate: { workgroup: { select: ['id'] } },
          orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
          limit: 200,
        }),
      );
      const seen = new Set<string>();
      for (const row of rows as any[]) {
        if (seen.has(row.documentId) || !row.workgroup) continue;
        seen.add(row.documentId);
        found.push({
          workgroupId: row.workgroup.id,
          title: String((titleField && row[titleField]) || row.documentId),
          type: String(contentType.info?.singularName ?? uid),
          created: new Date(row.createdAt).getTime() > since,
        });
      }
    }
    return found;
  };

  /** The recipient's active workgroups that are not archived. */
  const liveWorkgroups = async (principal: Principal) => {
    if (!principal.workgroupIds.length) return [];
    return asSystem(() =>
      strapi.db.query(WORKGROUP_UID).findMany({
        select: ['id', 'name'],
        where: {
          id: { $in: principal.workgroupIds },
          $or: [{ archived: false }, { archived: { $null: true } }],
        },
      }),
    );
  };

  /**
   * The next people after `afterUserId` who may be due a digest (SPEC §11), in one statement over
   * the link tables (table and column names from Strapi's metadata): an active membership in a
   * workgroup that is not archived, not blocked, and digest on with none since `dueBefore`.
   * Whether anything they may read changed is the rule's to say, per person, afterwards.
   */
  const dueDigestCandidates = async (dueBefore: number, afterUserId: number): Promise<DigestCandidate[]> => {
    const db = strapi.db as any;
    const knex = db.connection;
    const membership = db.metadata.get(MEMBERSHIP_UID);
    const memberUser = membership.attributes.user.joinTable;
    const memberWorkgroup = membership.attributes.workgroup.joinTable;
    const settings = db.metadata.get(NOTIFICATION_SETTING_UID);
    const column = (meta: any, name: string) => meta.attributes[name].columnName ?? name;
    const lastDigest = `s.${column(settings, 'lastDigestAt')}`;
    const rows: any[] = await knex(`${membership.tableName} as m`)
      .join(`${memberUser.name} as mu`, `mu.${memberUser.joinColumn.name}`, 'm.id')
      .join(`${memberWorkgroup.name} as mw`, `mw.${memberWorkgroup.joinColumn.name}`, 'm.id')
      .join(
        `${db.metadata.get(WORKGROUP_UID).tableName} as w`,
        'w.id',
        `mw.${memberWorkgroup.inverseJoinColumn.name}`,
      )
      .join(`${db.metadata.get(USER_UID).tableName} as u`, 'u.id', `mu.${memberUser.inverseJoinColumn.name}`)
      .leftJoin(`${settings.tableName} as s`, `s.${column(settings, 'user')}`, 'u.id')
      .where('m.status', 'active')
      .where((q: any) => q.where('w.archived', false).orWhereNull('w.archived'))
      .where((q: any) => q.where('u.blocked', false).orWhereNull('u.blocked'))
      .where((q: any) =>
        q
          .whereNull('s.id')
          .orWhere((on: any) =>
            on
              .where(`s.${column(settings, 'digest')}`, true)
              .where((last: any) => last.whereNull(lastDigest).orWhere(lastDigest, '<=', dueBefore)),
          ),
      )
      .where('u.id', '>', afterUserId)
      .groupBy('u.id', 's.id', lastDigest)
      .select(
        'u.id as userId',
        's.id as settingsId',
        `${lastDigest} as lastDigestAt`,
        knex.raw('min(??) as ??', [`m.${column(membership, 'createdAt')}`, 'joinedAt']),
      )
      .orderBy('u.id')
      .limit(DIGEST_BATCH);
    return rows.map((row) => ({
      userId: Number(row.userId),
      joinedAt: new Date(row.joinedAt).getTime(),
      hasSettings: row.settingsId !== null && row.settingsId !== undefined,
      lastDigestAt:
        row.lastDigestAt === null || row.lastDigestAt === undefined ? null : Number(row.lastDigestAt),
    }));
  };

  /* ---- rendering at sending time ---- */

  /**
   * The principal of a mail's recipient (`who`, in the reason), or why the mail is dropped: they
   * are blocked or gone, or turned `what` (the `setting`) off since it was queued.
   */
  const wantingRecipient = async (
    row: { recipientUser: number },
    setting: keyof NotificationSettings,
    who: string,
    what: string,
  ): Promise<Principal | { drop: string }> => {
    const principal = await principalOfUser(strapi, row.recipientUser);
    if (!principal) return { drop: `the ${who} is blocked or gone` };
    if (!(await settingsOf(principal.userId!)).settings[setting])
      return { drop: `the ${who} turned ${what} off` };
    return principal;
  };

  const renderMessage = async (row: OutboxRow): Promise<Rendered> => {
    const principal = await wantingRecipient(row, 'messages', 'recipient', 'message notifications');
    if ('drop' in principal) return principal;
    const scope = asFilter(readScope(principal, MESSAGE_UID, governanceOf(strapi)));
    const message = await asSystem(() =>
      strapi.db.query(MESSAGE_UID).findOne({
        where: { $and: [{ id: row.payload?.messageId }, ...(scope ? [scope] : [])] },
        populate: {
          sender: { select: ['id', 'username', 'firstname', 'lastname'] },
          recipient: { select: ['id', 'email'] },
        },
      }),
    );
    if (!message || message.recipient?.id !== principal.userId)
      return { drop: 'the message is not readable by its recipient' };
    return {
      to: message.recipient.email,
      mail: messageNotificationMail({
        senderName: displayName(message.sender),
        body: message.body,
        frontendUrl: frontendUrl(),
        unsubscribe: unsubscribeLink(principal.userId!),
      }),
    };
  };

  const renderDigest = async (row: OutboxRow): Promise<Rendered> => {
    const principal = await wantingRecipient(row, 'digest', 'recipient', 'the digest');
    if ('drop' in principal) return principal;
    const workgroups = await liveWorkgroups(principal);
    const items = await changedItems(
      principal,
      workgroups.map((w: any) => w.id),
      Number(row.payload?.since),
      Number(row.payload?.until),
    );
    if (!items.length) return { drop: 'nothing the recipient may read changed' };
    const groups: DigestGroup[] = workgroups
      .map((w: any) => ({ workgroupName: w.name, items: items.filter((i) => i.workgroupId === w.id) }))
      .filter((g: DigestGroup) => g.items.length);
    const user = await asSystem(() =>
      strapi.db.query(USER_UID).findOne({ select: ['email'], where: { id: principal.userId } }),
    );
    return {
      to: user.email,
      mail: digestMail({
        groups,
        frontendUrl: frontendUrl(),
        unsubscribe: unsubscribeLink(principal.userId!),
      }),
    };
  };

  const renderAccepted = async (row: OutboxRow): Promise<Rendered> => {
    const principal = await wantingRecipient(row, 'messages', 'inviter', 'notifications');
    if ('drop' in principal) return principal;
    const invitation = await asSystem(() =>
      strapi.db.query(INVITATION_UID).findOne({
        where: { id: row.invitation },
        populate: {
          workgroup: { select: ['id'] },
          acceptedBy: { select: ['id', 'username', 'firstname', 'lastname'] },
        },
      }),
    );
    if (!invitation?.workgroup || !invitation.acceptedBy) return { drop: 'the invitation is gone' };
    const scope = asFilter(readScope(principal, WORKGROUP_UID, governanceOf(strapi)));
    const workgroup = await asSystem(() =>
      strapi.db.query(WORKGROUP_UID).findOne({
        select: ['id', 'name', 'archived'],
        where: { $and: [{ id: invitation.workgroup.id }, ...(scope ? [scope] : [])] },
      }),
    );
    if (!workgroup || workgroup.archived)
      return { drop: 'the workgroup is archived or not readable by the inviter' };
    const user = await asSystem(() =>
      strapi.db.query(USER_UID).findOne({ select: ['email'], where: { id: principal.userId } }),
    );
    return {
      to: user.email,
      mail: acceptedMail({
        personName: displayName(invitation.acceptedBy),
        workgroupName: workgroup.name,
        frontendUrl: frontendUrl(),
        unsubscribe: unsubscribeLink(principal.userId!),
      }),
    };
  };

  return {
    unsubscribeToken,

    /** The user id a well-signed unsubscribe token names, or null. */
    verifyUnsubscribe(token: unknown): number | null {
      if (typeof token !== 'string' || !/^[1-9][0-9]{0,15}\.[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const [id, signature] = token.split('.');
      const userId = Number(id);
      const given = Buffer.from(signature, 'base64url');
      const valid = keys().some((key) => {
        const expected = Buffer.from(sign(key, userId), 'base64url');
        return expected.length === given.length && timingSafeEqual(expected, given);
      });
      return valid ? userId : null;
    },

    async get(userId: number): Promise<NotificationSettings> {
      return (await settingsOf(userId)).settings;
    },

    async set(userId: number, settings: NotificationSettings): Promise<NotificationSettings> {
      await asSystem(async () => {
        const { count } = await settingsRows().updateMany({ where: { user: userId }, data: settings });
        if (count) return;
        try {
          await settingsRows().create({ data: { user: userId, ...settings } });
        } catch {
          // Created meanwhile (another request, another node): the update applies.
          await settingsRows().updateMany({ where: { user: userId }, data: settings });
        }
      });
      return this.get(userId);
    },

    /** In the caller's transaction: a message mails its recipient. */
    queueMessage(messageId: number, recipientId: number) {
      return outbox().queue({ kind: 'message', recipientUser: recipientId, payload: { messageId } });
    },

    /** In the accept transaction: the inviter (a users-permissions user) hears of it. */
    queueAccepted(invitationId: number, inviterId: number | null | undefined) {
      if (!inviterId) return Promise.resolve(null);
      return outbox().queue({ kind: 'accepted', recipientUser: inviterId, invitation: invitationId });
    },

    /**
     * Queues the digests that are due: for each person with an active membership in a live
     * workgroup, not blocked, digest on, and no digest for `notificationDigestMinutes`, when
     * something they may read changed since their last digest (or since they joined). Whoever
     * moves the person's `lastDigestAt` (a conditional update) queues it: one digest, whatever
     * the number of nodes. A scan takes the next `DIGEST_BATCH` such people by id and the next
     * scan goes on from there, so that its cost stays bounded however many people there are.
     */
    async queueDueDigests() {
      const windowMs = config().notificationDigestMinutes * 60 * 1000;
      const now = Date.now();
      // Scan at most every minute, or every half window when it is shorter.
      if (now - lastScan < Math.min(60000, windowMs / 2)) return;
      lastScan = now;
      const candidates = await dueDigestCandidates(now - windowMs, scanCursor);
      scanCursor = candidates.length < DIGEST_BATCH ? 0 : candidates[candidates.length - 1].userId;
      for (const { userId, joinedAt, hasSettings, lastDigestAt } of candidates) {
        const principal = await principalOfUser(strapi, userId);
        if (!principal) continue;
        const since = lastDigestAt ?? joinedAt;
        const workgroups = await liveWorkgroups(principal);
        const items = await changedItems(
          principal,
          workgroups.map((w: any) => w.id),
          since,
          now,
        );
        if (!items.length) continue;
        try {
          await asSystem(() =>
            strapi.db.transaction(async () => {
              if (hasSettings) {
                const { count } = await settingsRows().updateMany({
                  where: {
                    user: userId,
                    lastDigestAt: lastDigestAt === null ? { $null: true } : lastDigestAt,
                  },
                  data: { lastDigestAt: now },
                });
                if (count !== 1) return;
              } else {
                await settingsRows().create({ data: { user: userId, ...DEFAULTS, lastDigestAt: now } });
              }
              await outbox().queue({ kind: 'digest', recipientUser: userId, payload: { since, until: now } });
            }),
          );
        } catch (error: any) {
          // Another node created the person's settings first: its digest is the one.
          strapi.log.debug(
            `extranet: digest for user ${userId} left to another node: ${error?.message ?? error}`,
          );
        }
      }
    },

    /** The outbox's renderer for `message`, `digest` and `accepted` mails. */
    renderOutboxMail(row: OutboxRow): Promise<Rendered> {
      if (row.kind === 'message') return renderMessage(row);
      if (row.kind === 'digest') return renderDigest(row);
      return renderAccepted(row);
    },
  };
};

export type NotificationService = ReturnType<typeof createNotificationService>;
export default createNotificationService;
