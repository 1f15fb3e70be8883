import { createHash, randomBytes } from 'crypto';
import { factories, type Core } from '@strapi/strapi';
import { EXTRANET_ROLE, INVITATION_UID, ROLE_UID, USER_UID, WORKGROUP_UID } from '../constants';
import type { ExtranetConfig } from '../config';
import {
  alreadyMember,
  emailDomainNotAllowed,
  externalNotAllowed,
  forbidden,
  invitationClosed,
  invitationInvalid,
  invitationPending,
  invalidField,
  workgroupArchived,
} from '../errors';
import type { Principal } from '../access/principal';
import { isGrantingMembership, type WorkgroupRole } from '../access/rule';
import { asSystem } from '../access/system';
import { addedNoticeMail, invitationMail } from '../mail/templates';
import type { Rendered } from './outbox';
import { toWorkgroup, WORKGROUP_FIELDS, type Workgroup } from './workgroup-access';
import type { MembershipTerms } from './membership';
import { getService } from '../utils';

/* ---- tokens: 256 bits from the CSPRNG, base64url; only the SHA-256 hash is stored ---- */

const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const newToken = () => randomBytes(TOKEN_BYTES).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const isTokenShaped = (token: unknown): token is string =>
  typeof token === 'string' && TOKEN_SHAPE.test(token);

/** Addresses are compared trimmed and lower-cased, everywhere. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** A listed domain covers itself and its subdomains. */
const domainMatches = (domain: string, listed: string) => {
  const entry = listed.trim().toLowerCase();
  return domain === entry || domain.endsWith(`.${entry}`);
};

export type InviteRole = Exclude<WorkgroupRole, 'owner'>;

/** The profile is a new account's (validated present there); an existing account keeps its own. */
export interface AcceptInput {
  password: string;
  firstname?: string;
  lastname?: string;
  company?: string | null;
  position?: string | null;
}

const PERSON = ['id', 'username', 'firstname', 'lastname'];
const ADMIN_PERSON = ['id', 'firstname', 'lastname', 'email'];
const populate = {
  workgroup: { select: WORKGROUP_FIELDS },
  invitedBy: { select: PERSON },
  invitedByAdmin: { select: ADMIN_PERSON },
};

const displayName = (person: any) =>
  [person?.firstname, person?.lastname].filter(Boolean).join(' ') ||
  person?.username ||
  'A member of the workgroup';
/** Who the mail and the page name as the inviter: the admin user when sent from the admin panel (SPEC §9). */
const inviterName = (row: any) => displayName(row.invitedByAdmin ?? row.invitedBy);

/** An admin user inviting from the admin panel (SPEC §9): recorded as `invitedByAdmin`. */
export interface AdminInviter {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string;
}

/** What the API shows of an invitation: never the token, nor its hash; `mails`: its unsent mails (queued, failed). */
export const shapeInvitation = (row: any, mails?: any[]) => ({
  id: row.id,
  documentId: row.documentId,
  email: row.email,
  role: row.role,
  status: row.status,
  message: row.message ?? null,
  expiresAt: row.expiresAt,
  acceptedAt: row.acceptedAt ?? null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  ...(row.workgroup ? { workgroup: { documentId: row.workgroup.documentId, name: row.workgroup.name } } : {}),
  invitedBy: row.invitedBy
    ? {
        id: row.invitedBy.id,
        username: row.invitedBy.username,
        firstname: row.invitedBy.firstname ?? null,
        lastname: row.invitedBy.lastname ?? null,
      }
    : null,
  invitedByAdmin: row.invitedByAdmin
    ? {
        id: row.invitedByAdmin.id,
        firstname: row.invitedByAdmin.firstname ?? null,
        lastname: row.invitedByAdmin.lastname ?? null,
        email: row.invitedByAdmin.email,
      }
    : null,
  ...(mails ? { mails } : {}),
});

