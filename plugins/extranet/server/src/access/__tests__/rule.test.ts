/**
 * The rule on its own, without Strapi: the same module every door asks (the property test checks
 * the doors against an independent oracle; this checks the rule's own answers and write verdicts).
 */
import {
  canCreateWorkgroup,
  canMessage,
  canReadItem,
  canRenewMembership,
  checkItemAttachmentWrite,
  checkItemWrite,
  governedFileFilter,
  isGrantingMembership,
  mayChangeUnattachedFile,
  readScope,
  relationLeaves,
  UPLOAD_FILE,
  workgroupPowers,
  itemAudience,
  isUser,
  kindOfUser,
  userKindFilter,
  workgroupAudience,
  type ConditionLeaves,
  type FileAttachments,
} from '../rule';
import type { Principal } from '../principal';

const who = (
  kind: Principal['kind'],
  groups: string[] = [],
  workgroupIds: number[] = [],
  userId = 7,
): Principal => ({
  kind,
  userId: kind === 'external' || kind === 'employee' ? userId : null,
  groups: new Set(groups) as Principal['groups'],
  workgroupIds,
  managedWorkgroupIds: [],
});
const WG = { mode: 'workgroup' as const };
const OWNER = { mode: 'owner' as const };
const item = (
  extranet: boolean | null,
  workgroupId: number | null = null,
  authorId: number | null = null,
) => ({ extranet, workgroupId, authorId });
const governance = { scoped: { 'api::document.document': WG, 'api::ticket.ticket': OWNER } };

describe('kinds of people (SPEC §2)', () => {
  it('makes the Extranet role external, any other role or none an employee', () => {
    expect(kindOfUser({ role: { type: 'extranet' } })).toBe('external');
    expect(kindOfUser({ role: { type: 'authenticated' } })).toBe('employee');
    expect(kindOfUser({ role: null })).toBe('employee');
    expect(kindOfUser({})).toBe('employee');
  });

  it('says the same as a filter on users', () => {
    expect(userKindFilter('external')).toEqual({ role: { type: 'extranet' } });
    expect(userKindFilter('employee')).toEqual({
      $or: [{ role: { type: { $ne: 'extranet' } } }, { role: { id: { $null: true } } }],
    });
  });

  it('counts only signed-in people as users, not tokens, the public, editors or trusted code', () => {
    expect(isUser(who('external'))).toBe(true);
    expect(isUser(who('employee'))).toBe(true);
    for (const kind of ['anonymous', 'token', 'admin-panel', 'system'] as const) {
      expect(isUser({ ...who('employee'), kind })).toBe(false);
    }
  });
});

