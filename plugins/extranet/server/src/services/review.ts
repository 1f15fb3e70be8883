import type { Core } from '@strapi/strapi';
import {
  EXTRANET_ROLE,
  MEMBERSHIP_UID,
  REVIEW_DECISION_UID,
  REVIEW_UID,
  USER_UID,
  WORKGROUP_UID,
} from '../constants';
import { conflict, forbidden, invalidField, notFound } from '../errors';
import type { ExtranetConfig } from '../config';
import type { Principal } from '../access/principal';
import { grantingMembership, isExtranetAdmin, type WorkgroupRole } from '../access/rule';
import { asSystem } from '../access/system';
import { suspendedByReviewMail } from '../mail/templates';
import type { OutboxRow, Rendered } from './outbox';
import { toWorkgroup, WORKGROUP_FIELDS, type Workgroup } from './workgroup-access';
import { personRef } from './people';
import { getService } from '../utils';

const DEFAULT_DUE_DAYS = 14;
const PERSON = ['id', 'username', 'firstname', 'lastname', 'company'];

/**
 * Access reviews (SPEC §10): a review lists every external member of a workgroup when it opens;
 * owner, moderators, each person's sponsor and extranet admins decide whom to keep; at close (by
 * hand, or once due: a cron task and every read) everyone not kept is suspended, in one
 * transaction that only one closer (of several nodes) wins.
 */
