import type { Core } from '@strapi/strapi';
import { MEMBERSHIP_UID, USER_UID } from '../constants';
import { invalidField, notFound } from '../errors';
import type { ExtranetConfig } from '../config';
import { principalOfUser } from '../access/principal';
import { explainRead } from '../access/explain';
import { asSystem } from '../access/system';

/** GET /api/extranet/explain: may this person read that item, and which clause says so (SPEC §10). */
const createExplainService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async explain(userId: number, uid: string, documentId: string) {
    const config = (strapi.config.get('plugin::extranet') as ExtranetConfig).scoped[uid];
    if (!config) throw invalidField('type', 'is not a content type under the extranet rule');
    const authorField = config.authorField ?? 'author';
    return asSystem(async () => {
      if (!(await strapi.db.query(USER_UID).count({ where: { id: userId } }))) throw notFound('No such user');
      const principal = await principalOfUser(strapi, userId);
      const row: any = await strapi.db.query(uid as any).findOne({
        select: ['id', 'extranet'],
        where: { documentId },
        populate:
          config.mode === 'workgroup'
            ? { workgroup: { select: ['id'] } }
            : { [authorField]: { select: ['id'] } },
      });
      if (!row) throw notFound('No such item');
      const workgroupId = config.mode === 'workgroup' ? (row.workgroup?.id ?? null) : null;
      const membership = workgroupId
        ? await strapi.db.query(MEMBERSHIP_UID).findOne({
            select: ['status', 'expiresAt'],
            where: { workgroup: { id: workgroupId }, user: { id: userId } },
          })
        : null;
      return explainRead({
        principal,
        config,
        item: { extranet: row.extranet ?? null, workgroupId, authorId: row[authorField]?.id ?? null },
        membership,
      });
    });
  },
});

export default createExplainService;
export type ExplainService = ReturnType<typeof createExplainService>;