describe('access rule', () => {
  const partner = who('external', ['extranet-users'], [1]);
  const outsider = who('external', []);
  const employee = who('employee', ['extranet-users'], [1]);
  const intranetOnly = who('employee');
  const admin = who('employee', ['extranet-users', 'extranet-admins']);

  it.each([
    ['partner, own group', partner, item(true, 1), true],
    ['partner, site-wide extranet', partner, item(true), true],
    ['partner, other group', partner, item(true, 2), false],
    ['partner, intranet', partner, item(false), false],
    ['partner, unset flag', partner, item(null), false],
    ['external without extranet-users', outsider, item(true), false],
    ['employee in extranet, other group', employee, item(true, 2), false],
    ['employee in extranet, intranet group', employee, item(false, 3), true],
    ['intranet-only employee, extranet', intranetOnly, item(true), false],
    ['intranet-only employee, intranet', intranetOnly, item(false, 3), true],
    ['extranet admin, any group', admin, item(true, 9), true],
    ['anonymous, intranet', who('anonymous'), item(false), true],
    ['anonymous, extranet', who('anonymous'), item(true), false],
    ['API token, extranet', who('token'), item(true), false],
  ])('workgroup mode: %s', (_name, principal, row, readable) => {
    expect(canReadItem(principal, WG, row)).toBe(readable);
  });

  it.each([
    ['author with access', partner, item(true, null, 7), true],
    ['another partner', who('external', ['extranet-users'], [], 8), item(true, null, 7), false],
    ['author without extranet access', who('employee', [], [], 7), item(true, null, 7), false],
    ['partner, its own intranet ticket', partner, item(false, null, 7), false],
    ['support', who('employee', ['extranet-users', 'extranet-support'], [], 9), item(true, null, 7), true],
    ['employee, intranet ticket', intranetOnly, item(false, null, 3), true],
  ])('owner mode: %s', (_name, principal, row, readable) => {
    expect(canReadItem(principal, OWNER, row)).toBe(readable);
  });

  it('closes uncontrolled content to externals and plugin-internal types to strangers', () => {
    expect(readScope(partner, 'api::announcement.announcement', governance)).toBe('none');
    expect(readScope(employee, 'api::announcement.announcement', governance)).toBe('all');
    expect(readScope(who('anonymous'), 'plugin::extranet.workgroup', governance)).toBe('none');
    expect(readScope(outsider, 'plugin::extranet.topic', governance)).toBe('none');
    expect(readScope(admin, 'plugin::extranet.message', governance)).not.toBe('all');
  });

  it('refuses writes that break the invariant, flip a partner item, or touch an archived group', () => {
    const extranetGroup = { id: 1, extranet: true, archived: false };
    const archived = { ...extranetGroup, archived: true };
    expect(checkItemWrite(employee, WG, null, { ...item(false, 1), workgroup: extranetGroup })).toMatchObject(
      { status: 400, field: 'extranet' },
    );
    expect(checkItemWrite(partner, WG, null, { ...item(false), workgroup: null })).toMatchObject({
      status: 400,
      field: 'extranet',
    });
    expect(checkItemWrite(partner, WG, { ...item(true, 1), workgroup: archived }, null)).toMatchObject({
      status: 409,
      name: 'WorkgroupArchived',
    });
    expect(checkItemWrite(admin, WG, { ...item(true, 1), workgroup: archived }, null)).toBeNull();
    expect(
      checkItemWrite(partner, WG, null, {
        ...item(true, 2),
        workgroup: { id: 2, extranet: true, archived: false },
      }),
    ).toMatchObject({ status: 403 });
    expect(checkItemWrite(partner, WG, null, { ...item(true, 1), workgroup: extranetGroup })).toBeNull();
  });

  it('keeps group creation, roles and messages to SPEC §3 and §6', () => {
    expect(canCreateWorkgroup(who('employee', ['extranet-users', 'group-creators']), true)).toBe(true);
    expect(canCreateWorkgroup(who('employee', ['group-creators']), true)).toBe(false);
    expect(canCreateWorkgroup(who('external', ['extranet-users', 'group-creators']), false)).toBe(false);
    expect(workgroupPowers(employee, 'moderator', false)).toMatchObject({
      manageMembers: true,
      promoteModerators: false,
      archive: false,
    });
    expect(workgroupPowers(employee, 'owner', true)).toMatchObject({ manageMembers: false, archive: true });
    const person = (kind: 'external' | 'employee', extranet = true, visibleToAllExtranet = false) => ({
      kind,
      extranet,
      visibleToAllExtranet,
    });
    expect(canMessage(person('employee', false), person('employee', false), false)).toBe(true);
    expect(canMessage(person('external'), person('employee'), true)).toBe(true);
    expect(canMessage(person('external'), person('employee'), false)).toBe(false);
    expect(canMessage(person('external'), person('external'), true)).toBe(false);
    expect(canMessage(person('external'), person('employee', true, true), false)).toBe(true);
  });

  it('grants through a membership only while it is active and not yet expired (SPEC §3, §10)', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const at = (ms: number) => new Date(now.getTime() + ms);
    expect(isGrantingMembership({ status: 'active', expiresAt: null }, now)).toBe(true);
    expect(isGrantingMembership({ status: 'active' }, now)).toBe(true);
    expect(isGrantingMembership({ status: 'active', expiresAt: at(1) }, now)).toBe(true);
    expect(isGrantingMembership({ status: 'active', expiresAt: at(1).toISOString() }, now)).toBe(true);
    // access ends at the instant of expiry, as in the filter the read door uses (`$gt: now`)
    expect(isGrantingMembership({ status: 'active', expiresAt: now }, now)).toBe(false);
    expect(isGrantingMembership({ status: 'active', expiresAt: at(-1) }, now)).toBe(false);
    expect(isGrantingMembership({ status: 'suspended', expiresAt: at(1) }, now)).toBe(false);
    expect(isGrantingMembership({ status: 'requested', expiresAt: null }, now)).toBe(false);
    expect(isGrantingMembership(null, now)).toBe(false);
  });

  it('lets the sponsor, the owner, moderators and extranet admins renew a membership, not in an archived group (SPEC §10)', () => {
    const sponsor = who('employee', ['extranet-users'], [], 7);
    // the sponsor, whatever its role in the group (a sponsor need not be a member)
    expect(canRenewMembership(sponsor, null, false, 7)).toBe(true);
    expect(canRenewMembership(sponsor, 'member', false, 7)).toBe(true);
    expect(canRenewMembership(sponsor, null, true, 7)).toBe(false);
    // another person: only as a manager of a live group
    expect(canRenewMembership(sponsor, null, false, 8)).toBe(false);
    expect(canRenewMembership(sponsor, 'member', false, 8)).toBe(false);
    expect(canRenewMembership(sponsor, 'owner', false, 8)).toBe(true);
    expect(canRenewMembership(sponsor, 'moderator', false, null)).toBe(true);
    expect(canRenewMembership(sponsor, 'owner', true, 8)).toBe(false);
    expect(canRenewMembership(admin, null, false, 8)).toBe(true);
    expect(canRenewMembership(admin, null, true, 8)).toBe(true);
    // a membership with no sponsor is not renewed by a caller who is nobody (a token, the public)
    expect(canRenewMembership(who('token'), null, false, null)).toBe(false);
    expect(canRenewMembership(who('anonymous'), null, false, null)).toBe(false);
  });

  describe('files (SPEC §4 "Files")', () => {
    const DOCS = 'api::document.document';
    const GROUPS = 'plugin::extranet.workgroup';
    const NEWS = 'api::announcement.announcement';
    const BLOCK = 'shared.block';
    /** Attachment leaves written as plain markers, so the rule's choices show in its answer. */
    const attachments = (p: Principal): FileAttachments => ({
      holderTypes: [DOCS, GROUPS, NEWS, BLOCK],
      scopeOf: (uid) => readScope(p, uid, governance),
      attachedTo: (uid, filter) => ({ attachedTo: uid, filter }),
      unattached: { unattached: true },
    });
    const fileScope = (p: Principal) =>
      readScope(p, UPLOAD_FILE, governance, { ...relationLeaves, files: attachments(p) });
    /** A file scope written with the markers above: `{ attachedTo, filter }` parts, `{ $and: [unattached, who] }`. */
    type Part = {
      attachedTo?: string;
      filter?: unknown;
      $and?: [{ unattached?: boolean }, Part];
      $or?: Part[];
    };
    const parts = (scope: unknown) => {
      const part = scope as Part;
      return part.$or ?? [part];
    };
    const holders = (scope: unknown) =>
      parts(scope)
        .filter((f) => f.attachedTo)
        .map((f) => f.attachedTo)
        .sort();
    const unattachedPart = (scope: unknown) => parts(scope).find((f) => f.$and?.[0]?.unattached)?.$and![1];

    it('lets a partner read files of items it reads, and its own uploads attached to nothing', () => {
      const scope = fileScope(partner);
      expect(holders(scope)).toEqual([DOCS, GROUPS]);
      expect(parts(scope).find((f) => f.attachedTo === DOCS)?.filter).toEqual(
        readScope(partner, DOCS, governance),
      );
      expect(unattachedPart(scope)).toEqual({ extranetUploader: { $eq: 7 } });
    });

    it("keeps Strapi's behaviour for other files, never for externals", () => {
      expect(holders(fileScope(employee))).toEqual([BLOCK, DOCS, GROUPS, NEWS].sort());
      expect(unattachedPart(fileScope(employee))?.$or).toHaveLength(2);
      const token = fileScope(who('token'));
      expect(holders(token)).toEqual([BLOCK, DOCS, NEWS].sort());
      expect(unattachedPart(token)).toEqual({
        $or: [{ extranetUploaderExternal: { $eq: false } }, { extranetUploaderExternal: { $null: true } }],
      });
      expect(holders(fileScope(outsider))).toEqual([]);
      expect(fileScope(admin)).toBe('all');
    });

    it('closes files to restricted callers when the door gives no attachments', () => {
      expect(readScope(partner, UPLOAD_FILE, governance)).toBe('none');
      expect(readScope(who('anonymous'), UPLOAD_FILE, governance)).toBe('none');
      expect(readScope(who('admin-panel'), UPLOAD_FILE, governance)).toBe('all');
    });

    it('governs files of extranet content and external uploads attached to nothing', () => {
      const { scopeOf, ...leaves } = attachments(partner);
      const governed = governedFileFilter(governance, leaves);
      expect(parts(governed).filter((f) => f.attachedTo)).toEqual([
        { attachedTo: DOCS, filter: { extranet: { $eq: true } } },
        { attachedTo: GROUPS, filter: { extranet: { $eq: true } } },
      ]);
      expect(parts(governed).at(-1)).toEqual({
        $and: [{ unattached: true }, { extranetUploaderExternal: { $eq: true } }],
      });
    });

    it('lets a file change only where the item could be written, or by its uploader', () => {
      const group = { id: 1, extranet: true, archived: false };
      expect(checkItemAttachmentWrite(partner, WG, { ...item(true, 1), workgroup: group })).toBeNull();
      expect(checkItemAttachmentWrite(partner, WG, { ...item(true), workgroup: null })).toMatchObject({
        status: 403,
      });
      expect(
        checkItemAttachmentWrite(partner, WG, { ...item(true, 1), workgroup: { ...group, archived: true } }),
      ).toMatchObject({ status: 409 });
      expect(checkItemAttachmentWrite(employee, WG, { ...item(true), workgroup: null })).toBeNull();
      expect(mayChangeUnattachedFile(partner, 7)).toBe(true);
      expect(mayChangeUnattachedFile(partner, 8)).toBe(false);
      expect(mayChangeUnattachedFile(who('token'), null)).toBe(false);
      expect(mayChangeUnattachedFile(admin, 8)).toBe(true);
    });
  });

  describe('audiences (the column the read door scopes with)', () => {
    it.each([
      ['intranet, no workgroup', item(false), 0],
      ['unset flag, in a workgroup', item(null, 4), 0],
      ['intranet item in an extranet workgroup (refused on write, still intranet)', item(false, 4), 0],
      ['site-wide extranet', item(true), -1],
      ['extranet, in workgroup 4', item(true, 4), 4],
    ])('of an item: %s', (_name, row, audience) => {
      expect(itemAudience(row)).toBe(audience);
    });

    it('of a row of a workgroup (activity)', () => {
      expect(workgroupAudience({ id: 4, extranet: true })).toBe(4);
      expect(workgroupAudience({ id: 4, extranet: false })).toBe(0);
      expect(workgroupAudience({ id: 4, extranet: null })).toBe(0);
      expect(workgroupAudience(null)).toBeNull();
    });

    /** Leaves that show the audiences the rule asks for. */
    const marked: ConditionLeaves = { ...relationLeaves, audience: (audiences) => ({ audiences }) };
    const DOCS = 'api::document.document';
    const ACTIVITY = 'plugin::extranet.activity';
    const twoGroups = { ...employee, workgroupIds: [1, 5] };

    it('is what the read door filters on, per caller', () => {
      expect(readScope(partner, DOCS, governance, marked)).toEqual({ audiences: [-1, 1] });
      expect(readScope(twoGroups, DOCS, governance, marked)).toEqual({ audiences: [0, -1, 1, 5] });
      expect(readScope(intranetOnly, DOCS, governance, marked)).toEqual({ audiences: [0] });
      expect(readScope(who('anonymous'), DOCS, governance, marked)).toEqual({ audiences: [0] });
      expect(readScope(outsider, DOCS, governance, marked)).toBe('none');
      expect(readScope(admin, DOCS, governance, marked)).toBe('all');
      expect(readScope(partner, ACTIVITY, governance, marked)).toEqual({ audiences: [1] });
      expect(readScope(twoGroups, ACTIVITY, governance, marked)).toEqual({ audiences: [0, 1, 5] });
      expect(readScope(intranetOnly, ACTIVITY, governance, marked)).toEqual({ audiences: [0] });
      expect(readScope(admin, ACTIVITY, governance, marked)).toBe('all');
      // Owner mode has no audience: the author decides.
      expect(JSON.stringify(readScope(partner, 'api::ticket.ticket', governance, marked))).not.toMatch(
        /audiences/,
      );
    });

    /** SPEC §4's table for workgroup mode, written out independently of the rule's audiences. */
    const spec = (p: Principal, row: ReturnType<typeof item>) => {
      const access = p.groups.has('extranet-users') || p.groups.has('extranet-admins');
      const inMine = row.workgroupId === null || p.workgroupIds.includes(row.workgroupId);
      if (p.groups.has('extranet-admins')) return true;
      if (p.kind === 'external') return access && row.extranet === true && inMine;
      if (p.kind === 'employee' && access) return row.extranet !== true || inMine;
      return row.extranet !== true;
    };

    it('agrees with SPEC §4 on every state: audience in the list exactly when readable', () => {
      const callers = [partner, outsider, twoGroups, intranetOnly, admin, who('anonymous'), who('token')];
      const states = [null, false, true].flatMap((extranet) =>
        [null, 1, 2, 5].map((wg) => item(extranet as boolean | null, wg)),
      );
      for (const p of callers) {
        const scope = readScope(p, DOCS, governance, marked);
        for (const row of states) {
          const listed =
            scope === 'all'
              ? true
              : scope === 'none'
                ? false
                : (scope as { audiences: number[] }).audiences.includes(itemAudience(row));
          expect([p.kind, [...p.groups], row, listed]).toEqual([p.kind, [...p.groups], row, spec(p, row)]);
          expect(canReadItem(p, WG, row)).toBe(listed);
        }
      }
    });

    it('without the column, is written with the site flag and the workgroup relation', () => {
      expect(readScope(partner, DOCS, governance)).toEqual({
        $or: [
          {
            $and: [
              { extranet: { $eq: true } },
              { workgroup: { $or: [{ id: { $null: true } }, { id: { $in: [] } }] } },
            ],
          },
          { $and: [{ extranet: { $eq: true } }, { workgroup: { id: { $in: [1] } } }] },
        ],
      });
    });
  });
});
