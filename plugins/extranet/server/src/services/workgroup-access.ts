import type { Core } from '@strapi/strapi';
import { MEMBERSHIP_UID, WORKGROUP_UID } from '../constants';
import { asSystem } from '../access/system';
import { forbidden, notFound, workgroupArchived } from '../errors';
import { currentPrincipal, type Principal } from '../access/principal';
import { workgroupPowers, type WorkgroupRole } from '../access/rule';
import { getService } from '../utils';

export interface Workgroup {
  id: number;
  documentId: string;
  name: string;
  extranet: boolean;
  archived: boolean;
}

type Power = keyof ReturnType<typeof workgroupPowers>;

/**
 * Loads a workgroup the caller can read (the query engine applies the rule: unreadable = 404)
 * and answers what the caller may do there.
 */
const createWorkgroupAccessService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async load(documentId: string) {
    const principal = await currentPrincipal(strapi);
    const row: any = await strapi.db.query(WORKGROUP_UID).findOne({
      select: ['id', 'documentId', 'name', 'extranet', 'archived'],
      where: { documentId },
    });
    if (!row) throw notFound('Workgroup not found');
    const workgroup = { id: row.id, documentId: row.documentId, name: row.name, extranet: !!row.extranet, archived: !!row.archived };
    const role: WorkgroupRole | null = await getService('membership', { strapi }).roleOf(workgroup.id, principal.userId);
    return { workgroup: workgroup as Workgroup, principal: principal as Principal, role, powers: workgroupPowers(principal, role, workgroup.archived) };
  },

  /**
   * A workgroup the caller cannot read, for the sponsor of one of its members (SPEC §10): only
   * what renewing needs. Null for anyone else, who gets the 404 of `load`.
   */
  async loadForSponsor(documentId: string, userId: number) {
    const principal = await currentPrincipal(strapi);
    if (!principal.userId) return null;
    const row: any = await asSystem(() =>
      strapi.db.query(MEMBERSHIP_UID).findOne({
        where: { user: { id: userId }, sponsor: { id: principal.userId }, workgroup: { documentId } },
        populate: { workgroup: { select: ['id', 'documentId', 'name', 'extranet', 'archived'] } },
      })
    );
    if (!row?.workgroup) return null;
    const w = row.workgroup;
    const workgroup: Workgroup = { id: w.id, documentId: w.documentId, name: w.name, extranet: !!w.extranet, archived: !!w.archived };
    return { workgroup, principal, role: null as WorkgroupRole | null };
  },

  /** Like load, and refuses (409 when archived, else 403) unless the caller has `power`. */
  async require(documentId: string, power: Power) {
    const loaded = await this.load(documentId);
    if (!loaded.powers[power]) {
      const wouldHave = workgroupPowers(loaded.principal, loaded.role, false)[power];
      throw wouldHave && loaded.workgroup.archived ? workgroupArchived() : forbidden();
    }
    return loaded;
  },
});

export type WorkgroupAccessService = ReturnType<typeof createWorkgroupAccessService>;

export default createWorkgroupAccessService;
