import type { Core } from '@strapi/strapi';
import { INVITATION_UID, MEMBERSHIP_UID, USER_UID } from '../constants';
import { extranetAccessFilter, isGrantingMembership, kindOfUser } from '../access/rule';
import { asSystem } from '../access/system';
import { getService } from '../utils';

/** The columns of SPEC §10, in their order. */
export const REPORT_COLUMNS = [
  'personId',
  'name',
  'email',
  'company',
  'kind',
  'extranetGroups',
  'workgroup',
  'role',
  'status',
  'sponsor',
  'invitedBy',
  'joinedAt',
  'expiresAt',
  'lastSeenAt',
] as const;

export type ReportRow = Record<(typeof REPORT_COLUMNS)[number], string | number | null>;

const nameOf = (person: any) =>
  person
    ? [person.firstname, person.lastname].filter(Boolean).join(' ') || person.username || person.email || null
    : null;
const iso = (date: unknown) => (date ? new Date(date as string).toISOString() : null);

/**
 * RFC 4180: CRLF line ends, every field quoted when it holds a comma, a quote or a line break
 * (quotes doubled). A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe: partners write their own names and companies.
 */
const csvField = (value: string | number | null) => {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const toCsv = (rows: ReportRow[]) =>
  [
    REPORT_COLUMNS.join(','),
    ...rows.map((row) => REPORT_COLUMNS.map((c) => csvField(row[c])).join(',')),
  ].join('\r\n') + '\r\n';

/**
 * The access report (SPEC §10): one row per person and workgroup, and one for each person with
 * extranet access who belongs to no workgroup; then the seat figures. Trusted code: its callers
 * (extranet admins, editors with governance-read) may read everything it lists.
 */
const createReportService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async build(): Promise<{ rows: ReportRow[]; seats: unknown }> {
    return asSystem(async () => {
      const person = {
        select: ['id', 'username', 'email', 'firstname', 'lastname', 'company', 'extranetLastSeenAt'],
        populate: { role: { select: ['type'] }, extranetGroups: { select: ['key'] } },
      };
      const [memberships, holders, accepted, seats] = await Promise.all([
        strapi.db.query(MEMBERSHIP_UID).findMany({
          orderBy: [{ id: 'asc' }],
          populate: {
            user: person,
            workgroup: { select: ['id', 'name'] },
            sponsor: { select: ['id', 'username', 'email', 'firstname', 'lastname'] },
          },
        }),
        strapi.db
          .query(USER_UID)
          .findMany({ ...person, where: extranetAccessFilter, orderBy: [{ id: 'asc' }] }),
        strapi.db.query(INVITATION_UID).findMany({
          select: ['id'],
          where: { status: 'accepted' },
          populate: {
            workgroup: { select: ['id'] },
            acceptedBy: { select: ['id'] },
            invitedBy: { select: ['id', 'username', 'email', 'firstname', 'lastname'] },
            invitedByAdmin: { select: ['id', 'email', 'firstname', 'lastname'] },
          },
        }),
        getService('seat', { strapi }).usage(),
      ]);
      const inviterOf = new Map<string, string | null>();
      for (const i of accepted as any[]) {
        if (i.workgroup && i.acceptedBy)
          inviterOf.set(`${i.workgroup.id}:${i.acceptedBy.id}`, nameOf(i.invitedBy ?? i.invitedByAdmin));
      }
      const personColumns = (u: any) => ({
        personId: u.id,
        name: nameOf(u),
        email: u.email ?? null,
        company: u.company ?? null,
        kind: kindOfUser(u),
        extranetGroups:
          (u.extranetGroups ?? [])
            .map((g: any) => g.key)
            .sort()
            .join(' ') || null,
        lastSeenAt: iso(u.extranetLastSeenAt),
      });
      const rows: ReportRow[] = [];
      const listed = new Set<number>();
      for (const m of memberships as any[]) {
        if (!m.user || !m.workgroup) continue;
        listed.add(m.user.id);
        rows.push({
          ...personColumns(m.user),
          workgroup: m.workgroup.name,
          role: m.role,
          // An active membership past its expiry grants nothing: the report says so.
          status: m.status === 'active' && !isGrantingMembership(m) ? 'expired' : m.status,
          sponsor: nameOf(m.sponsor),
          invitedBy: inviterOf.get(`${m.workgroup.id}:${m.user.id}`) ?? null,
          joinedAt: iso(m.joinedAt),
          expiresAt: iso(m.expiresAt),
        } as ReportRow);
      }
      for (const u of holders as any[]) {
        if (listed.has(u.id)) continue;
        rows.push({
          ...personColumns(u),
          workgroup: null,
          role: null,
          status: null,
          sponsor: null,
          invitedBy: null,
          joinedAt: null,
          expiresAt: null,
        } as ReportRow);
      }
      rows.sort((a, b) => Number(a.personId) - Number(b.personId));
      return { rows, seats };
    });
  },
});

export default createReportService;
export type ReportService = ReturnType<typeof createReportService>;