const createReviewService = ({ strapi }: { strapi: Core.Strapi }) => {
  const reviews = () => strapi.db.query(REVIEW_UID);
  const decisions = () => strapi.db.query(REVIEW_DECISION_UID);
  const config = () => strapi.config.get('plugin::extranet') as ExtranetConfig;

  const load = (documentId: string) =>
    asSystem(() =>
      reviews().findOne({
        where: { documentId },
        populate: {
          workgroup: { select: WORKGROUP_FIELDS },
          decisions: { populate: { user: { select: PERSON }, decidedBy: { select: ['id'] } } },
        },
      }),
    );

  /** Sponsors of the reviewed people, by user id. */
  const sponsorsOf = async (workgroupId: number) => {
    const rows = await asSystem(() =>
      strapi.db.query(MEMBERSHIP_UID).findMany({
        select: ['id'],
        where: { workgroup: { id: workgroupId } },
        populate: { user: { select: ['id'] }, sponsor: { select: ['id'] } },
      }),
    );
    return new Map<number, number | null>(
      rows.filter((m: any) => m.user).map((m: any) => [m.user.id, m.sponsor?.id ?? null]),
    );
  };

  /** What the caller may do with a review: null when it may not even see it (404). */
  const rightsOf = async (principal: Principal, review: any) => {
    const workgroup = toWorkgroup(review.workgroup);
    const role: WorkgroupRole | null = await getService('membership', { strapi }).roleOf(
      workgroup.id,
      principal.userId,
    );
    const sponsors = await sponsorsOf(workgroup.id);
    const sponsored = new Set(
      (review.decisions ?? [])
        .filter((d: any) => d.user && sponsors.get(d.user.id) === principal.userId)
        .map((d: any) => d.user.id),
    );
    const manager = isExtranetAdmin(principal) || role === 'owner' || role === 'moderator';
    if (!manager && sponsored.size === 0) return null;
    return {
      workgroup,
      decide: (userId: number) => manager || sponsored.has(userId),
      close: isExtranetAdmin(principal) || role === 'owner',
    };
  };

  const shape = (review: any) => ({
    documentId: review.documentId,
    status: review.status,
    dueAt: review.dueAt,
    closedAt: review.closedAt ?? null,
    workgroup: { documentId: review.workgroup.documentId, name: review.workgroup.name },
    people: (review.decisions ?? [])
      .filter((d: any) => d.user)
      .map((d: any) => ({
        user: personRef(d.user),
        keep: d.keep ?? null,
        decidedBy: d.decidedBy?.id ?? null,
        decidedAt: d.decidedAt ?? null,
      }))
      .sort((a: any, b: any) => a.user.id - b.user.id),
  });

  return {
    /** Opens a review of every external member (owner or extranet admin; one open review at a time). */
    async open(workgroup: Workgroup, principal: Principal, role: WorkgroupRole | null, dueAt: Date | null) {
      if (!(isExtranetAdmin(principal) || role === 'owner'))
        throw forbidden('The owner or an extranet admin opens an access review');
      if (!workgroup.extranet)
        throw invalidField('workgroup', 'is an intranet workgroup: it has no partners to review');
      const due = dueAt ?? new Date(Date.now() + DEFAULT_DUE_DAYS * 86_400_000);
      if (due.getTime() <= Date.now()) throw invalidField('dueAt', 'must be in the future');
      const created = await asSystem(() =>
        strapi.db.transaction(async () => {
          const open = await reviews().count({ where: { workgroup: { id: workgroup.id }, status: 'open' } });
          if (open) throw conflict('ReviewOpen', 'This workgroup already has an open access review');
          const members = await strapi.db.query(MEMBERSHIP_UID).findMany({
            where: grantingMembership({
              workgroup: { id: workgroup.id },
              user: { role: { type: EXTRANET_ROLE.type } },
            }),
            populate: { user: { select: ['id'] } },
          });
          const review = await reviews().create({
            data: { workgroup: workgroup.id, status: 'open', dueAt: due, openedBy: principal.userId },
          });
          for (const m of members.filter((x: any) => x.user)) {
            await decisions().create({ data: { review: review.id, user: m.user.id, keep: null } });
          }
          return review;
        }),
      );
      return shape(await load(created.documentId));
    },

    /** The review, closed first when it is due (SPEC §10: checked whenever it is read). */
    async show(documentId: string, principal: Principal) {
      let review = await load(documentId);
      if (!review?.workgroup || !(await rightsOf(principal, review))) throw notFound('No such review');
      if (review.status === 'open' && new Date(review.dueAt).getTime() <= Date.now()) {
        await this.close(review.id);
        review = await load(documentId);
      }
      return shape(review);
    },

    async decide(documentId: string, principal: Principal, userId: number, keep: boolean) {
      const review = await load(documentId);
      const rights = review?.workgroup ? await rightsOf(principal, review) : null;
      if (!rights) throw notFound('No such review');
      if (review.status !== 'open' || new Date(review.dueAt).getTime() <= Date.now()) {
        if (review.status === 'open') await this.close(review.id);
        throw conflict('ReviewClosed', 'This access review is closed');
      }
      const decision = (review.decisions ?? []).find((d: any) => d.user?.id === userId);
      if (!decision) throw notFound('This person is not in the review');
      if (!rights.decide(userId))
        throw forbidden("Only the owner, moderators, the person's sponsor and extranet admins decide");
      await asSystem(() =>
        decisions().update({
          where: { id: decision.id },
          data: { keep, decidedBy: principal.userId, decidedAt: new Date() },
        }),
      );
      return shape(await load(documentId));
    },

    async closeByHand(documentId: string, principal: Principal) {
      const review = await load(documentId);
      const rights = review?.workgroup ? await rightsOf(principal, review) : null;
      if (!rights) throw notFound('No such review');
      if (!rights.close) throw forbidden('The owner or an extranet admin closes an access review');
      if (review.status !== 'open') throw conflict('ReviewClosed', 'This access review is closed');
      await this.close(review.id);
      return shape(await load(documentId));
    },

    /**
     * open → closed once (a conditional update: of several nodes or requests, one wins), and in
     * the same transaction everyone not kept loses the membership and has a mail queued.
     */
    async close(reviewId: number) {
      const suspended = await asSystem(() =>
        strapi.db.transaction(async () => {
          const { count } = await reviews().updateMany({
            where: { id: reviewId, status: 'open' },
            data: { status: 'closed', closedAt: new Date() },
          });
          if (count !== 1) return [];
          const review = await reviews().findOne({
            where: { id: reviewId },
            populate: {
              workgroup: { select: WORKGROUP_FIELDS },
              decisions: { populate: { user: { select: ['id', 'email'] } } },
            },
          });
          if (!review?.workgroup) return [];
          const workgroup = toWorkgroup(review.workgroup);
          const out: number[] = [];
          for (const d of review.decisions.filter((x: any) => x.user && x.keep !== true)) {
            const membership = await strapi.db.query(MEMBERSHIP_UID).findOne({
              where: { workgroup: { id: workgroup.id }, user: { id: d.user.id }, status: 'active' },
            });
            if (!membership || membership.role === 'owner') continue;
            await strapi.db
              .query(MEMBERSHIP_UID)
              .update({ where: { id: membership.id }, data: { status: 'suspended' } });
            await getService('activity', { strapi }).record({
              type: 'member.suspended',
              workgroup,
              subjectUid: USER_UID,
              subjectDocumentId: String(d.user.id),
              summary: `user ${d.user.id} suspended by the access review`,
            });
            // An archived workgroup sends nothing (SPEC §3); the suspension stands either way.
            if (!workgroup.archived) {
              await getService('outbox', { strapi }).queue({
                kind: 'suspended',
                recipientUser: d.user.id,
                payload: { workgroupId: workgroup.id },
              });
            }
            out.push(d.user.id);
          }
          return out;
        }),
      );
      return suspended.length;
    },

    /** At sending time (the outbox): the notice to a partner an access review did not keep. */
    async renderOutboxMail(row: OutboxRow): Promise<Rendered> {
      const [user, workgroup] = await asSystem(() =>
        Promise.all([
          strapi.db
            .query(USER_UID)
            .findOne({ select: ['id', 'email', 'blocked'], where: { id: row.recipientUser } }),
          strapi.db
            .query(WORKGROUP_UID)
            .findOne({ select: ['id', 'name', 'archived'], where: { id: row.payload?.workgroupId } }),
        ]),
      );
      if (!user?.email || user.blocked) return { drop: 'the person is gone or blocked' };
      if (!workgroup || workgroup.archived) return { drop: 'the workgroup is gone or archived' };
      return {
        to: user.email,
        mail: suspendedByReviewMail({ workgroupName: workgroup.name, frontendUrl: config().frontendUrl }),
      };
    },

    /** The cron task: closes every review past its due date. */
    async closeDue() {
      const due = await asSystem(() =>
        reviews().findMany({ select: ['id'], where: { status: 'open', dueAt: { $lte: new Date() } } }),
      );
      let suspended = 0;
      for (const { id } of due) suspended += await this.close(id);
      return { closed: due.length, suspended };
    },
  };
};

export default createReviewService;
export type ReviewService = ReturnType<typeof createReviewService>;