/**
 * Strapi's core service of the invitation type, and invitations as SPEC §5 has them, named apart
 * from the core service's own writes (`invite`, `cancel`, `resend`, `accept`). Callers (the
 * controllers) check who may invite through workgroup-access; from there on the service applies
 * the rules itself, so its queries run as system. Accepting is anonymous: everything it does
 * runs as system inside one transaction.
 */
const createInvitationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::extranet') as ExtranetConfig;
  const invitations = () => strapi.db.query(INVITATION_UID);
  const sys = <T>(fn: () => Promise<T>) => asSystem(fn);

  const ttlMs = () => config().invitationTtlHours * 3600 * 1000;
  const isPast = (date: unknown) => !date || new Date(date as string).getTime() <= Date.now();
  const linkFor = (token: string) =>
    `${config().publicUrl.replace(/\/+$/, '')}/extranet/invitations/${token}`;

  const assertDomainAllowed = (email: string) => {
    const domain = email.slice(email.lastIndexOf('@') + 1);
    const { allowedEmailDomains = [], blockedEmailDomains = [] } = config();
    const blocked = blockedEmailDomains.some((d) => domainMatches(domain, d));
    const allowed =
      allowedEmailDomains.length === 0 || allowedEmailDomains.some((d) => domainMatches(domain, d));
    if (blocked || !allowed) throw emailDomainNotAllowed(domain);
  };

  const findUserByEmail = (email: string) =>
    sys(() =>
      strapi.db.query(USER_UID).findOne({
        select: ['id', 'email', 'username', 'blocked'],
        where: { email: { $eqi: email } },
        orderBy: { id: 'asc' },
        populate: { role: { select: ['type'] } },
      }),
    );

  const load = (where: Record<string, unknown>) => sys(() => invitations().findOne({ where, populate }));

  /** pending → expired, once: the first one to see it records the event. */
  const expire = async (row: any) => {
    const { count } = await sys(() =>
      invitations().updateMany({ where: { id: row.id, status: 'pending' }, data: { status: 'expired' } }),
    );
    if (count && row.workgroup) {
      await getService('activity', { strapi }).record({
        type: 'invitation.expired',
        workgroup: toWorkgroup(row.workgroup),
        actorId: null,
        subjectUid: INVITATION_UID,
        subjectDocumentId: row.documentId,
        summary: `invitation expired (${row.role})`,
      });
    }
  };

  /**
   * Queues the invitation's mail (SPEC §11) in the caller's transaction. The row names the
   * invitation; its token is minted when the mail is actually sent (`renderOutboxMail`).
   */
  const queueInvitationMail = (
    row: any,
    kind: 'invitation.sent' | 'invitation.resent',
    actorId: number | null,
  ) =>
    getService('outbox', { strapi }).queue({
      kind: 'invitation',
      recipient: row.email,
      invitation: row.id,
      payload: { event: kind, actorId },
    });

  /** At sending time: a fresh token (its hash stored, the old link dead) and the mail that carries it. */
  const renderInvitation = async (mailRow: any): Promise<Rendered> => {
    const row = await load({ id: mailRow.invitation });
    if (!row || !row.workgroup) return { drop: 'the invitation no longer exists' };
    if (row.status !== 'pending') return { drop: `the invitation is ${row.status}` };
    const workgroup = toWorkgroup(row.workgroup);
    if (workgroup.archived) return { drop: 'the workgroup is archived' };
    const token = newToken();
    const expiresAt = new Date(Date.now() + ttlMs());
    const { count } = await sys(() =>
      invitations().updateMany({
        where: { id: row.id, status: 'pending' },
        data: { tokenHash: hashToken(token), expiresAt },
      }),
    );
    if (!count) return { drop: 'the invitation is no longer pending' };
    const event = mailRow.payload?.event === 'invitation.resent' ? 'invitation.resent' : 'invitation.sent';
    return {
      to: row.email,
      mail: invitationMail({
        workgroupName: workgroup.name,
        inviterName: inviterName(row),
        role: row.role,
        message: row.message,
        link: linkFor(token),
        expiresAt,
      }),
      afterSend: () =>
        getService('activity', { strapi }).record({
          type: event,
          workgroup,
          actorId: mailRow.payload?.actorId ?? null,
          subjectUid: INVITATION_UID,
          subjectDocumentId: row.documentId,
          summary: `invitation ${event === 'invitation.sent' ? 'sent' : 're-sent'} (${row.role})`,
        }),
    };
  };

  /** At sending time: the notice to an employee added at once, unless blocked or the group archived since. */
  const renderAddedNotice = async (mailRow: any): Promise<Rendered> => {
    const user = await sys(() =>
      strapi.db
        .query(USER_UID)
        .findOne({ select: ['id', 'email', 'blocked'], where: { id: mailRow.recipientUser } }),
    );
    if (!user || user.blocked) return { drop: 'the recipient is blocked or gone' };
    const workgroup = await sys(() =>
      strapi.db
        .query(WORKGROUP_UID)
        .findOne({ select: ['id', 'name', 'archived'], where: { id: mailRow.payload?.workgroupId } }),
    );
    if (!workgroup || workgroup.archived) return { drop: 'the workgroup is archived or gone' };
    return {
      to: user.email,
      mail: addedNoticeMail({
        workgroupName: workgroup.name,
        inviterName: String(mailRow.payload?.inviterName ?? ''),
        role: String(mailRow.payload?.role),
        frontendUrl: config().frontendUrl,
      }),
    };
  };

  /** A unique username from the address's local part: `paula`, then `paula-2`, `paula-3`... */
  const freeUsername = async (email: string) => {
    const local = email.slice(0, email.lastIndexOf('@'));
    let base = local
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-._]+|[-._]+$/g, '')
      .slice(0, 40);
    if (base.length < 3) base = `${base || 'partner'}-user`.replace(/^-/, '');
    const users = strapi.db.query(USER_UID);
    for (let n = 1; n <= 50; n += 1) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if ((await users.count({ where: { username: { $eqi: candidate } } })) === 0) return candidate;
    }
    return `${base}-${randomBytes(4).toString('hex')}`;
  };

  /** pending → accepted, once: only one of concurrent accepts gets past this. */
  const close = async (row: any) => {
    const { count } = await invitations().updateMany({
      where: { id: row.id, status: 'pending' },
      data: { status: 'accepted', acceptedAt: new Date(), tokenHash: null },
    });
    if (count !== 1) throw invitationInvalid();
  };

  /**
   * SPEC §10: a partner's membership is sponsored by the employee who invited them (the
   * workgroup's owner when an editor or a partner invited), and ends after
   * `externalMembershipDays` when that is set.
   */
  const externalTerms = async (row: any, workgroup: Workgroup): Promise<MembershipTerms> => {
    const days = config().externalMembershipDays;
    const inviter = row.invitedBy?.id
      ? await strapi.db.query(USER_UID).findOne({
          select: ['id'],
          where: { id: row.invitedBy.id },
          populate: { role: { select: ['type'] } },
        })
      : null;
    let sponsorId: number | null = inviter && inviter.role?.type !== EXTRANET_ROLE.type ? inviter.id : null;
    if (!sponsorId) {
      const stored = await strapi.db
        .query(WORKGROUP_UID)
        .findOne({ select: ['id'], where: { id: workgroup.id }, populate: { owner: { select: ['id'] } } });
      sponsorId = stored?.owner?.id ?? null;
    }
    return { sponsorId, expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null };
  };

  /** In the accept transaction: the event, and the inviter's notification (SPEC §11). */
  const recordAccepted = async (row: any, workgroup: Workgroup, userId: number) => {
    await getService('activity', { strapi }).record({
      type: 'invitation.accepted',
      workgroup,
      actorId: userId,
      subjectUid: USER_UID,
      subjectDocumentId: String(userId),
      summary: `invitation accepted by user ${userId} (${row.role})`,
    });
    await getService('notifications', { strapi }).queueAccepted(row.id, row.invitedBy?.id);
  };

  /** In the accept transaction, once the invitation is closed: the person joins, and is the one who accepted. */
  const join = async (row: any, workgroup: Workgroup, userId: number) => {
    await getService('membership', { strapi }).add(
      workgroup,
      userId,
      row.role,
      userId,
      'active',
      await externalTerms(row, workgroup),
    );
    await invitations().update({ where: { id: row.id }, data: { acceptedBy: userId } });
    await recordAccepted(row, workgroup, userId);
    const stored = await strapi.db.query(USER_UID).findOne({ where: { id: userId } });
    return { user: stored, workgroup };
  };

  /**
   * An address that already has an account accepts as that account, proving it with the
   * account's password (SPEC §5): holding the token alone proves the mailbox, not the account,
   * and holding the account alone (anyone may register any address) proves nothing.
   */
  const acceptAsAccount = async (row: any, workgroup: Workgroup, account: any, password: string) => {
    const users = strapi.plugin('users-permissions').service('user');
    const valid =
      !account.blocked && !!account.password && (await users.validatePassword(password, account.password));
    if (!valid) throw invalidField('password', 'is not the password of the account of this address');
    await close(row);
    // The mailbox's owner now holds the account: sessions opened before (by whoever registered
    // the address first) end here. The answer carries a fresh token.
    await strapi.db
      .query(USER_UID)
      .update({ where: { id: account.id }, data: { extranetTokensValidAfter: new Date() } });
    return join(row, workgroup, account.id);
  };

  return {
    hashToken,
    isTokenShaped,
    normalizeEmail,
    displayName,

    /** The outbox's renderer for `invitation` and `added` mails. */
    renderOutboxMail(mailRow: any): Promise<Rendered> {
      return mailRow.kind === 'added' ? renderAddedNotice(mailRow) : renderInvitation(mailRow);
    },

    /**
     * Invites `email` into `workgroup`. An employee, or an existing external, becomes an active
     * member at once (notice mail); anyone else gets a pending invitation with a link.
     */
    async invite(
      context: {
        workgroup: Workgroup;
        principal: Principal;
        powers: { promoteModerators: boolean };
        admin?: AdminInviter;
      },
      input: { email: string; role: InviteRole; message?: string | null },
    ) {
      const { workgroup, principal, powers } = context;
      const email = normalizeEmail(input.email);
      if (workgroup.archived) throw workgroupArchived();
      if (input.role === 'moderator' && !powers.promoteModerators) {
        throw forbidden('Only the owner (or an extranet admin) invites moderators');
      }
      const members = getService('membership', { strapi });
      const existing = await findUserByEmail(email);

      const external = existing?.role?.type === EXTRANET_ROLE.type;
      if (existing) {
        const membership = await members.find(workgroup.id, existing.id);
        if (isGrantingMembership(membership)) throw alreadyMember();
      }
      // Employees are accounts the company made: they join at once. Anyone else (a new address,
      // or an external account, which anyone can register) proves control of the mailbox first.
      if (existing && !external) {
        const inviter =
          context.admin ??
          (await sys(() =>
            strapi.db.query(USER_UID).findOne({ select: PERSON, where: { id: principal.userId } }),
          ));
        await sys(() =>
          strapi.db.transaction(async () => {
            await members.add(workgroup, existing.id, input.role, principal.userId);
            await getService('outbox', { strapi }).queue({
              kind: 'added',
              recipientUser: existing.id,
              payload: { workgroupId: workgroup.id, role: input.role, inviterName: displayName(inviter) },
            });
          }),
        );
        const list = await members.list(workgroup, { includePending: true });
        return {
          outcome: 'added' as const,
          member: list.find((m: any) => m.user.id === existing.id),
          noticeQueued: true,
        };
      }

      if (!workgroup.extranet) throw externalNotAllowed();
      if (!existing) assertDomainAllowed(email);
      const pending = await load({ workgroup: { id: workgroup.id }, email, status: 'pending' });
      if (pending && isPast(pending.expiresAt)) await expire(pending);
      else if (pending) throw invitationPending(pending.documentId);
      await sys(() => getService('seat', { strapi }).assertAvailable(existing?.id));

      // The invitation and its mail, in one transaction; the token is minted when the mail goes out.
      const created = await sys(() =>
        strapi.db.transaction(async () => {
          const inserted = await invitations().create({
            data: {
              email,
              workgroup: workgroup.id,
              role: input.role,
              invitedBy: principal.userId,
              invitedByAdmin: context.admin?.id ?? null,
              status: 'pending',
              expiresAt: new Date(Date.now() + ttlMs()),
              tokenHash: null,
              message: input.message || null,
            },
          });
          await queueInvitationMail(inserted, 'invitation.sent', principal.userId);
          return inserted;
        }),
      );
      const row = await load({ id: created.id });
      const mails = await getService('outbox', { strapi }).unsentOfInvitations([row.id]);
      return { outcome: 'invited' as const, invitation: shapeInvitation(row, mails.get(row.id) ?? []) };
    },

    /** Pending invitations of a workgroup, newest first; the expired ones are marked on the way. */
    async listPending(workgroup: Workgroup) {
      const rows = await sys(() =>
        invitations().findMany({
          where: { workgroup: { id: workgroup.id }, status: 'pending' },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          populate,
        }),
      );
      const live = [];
      for (const row of rows) {
        if (isPast(row.expiresAt)) await expire(row);
        else live.push(row);
      }
      const mails = await getService('outbox', { strapi }).unsentOfInvitations(live.map((row) => row.id));
      return live.map((row) => shapeInvitation(row, mails.get(row.id) ?? []));
    },

    /** An invitation with its workgroup, for the controller to check the caller's powers. */
    async findById(documentId: string) {
      const row = await load({ documentId });
      return row?.workgroup ? { invitation: row, workgroup: toWorkgroup(row.workgroup) } : null;
    },

    /** pending (or expired) → cancelled; the token dies with it. */
    async cancel(row: any, workgroup: Workgroup, actorId: number | null) {
      const { count } = await sys(() =>
        strapi.db.transaction(async () => {
          const result = await invitations().updateMany({
            where: { id: row.id, status: { $in: ['pending', 'expired'] } },
            data: { status: 'cancelled', tokenHash: null },
          });
          if (result.count) {
            await getService('activity', { strapi }).record({
              type: 'invitation.cancelled',
              workgroup,
              actorId,
              subjectUid: INVITATION_UID,
              subjectDocumentId: row.documentId,
              summary: `invitation cancelled (${row.role})`,
            });
          }
          return result;
        }),
      );
      if (!count) throw invitationClosed(row.status);
      return shapeInvitation(await load({ id: row.id }));
    },

    /** A new token and a new expiry, mailed again; the old link dies at once. Expired invitations revive. */
    async resend(row: any, workgroup: Workgroup, actorId: number | null) {
      if (workgroup.archived) throw workgroupArchived();
      if (!['pending', 'expired'].includes(row.status)) throw invitationClosed(row.status);
      if (!workgroup.extranet) throw externalNotAllowed();
      const account = await findUserByEmail(normalizeEmail(row.email));
      if (!account) assertDomainAllowed(normalizeEmail(row.email));
      if (row.status === 'expired')
        await sys(() => getService('seat', { strapi }).assertAvailable(account?.id));
      // The old link dies at once; a queued or failed mail goes again (one mail, not two), else a new one is queued.
      await sys(() =>
        strapi.db.transaction(async () => {
          const { count } = await invitations().updateMany({
            where: { id: row.id, status: { $in: ['pending', 'expired'] } },
            data: { status: 'pending', tokenHash: null, expiresAt: new Date(Date.now() + ttlMs()) },
          });
          if (!count) throw invitationClosed(row.status);
          const unsent =
            (await getService('outbox', { strapi }).unsentOfInvitations([row.id])).get(row.id) ?? [];
          const requeued = unsent.length
            ? await getService('outbox', { strapi }).requeue(unsent[0].id)
            : false;
          if (!requeued) await queueInvitationMail(row, 'invitation.resent', actorId);
        }),
      );
      const updated = await load({ id: row.id });
      const mails = await getService('outbox', { strapi }).unsentOfInvitations([row.id]);
      return shapeInvitation(updated, mails.get(row.id) ?? []);
    },

    /**
     * The pending invitation behind a token, or null for anything else (unknown, used, cancelled,
     * expired: the caller cannot tell which). Seeing an expired one marks it expired.
     */
    async lookup(token: unknown) {
      if (!isTokenShaped(token)) return null;
      const row = await load({ tokenHash: hashToken(token) });
      if (!row || row.status !== 'pending' || !row.workgroup) return null;
      if (isPast(row.expiresAt)) {
        await expire(row);
        return null;
      }
      const account = await findUserByEmail(normalizeEmail(row.email));
      return {
        invitation: row,
        workgroup: toWorkgroup(row.workgroup),
        view: {
          existingAccount: !!account,
          workgroupName: row.workgroup.name as string,
          inviterName: inviterName(row),
          email: row.email as string,
          role: row.role as InviteRole,
          expiresAt: new Date(row.expiresAt),
        },
      };
    },

    /**
     * The invitation behind a token that may still be accepted: 410 `InvitationInvalid` as
     * `lookup` says, 409 `WorkgroupArchived` when its workgroup takes no new member (SPEC §3).
     */
    async lookupOpen(token: unknown) {
      const found = await this.lookup(token);
      if (!found) throw invitationInvalid();
      if (found.workgroup.archived) throw workgroupArchived();
      return found;
    },

    /**
     * Creates the external user, its membership and `extranet-users`, and closes the invitation,
     * in one transaction. Only one of several concurrent accepts of a token gets past the
     * conditional `pending → accepted` update; the seat limit is checked inside the same
     * transaction (SQLite serialises writers; on PostgreSQL seat.assertAvailable locks).
     */
    async accept(token: unknown, input: AcceptInput) {
      const found = await this.lookup(token);
      if (!found) throw invitationInvalid();
      return sys(() =>
        strapi.db.transaction(async () => {
          const row = await invitations().findOne({ where: { id: found.invitation.id }, populate });
          if (!row || row.status !== 'pending' || !row.workgroup || isPast(row.expiresAt))
            throw invitationInvalid();
          const workgroup = toWorkgroup(row.workgroup);
          if (workgroup.archived) throw workgroupArchived();
          if (!workgroup.extranet) throw invitationInvalid();
          const email = normalizeEmail(row.email);
          const account = await strapi.db.query(USER_UID).findOne({
            select: ['id', 'password', 'blocked'],
            where: { email: { $eqi: email } },
            orderBy: { id: 'asc' },
          });
          if (account) return acceptAsAccount(row, workgroup, account, input.password);

          await close(row);
          await getService('seat', { strapi }).assertAvailable();
          const role = await strapi.db
            .query(ROLE_UID)
            .findOne({ select: ['id'], where: { type: EXTRANET_ROLE.type } });
          const user = await strapi
            .plugin('users-permissions')
            .service('user')
            .add({
              username: await freeUsername(email),
              email,
              password: input.password,
              provider: 'local',
              confirmed: true,
              blocked: false,
              role: role.id,
              firstname: input.firstname,
              lastname: input.lastname,
              company: input.company || null,
              position: input.position || null,
            });
          return join(row, workgroup, user.id);
        }),
      );
    },
  };
};

export type InvitationService = ReturnType<typeof createInvitationService>;

export default factories.createCoreService(INVITATION_UID, createInvitationService);
