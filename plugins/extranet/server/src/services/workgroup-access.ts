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

/** The columns of a `Workgroup`, for `select`. */
export const WORKGROUP_FIELDS = ['id', 'documentId', 'name', 'extranet', 'archived'];

/** A workgroup row as the services pass it around (booleans, whatever the database stored). */
export const toWorkgroup = (row: {
  id: number;
  documentId: string;
  name: string;
  extranet?: unknown;
  archived?: unknown;
}): Workgroup => ({
  id: row.id,
  documentId: row.documentId,
  name: row.name,
  extranet: !!row.extranet,
  archived: !!row.archived,
});

type Power = keyof ReturnType<typeof workgroupPowers>;

/**
 * Loads a workgroup the caller can read (the query engine applies the rule: unreadable = 404)
 * and answers what the caller may do there.
 */
const createWorkgroupAccessService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async load(documentId: string) {
    const principal = await currentPrincipal(strapi);
    const row: any = await strapi.db.query(WORKGROUP_UID).findOne({
      select: WORKGROUP_FIELDS,
      where: { documentId },
    });
    if (!row) throw notFound('Workgroup not found');
    const workgroup = toWorkgroup(row);
    const role: WorkgroupRole | null = await getService('membership', { strapi }).roleOf(
      workgroup.id,
      principal.userId,
    );
    return {
      workgroup,
      principal: principal as Principal,
      role,
      powers: workgroupPowers(principal, role, workgroup.archived),
    };
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
        populate: { workgroup: { select: WORKGROUP_FIELDS } },
      }),
    );
    if (!row?.workgroup) return null;
    return { workgroup: toWorkgroup(row.workgroup), principal, role: null as WorkgroupRole | null };
  },

  /**
   * Like load, for what a workgroup's managers see whether it is archived or not (its pending
   * invitations): 403 for anyone else who can read it.
   */
  async requireManagerView(documentId: string) {
    const loaded = await this.load(documentId);
    if (!workgroupPowers(loaded.principal, loaded.role, false).manageMembers) {
      throw forbidden('Only the workgroup managers see its invitations');
    }
    return loaded;
  },

  /**
   * An invitation its workgroup's managers act on (cancel, resend): one the caller may not
   * manage answers 404 like a missing one, unless only the archive stops them (409).
   */
  async requireManagedInvitation(documentId: string) {
    const notFoundError = () => notFound('Invitation not found');
    const found = await getService('invitation', { strapi }).findById(String(documentId));
    if (!found) throw notFoundError();
    const loaded = await this.load(found.workgroup.documentId).catch((error: unknown) => {
      throw (error as Error)?.name === 'NotFoundError' ? notFoundError() : error;
    });
    if (!loaded.powers.manageMembers) {
      if (loaded.workgroup.archived && workgroupPowers(loaded.principal, loaded.role, false).manageMembers)
        throw workgroupArchived();
      throw notFoundError();
    }
    return { invitation: found.invitation, workgroup: loaded.workgroup, principal: loaded.principal };
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
