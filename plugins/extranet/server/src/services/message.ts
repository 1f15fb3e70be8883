import { factories, type Core } from '@strapi/strapi';
import { findPage } from '../utils/find-page';
import { MESSAGE_UID, USER_UID } from '../constants';
import { forbidden, notFound } from '../errors';
import type { Principal } from '../access/principal';
import { canMessage } from '../access/rule';
import { asSystem } from '../access/system';
import { getService } from '../utils';

export const FORMER_PARTNER = 'Former partner';

/**
 * Strapi's core service of the message type, and direct messages between two people (SPEC §6):
 * `send` checks who may write to whom; neither shadows the core service's own methods.
 */
const createMessageService = ({ strapi }: { strapi: Core.Strapi }) => {
  const people = () => getService('people', { strapi });
  // A partner who deleted their account (SPEC §10) stays in the conversation as "Former partner".
  const shape = (m: any) => ({
    id: m.id,
    documentId: m.documentId,
    from: m.sender?.id ?? m.formerSenderId ?? null,
    to: m.recipient?.id ?? m.formerRecipientId ?? null,
    fromName: m.sender || !m.formerSenderId ? null : FORMER_PARTNER,
    body: m.body,
    createdAt: m.createdAt,
  });
  const populate = { sender: { select: ['id'] }, recipient: { select: ['id'] } };

  return {
    async send(principal: Principal, to: number, body: string) {
      const recipient = await people().find(to);
      if (!recipient || recipient.blocked) throw notFound('No such user');
      // Someone the caller may not even learn of (SPEC §6 contacts) answers like a missing id:
      // asked through the read door, which applies the rule's scope of people.
      const learnable = await strapi.db.query(USER_UID).findOne({ select: ['id'], where: { id: to } });
      if (!learnable) throw notFound('No such user');
      const sender = people().personOf(principal);
      const shared =
        recipient.kind === 'external' || sender.kind === 'external'
          ? await people().shareActiveExtranetWorkgroup(sender.id, recipient.id)
          : false;
      if (to === sender.id || !canMessage(sender, recipient, shared))
        throw forbidden('You may not write to this person');
      // The message and its notification (SPEC §11), in one transaction.
      const message = await asSystem(() =>
        strapi.db.transaction(async () => {
          const created = await strapi.db
            .query(MESSAGE_UID)
            .create({ data: { sender: sender.id, recipient: to, body }, populate });
          await getService('notifications', { strapi }).queueMessage(created.id, to);
          return created;
        }),
      );
      return shape(message);
    },

    /** The conversation with one person, oldest first; the query engine keeps it to the caller's own. */
    async conversation(principal: Principal, withId: number, page: number, pageSize: number) {
      const me = principal.userId!;
      const where = {
        $or: [
          { sender: { id: me }, recipient: { id: withId } },
          { sender: { id: withId }, recipient: { id: me } },
          { sender: { id: me }, formerRecipientId: withId },
          { formerSenderId: withId, recipient: { id: me } },
        ],
      };
      const { results, pagination } = await findPage(strapi, MESSAGE_UID, {
        where,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        page,
        pageSize,
        populate,
      });
      return { results: results.map(shape), pagination };
    },
  };
};

export type MessageService = ReturnType<typeof createMessageService>;

export default factories.createCoreService(MESSAGE_UID, createMessageService);
