import type { Core } from '@strapi/strapi';
import { ACCESS_GROUP_UID, EXTRANET_ROLE, USER_UID } from '../constants';
import type { ExtranetConfig } from '../config';
import { seatLimitReached } from '../errors';
import { asSystem } from '../access/system';

/** Seats: employees + externals holding `extranet-users` (SPEC §5). */
const createSeatService = ({ strapi }: { strapi: Core.Strapi }) => ({
  limit(): number | null {
    return (strapi.config.get('plugin::extranet') as ExtranetConfig).seatLimit ?? null;
  },

  async usage() {
    const holders = { extranetGroups: { key: 'extranet-users' } };
    const users = strapi.db.query(USER_UID);
    const [used, externals] = await asSystem(() =>
      Promise.all([
        users.count({ where: holders }),
        users.count({ where: { ...holders, role: { type: EXTRANET_ROLE.type } } }),
      ]),
    );
    return { limit: this.limit(), used, employees: used - externals, externals };
  },

  /**
   * Call inside the transaction that grants the seat. On PostgreSQL the extranet-users row is
   * locked first, so two nodes granting the last seat at once are serialised; SQLite serialises
   * writing transactions by itself.
   */
  async assertAvailable(userId?: number) {
    const limit = this.limit();
    if (limit === null) return;
    await this.lock();
    if (userId) {
      const holds = await strapi.db
        .query(USER_UID)
        .count({ where: { id: userId, extranetGroups: { key: 'extranet-users' } } });
      if (holds > 0) return;
    }
    const { used } = await this.usage();
    if (used >= limit) throw seatLimitReached(limit);
  },

  /** After a grant made by a door that is not ours (the content manager): the count must still fit. */
  async assertWithinLimit() {
    const limit = this.limit();
    if (limit === null) return;
    await this.lock();
    const { used } = await this.usage();
    if (used > limit) throw seatLimitReached(limit);
  },

  async lock() {
    if (strapi.db.dialect.client === 'postgres') {
      await strapi.db
        .queryBuilder(ACCESS_GROUP_UID)
        .select('id')
        .where({ key: 'extranet-users' })
        .forUpdate()
        .execute();
    }
  },
});

export type SeatService = ReturnType<typeof createSeatService>;

export default createSeatService;
