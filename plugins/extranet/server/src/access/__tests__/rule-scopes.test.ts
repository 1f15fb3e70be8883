/**
 * The rule's exact answers (access/rule.ts): every scope written out in full, so that a changed
 * operator, a dropped branch or a swapped constant shows. rule.test.ts checks the same rule by its
 * meaning (who reads which row); this pins what the doors receive.
 */
import {
  asFilter,
  canCreateWorkgroup,
  canMessage,
  canReadItem,
  checkDocumentVersions,
  checkItemWrite,
  extranetAccessFilter,
  governedFileFilter,
  groupsGrantAccess,
  hasExtranetAccess,
  INTERNAL_PLUGIN_TYPES,
  INTERNAL_TYPES,
  isExtranetAdmin,
  isTrusted,
  isUnrestricted,
  itemCondition,
  mayChangePersonFiles,
  mayChangeUnattachedFile,
  mayWritePluginTypeDirectly,
  mayWriteUngoverned,
  reachablePeople,
  readScope,
  relationLeaves,
  UPLOAD_FILE,
  WORKGROUP,
  workgroupPowers,
  workgroupScope,
  type ConditionLeaves,
  type FileAttachments,
} from '../rule';
import type { Principal } from '../principal';

// The rule compares memberships' expiry with the clock (grantingMembership): two scopes written
// a millisecond apart differ, so the clock stands still while they are compared.
beforeAll(() => jest.useFakeTimers({ now: new Date('2026-06-01T12:00:00Z') }));
afterAll(() => jest.useRealTimers());

const who = (
  kind: Principal['kind'],
  groups: string[] = [],
  workgroupIds: number[] = [],
  userId: number | null = 7,
  managed: number[] = [],
): Principal => ({
  kind,
  userId: kind === 'external' || kind === 'employee' ? userId : null,
  groups: new Set(groups) as Principal['groups'],
  workgroupIds,
  managedWorkgroupIds: managed,
});
const USER = 'plugin::users-permissions.user';
const DOCS = 'api::document.document';
const TICKETS = 'api::ticket.ticket';
const NOTES = 'api::note.note';
const governance = {
  scoped: {
    [DOCS]: { mode: 'workgroup' as const },
    [TICKETS]: { mode: 'owner' as const },
    [NOTES]: { mode: 'owner' as const, authorField: 'writer' },
  },
};

const partner = who('external', ['extranet-users'], [1, 2]);
const stranger = who('external', [], [1]);
const employee = who('employee', ['extranet-users'], [3]);
const intranetOnly = who('employee', [], [3]);
const support = who('employee', ['extranet-users', 'extranet-support'], [], 9);
const admin = who('employee', ['extranet-admins']);
const anonymous = who('anonymous');
const token = who('token');
const system = who('system');
const editor = who('admin-panel');

const SITE = { extranet: { $eq: true } };
const INTRANET = { $or: [{ extranet: { $eq: false } }, { extranet: { $null: true } }] };
const inGroups = (ids: number[]) => ({ workgroup: { $or: [{ id: { $null: true } }, { id: { $in: ids } }] } });

describe('who the rule trusts', () => {
  it('knows the groups and kinds', () => {
    expect(isExtranetAdmin(admin)).toBe(true);
    expect(isExtranetAdmin(employee)).toBe(false);
    expect(groupsGrantAccess(new Set(['extranet-users']))).toBe(true);
    expect(groupsGrantAccess(new Set(['extranet-admins']))).toBe(true);
    expect(groupsGrantAccess(new Set(['group-creators', 'extranet-support']))).toBe(false);
    expect(hasExtranetAccess(admin)).toBe(true);
    expect(hasExtranetAccess(intranetOnly)).toBe(false);
    expect(extranetAccessFilter).toEqual({
      extranetGroups: { key: { $in: ['extranet-users', 'extranet-admins'] } },
    });
    for (const [p, unrestricted, trusted] of [
      [system, true, true],
      [editor, true, true],
      [admin, true, false],
      [who('token', ['extranet-admins']), false, false],
      [who('anonymous', ['extranet-admins']), false, false],
      [employee, false, false],
      [partner, false, false],
    ] as const) {
      expect([p.kind, isUnrestricted(p), isTrusted(p)]).toEqual([p.kind, unrestricted, trusted]);
    }
  });

  it('names the internal types', () => {
    expect(UPLOAD_FILE).toBe('plugin::upload.file');
    expect(WORKGROUP).toBe('plugin::extranet.workgroup');
    expect([...INTERNAL_PLUGIN_TYPES].sort()).toEqual([
      'plugin::extranet.access-group',
      'plugin::extranet.activity',
      'plugin::extranet.invitation',
      'plugin::extranet.membership',
      'plugin::extranet.message',
      'plugin::extranet.notification-setting',
      'plugin::extranet.outbox-mail',
      'plugin::extranet.review',
      'plugin::extranet.review-decision',
    ]);
    expect([...INTERNAL_TYPES].sort()).toEqual([...INTERNAL_PLUGIN_TYPES, USER].sort());
  });
});

describe('item scopes, written out', () => {
  it('workgroup mode, as the audiences each caller reads (0 intranet, -1 site-wide extranet, else a workgroup)', () => {
    const leaves: ConditionLeaves = { ...relationLeaves, audience: (audiences) => ({ aud: audiences }) };
    expect(readScope(partner, DOCS, governance, leaves)).toEqual({ aud: [-1, 1, 2] });
    expect(readScope(stranger, DOCS, governance, leaves)).toBe('none');
    expect(readScope(employee, DOCS, governance, leaves)).toEqual({ aud: [0, -1, 3] });
    expect(readScope(intranetOnly, DOCS, governance, leaves)).toEqual({ aud: [0] });
    expect(readScope(anonymous, DOCS, governance, leaves)).toEqual({ aud: [0] });
    expect(readScope(token, DOCS, governance, leaves)).toEqual({ aud: [0] });
    // without the column, the same audiences in the site flag and the workgroup relation
    const siteWide = { $and: [SITE, { workgroup: { $or: [{ id: { $null: true } }, { id: { $in: [] } }] } }] };
    const ofGroups = (ids: number[]) => ({ $and: [SITE, { workgroup: { id: { $in: ids } } }] });
    expect(readScope(partner, DOCS, governance)).toEqual({ $or: [siteWide, ofGroups([1, 2])] });
    expect(readScope(employee, DOCS, governance)).toEqual({ $or: [INTRANET, siteWide, ofGroups([3])] });
    expect(readScope(intranetOnly, DOCS, governance)).toEqual(INTRANET);
    expect(readScope(admin, DOCS, governance)).toBe('all');
    expect(readScope(system, DOCS, governance)).toBe('all');
    expect(readScope(editor, DOCS, governance)).toBe('all');
  });

  it('owner mode, with the default and a named author field', () => {
    const mine = (field: string, id: number) => ({ [field]: { id: { $eq: id } } });
    expect(readScope(partner, TICKETS, governance)).toEqual({ $and: [SITE, mine('author', 7)] });
    expect(readScope(partner, NOTES, governance)).toEqual({ $and: [SITE, mine('writer', 7)] });
    expect(readScope(stranger, TICKETS, governance)).toBe('none');
    expect(readScope(who('external', ['extranet-users'], [], null), TICKETS, governance)).toBe('none');
    expect(readScope(employee, TICKETS, governance)).toEqual({ $or: [INTRANET, mine('author', 7)] });
    expect(readScope(who('employee', ['extranet-users'], [], null), TICKETS, governance)).toEqual(INTRANET);
    expect(readScope(support, TICKETS, governance)).toBe('all');
    expect(readScope(intranetOnly, TICKETS, governance)).toEqual(INTRANET);
    expect(readScope(anonymous, TICKETS, governance)).toEqual(INTRANET);
    expect(readScope(admin, TICKETS, governance)).toBe('all');
  });

  it('conditions read alike as predicates', () => {
    const row = (extranet: boolean | null, workgroupId: number | null, authorId: number | null = null) => ({
      extranet,
      workgroupId,
      authorId,
    });
    const WG = { mode: 'workgroup' as const };
    const OWNER = { mode: 'owner' as const };
    expect(canReadItem(partner, WG, row(true, null))).toBe(true);
    expect(canReadItem(partner, WG, row(true, 2))).toBe(true);
    expect(canReadItem(partner, WG, row(true, 5))).toBe(false);
    expect(canReadItem(partner, WG, row(null, 1))).toBe(false);
    expect(canReadItem(employee, WG, row(null, 9))).toBe(true);
    expect(canReadItem(employee, WG, row(true, 9))).toBe(false);
    expect(canReadItem(support, OWNER, row(true, null, 1))).toBe(true);
    expect(canReadItem(employee, OWNER, row(true, null, 7))).toBe(true);
    expect(canReadItem(employee, OWNER, row(true, null, 8))).toBe(false);
    expect(canReadItem(employee, OWNER, row(false, null, 8))).toBe(true);
    expect(canReadItem(who('employee', ['extranet-users'], [], null), OWNER, row(true, null, null))).toBe(
      false,
    );
    expect(canReadItem(token, OWNER, row(false, null, null))).toBe(true);
    expect(canReadItem(token, OWNER, row(true, null, null))).toBe(false);
    expect(canReadItem(admin, OWNER, row(true, 4, 1))).toBe(true);
    expect(itemCondition(admin, WG)).toBe(true);
    expect(itemCondition(stranger, OWNER)).toBe(false);
    expect(itemCondition(intranetOnly, OWNER)).toEqual({ site: false });
  });

  it("asks the door's leaves for relations, and simplifies what it combines", () => {
    const calls: string[] = [];
    const leaves: ConditionLeaves = {
      workgroup: (ids, orNone) => (calls.push(`wg ${ids} ${orNone}`), { wg: ids }),
      author: (field, id) => (calls.push(`author ${field} ${id}`), { by: id }),
      related: (relation, filter) => ({ via: relation, filter }),
    };
    // site-wide extranet items (no workgroup), then those of the partner's workgroups
    expect(readScope(partner, DOCS, governance, leaves)).toEqual({
      $or: [{ $and: [SITE, { wg: [] }] }, { $and: [SITE, { wg: [1, 2] }] }],
    });
    expect(readScope(employee, NOTES, governance, leaves)).toEqual({ $or: [INTRANET, { by: 7 }] });
    expect(calls).toEqual(['wg  true', 'wg 1,2 false', 'author writer 7']);
    expect(readScope(partner, 'plugin::extranet.membership', governance, leaves)).toEqual({
      via: 'workgroup',
      filter: { $and: [SITE, { id: { $in: [1, 2] } }] },
    });
    // Memberships carry no audience column: they follow their workgroup even when the door has one.
    const withAudience: ConditionLeaves = { ...leaves, audience: (audiences) => ({ aud: audiences }) };
    expect(readScope(partner, 'plugin::extranet.membership', governance, withAudience)).toEqual({
      via: 'workgroup',
      filter: { $and: [SITE, { id: { $in: [1, 2] } }] },
    });
    expect(readScope(partner, 'plugin::extranet.activity', governance, withAudience)).toEqual({
      aud: [1, 2],
    });
  });

  it('writes the default leaves as relation filters', () => {
    expect(relationLeaves.workgroup([4], true)).toEqual(inGroups([4]));
    expect(relationLeaves.workgroup([4], false)).toEqual({ workgroup: { id: { $in: [4] } } });
    expect(relationLeaves.author('owner', 3)).toEqual({ owner: { id: { $eq: 3 } } });
    expect(relationLeaves.related('workgroup', { a: 1 })).toEqual({ workgroup: { a: 1 } });
    expect(relationLeaves.files).toBeUndefined();
  });

  it('turns scopes into filters', () => {
    expect(asFilter('all')).toBeNull();
    expect(asFilter('none')).toEqual({ id: { $in: [] } });
    expect(asFilter({ a: 1 })).toEqual({ a: 1 });
  });
});

describe("the plugin's own types, users, other content", () => {
  const member = (ids: number[]) => ({ id: { $in: ids } });
  const intranetGroup = { $or: [{ extranet: { $eq: false } }, { extranet: { $null: true } }] };

  it('workgroups', () => {
    expect(workgroupScope(partner)).toEqual({ $and: [{ extranet: { $eq: true } }, member([1, 2])] });
    expect(workgroupScope(stranger)).toBe('none');
    expect(workgroupScope(employee)).toEqual({
      $or: [intranetGroup, { $and: [{ extranet: { $eq: true } }, member([3])] }],
    });
    expect(workgroupScope(intranetOnly)).toEqual(intranetGroup);
    expect(workgroupScope(anonymous)).toBe('none');
    expect(workgroupScope(token)).toBe('none');
    expect(workgroupScope(admin)).toBe('all');
    expect(readScope(partner, WORKGROUP, governance)).toEqual(workgroupScope(partner));
  });

  it('memberships and activity follow the workgroup; topics, invitations, groups, messages', () => {
    for (const uid of ['plugin::extranet.membership', 'plugin::extranet.activity']) {
      expect(readScope(employee, uid, governance)).toEqual({ workgroup: workgroupScope(employee) });
      expect(readScope(stranger, uid, governance)).toBe('none');
      expect(readScope(admin, uid, governance)).toBe('all');
    }
    const topic = 'plugin::extranet.topic';
    expect(
      [partner, employee, intranetOnly, stranger, anonymous, token, admin].map((p) =>
        readScope(p, topic, governance),
      ),
    ).toEqual(['all', 'all', 'all', 'none', 'none', 'none', 'all']);
    const managing = who('employee', ['extranet-users'], [3], 7, [3]);
    expect(readScope(managing, 'plugin::extranet.invitation', governance)).toEqual({
      workgroup: { id: { $in: [3] } },
    });
    expect(readScope(anonymous, 'plugin::extranet.invitation', governance)).toBe('none');
    expect(readScope(support, 'plugin::extranet.access-group', governance)).toEqual({
      key: { $in: ['extranet-users', 'extranet-support'] },
    });
    expect(readScope(token, 'plugin::extranet.access-group', governance)).toBe('none');
    const own = (id: number) => ({
      $or: [{ sender: { id: { $eq: id } } }, { recipient: { id: { $eq: id } } }],
    });
    expect(readScope(partner, 'plugin::extranet.message', governance)).toEqual(own(7));
    expect(
      readScope(who('employee', ['extranet-admins'], [], 5), 'plugin::extranet.message', governance),
    ).toEqual(own(5));
    expect(readScope(anonymous, 'plugin::extranet.message', governance)).toBe('none');
    expect(readScope(partner, 'plugin::extranet.unknown', governance)).toBe('none');
    expect(readScope(admin, 'plugin::extranet.unknown', governance)).toBe('all');
  });

  it("keeps the plugin's records from content editors, except the access groups", () => {
    for (const uid of INTERNAL_PLUGIN_TYPES) {
      expect([uid, readScope(editor, uid, governance)]).toEqual([
        uid,
        uid === 'plugin::extranet.access-group' ? 'all' : 'none',
      ]);
    }
    expect(readScope(editor, WORKGROUP, governance)).toBe('all');
    expect(readScope(editor, USER, governance)).toBe('all');
    expect(readScope(system, 'plugin::extranet.message', governance)).toBe('all');
    // Trusted server code reads every type, people and files included.
    for (const uid of [USER, UPLOAD_FILE, WORKGROUP, DOCS, 'api::announcement.announcement'])
      expect([uid, readScope(system, uid, governance)]).toEqual([uid, 'all']);
  });

  it('users', () => {
    const notExternal = { role: { type: { $ne: 'extranet' } } };
    expect(readScope(employee, USER, governance)).toBe('all');
    expect(readScope(intranetOnly, USER, governance)).toEqual(notExternal);
    expect(readScope(anonymous, USER, governance)).toEqual(notExternal);
    expect(readScope(token, USER, governance)).toEqual(notExternal);
    expect(readScope(stranger, USER, governance)).toEqual({ id: { $eq: 7 } });
    expect(readScope(partner, USER, governance)).toEqual({
      $or: [
        { id: { $eq: 7 } },
        { visibleToAllExtranet: { $eq: true } },
        {
          extranetMemberships: {
            $and: [
              { status: { $eq: 'active' } },
              { $or: [{ expiresAt: { $null: true } }, { expiresAt: { $gt: expect.any(Date) } }] },
              { workgroup: { id: { $in: [1, 2] } } },
            ],
          },
        },
      ],
    });
    expect(reachablePeople(partner)).toEqual({ visibleToAllExtranet: true });
    expect(reachablePeople(employee)).toEqual({});
  });

  it("content outside the plugin's control", () => {
    const news = 'api::announcement.announcement';
    expect(readScope(partner, news, governance)).toBe('none');
    expect(readScope(stranger, news, governance)).toBe('none');
    expect(readScope(employee, news, governance)).toBe('all');
    expect(readScope(anonymous, news, governance)).toBe('all');
    expect(readScope(partner, 'plugin::other.thing', governance)).toBe('all');
    expect(mayWriteUngoverned(partner, news)).toBe(false);
    expect(mayWriteUngoverned(partner, 'plugin::other.thing')).toBe(true);
    expect(mayWriteUngoverned(employee, news)).toBe(true);
    expect(mayWritePluginTypeDirectly(admin)).toBe(true);
    expect(mayWritePluginTypeDirectly(employee)).toBe(false);
  });
});

describe('files', () => {
  const attachments = (
    p: Principal,
    holderTypes = [DOCS, WORKGROUP, USER, 'api::announcement.announcement'],
  ): FileAttachments => ({
    holderTypes,
    scopeOf: (uid) => readScope(p, uid, governance),
    attachedTo: (uid, filter) => ({ on: uid, filter }),
    unattached: { loose: true },
  });
  const scope = (p: Principal, holderTypes?: string[]) =>
    readScope(p, UPLOAD_FILE, governance, { ...relationLeaves, files: attachments(p, holderTypes) });
  const notExternalUpload = {
    $or: [{ extranetUploaderExternal: { $eq: false } }, { extranetUploaderExternal: { $null: true } }],
  };

  it("writes a partner's file scope in full", () => {
    expect(scope(partner)).toEqual({
      $or: [
        { on: DOCS, filter: readScope(partner, DOCS, governance) },
        { on: WORKGROUP, filter: workgroupScope(partner) },
        { on: USER, filter: readScope(partner, USER, governance) },
        { $and: [{ loose: true }, { extranetUploader: { $eq: 7 } }] },
      ],
    });
  });

  it("an employee's, an anonymous caller's, and one with a single part", () => {
    expect(scope(employee)).toEqual({
      $or: [
        { on: DOCS, filter: readScope(employee, DOCS, governance) },
        { on: WORKGROUP, filter: workgroupScope(employee) },
        { on: USER, filter: null },
        { on: 'api::announcement.announcement', filter: null },
        { $and: [{ loose: true }, { $or: [notExternalUpload, { extranetUploader: { $eq: 7 } }] }] },
      ],
    });
    expect(scope(anonymous, [])).toEqual({ $and: [{ loose: true }, notExternalUpload] });
    expect(scope(stranger, [DOCS])).toEqual({ $and: [{ loose: true }, { extranetUploader: { $eq: 7 } }] });
    expect(scope(who('external', [], [], null), [DOCS])).toBe('none');
    expect(scope(admin)).toBe('all');
    expect(readScope(admin, UPLOAD_FILE, governance)).toBe('all');
    expect(readScope(employee, UPLOAD_FILE, governance)).toBe('none');
  });

  it('governs files of extranet content: items, workgroups, externals', () => {
    const { scopeOf, ...leaves } = attachments(partner);
    expect(governedFileFilter(governance, leaves)).toEqual({
      $or: [
        { on: DOCS, filter: { extranet: { $eq: true } } },
        { on: WORKGROUP, filter: { extranet: { $eq: true } } },
        { on: USER, filter: { role: { type: { $eq: 'extranet' } } } },
        { $and: [{ loose: true }, { extranetUploaderExternal: { $eq: true } }] },
      ],
    });
  });

  it('lets files change only for their uploader, person or the unrestricted', () => {
    expect(mayChangeUnattachedFile(who('external', ['extranet-users'], [], null), null)).toBe(false);
    expect(mayChangeUnattachedFile(editor, null)).toBe(true);
    expect(mayChangePersonFiles(partner, 7)).toBe(true);
    expect(mayChangePersonFiles(partner, 8)).toBe(false);
    expect(mayChangePersonFiles(admin, 8)).toBe(true);
  });
});

describe('writes', () => {
  const WG = { mode: 'workgroup' as const };
  const OWNER = { mode: 'owner' as const };
  const group = (id: number, extranet = true, archived = false) => ({ id, extranet, archived });
  const stored = (
    extranet: boolean | null,
    workgroup: ReturnType<typeof group> | null,
    authorId: number | null = null,
  ) => ({
    extranet,
    workgroupId: workgroup?.id ?? null,
    workgroup,
    authorId,
  });

  it('keeps the extranet flag in step with the workgroup, for everyone', () => {
    expect(checkItemWrite(system, WG, null, stored(false, group(1)))).toEqual({
      status: 400,
      message: 'must be true for an item of an extranet workgroup',
      field: 'extranet',
    });
    expect(checkItemWrite(system, WG, null, stored(null, group(1)))).toMatchObject({
      status: 400,
      field: 'extranet',
    });
    expect(checkItemWrite(admin, WG, null, stored(true, group(3, false)))).toEqual({
      status: 400,
      message: 'must be false for an item of an intranet workgroup',
      field: 'extranet',
    });
    expect(checkItemWrite(system, WG, null, stored(false, group(3, false)))).toBeNull();
    expect(checkItemWrite(system, WG, null, stored(true, null))).toBeNull();
    expect(checkItemWrite(system, WG, stored(true, group(1, true, true)), null)).toBeNull();
  });

  it('keeps archived groups read-only for everyone but extranet admins, content editors included', () => {
    const archived = {
      status: 409,
      name: 'WorkgroupArchived',
      message: 'The workgroup is archived: its items are read-only',
    };
    expect(
      checkItemWrite(editor, WG, stored(true, group(1, true, true)), stored(true, group(1, true, true))),
    ).toEqual(archived);
    expect(checkItemWrite(partner, WG, stored(true, group(1)), stored(true, group(2, true, true)))).toEqual(
      archived,
    );
    expect(checkItemWrite(partner, WG, stored(true, group(1, true, true)), stored(true, group(2)))).toEqual(
      archived,
    );
    expect(
      checkItemWrite(admin, WG, stored(true, group(1, true, true)), stored(true, group(2, true, true))),
    ).toBeNull();
    expect(checkItemWrite(editor, WG, null, stored(false, null))).toBeNull();
  });

  it('lets partners write extranet content of their workgroups only', () => {
    expect(checkItemWrite(partner, OWNER, null, stored(false, null))).toEqual({
      status: 400,
      message: 'must be true: extranet users write extranet content only',
      field: 'extranet',
    });
    expect(checkItemWrite(partner, OWNER, null, stored(null, null))).toMatchObject({
      status: 400,
      field: 'extranet',
    });
    expect(checkItemWrite(partner, WG, stored(true, null), stored(true, group(1)))).toEqual({
      status: 403,
      message: 'Site-wide extranet items are written by employees',
    });
    expect(checkItemWrite(partner, WG, stored(true, null), null)).toMatchObject({ status: 403 });
    expect(checkItemWrite(partner, WG, stored(true, group(1)), stored(true, null))).toEqual({
      status: 400,
      message: 'is required: choose one of your workgroups',
      field: 'workgroup',
    });
    expect(checkItemWrite(partner, WG, stored(true, group(1)), null)).toBeNull();
    expect(checkItemWrite(partner, WG, stored(true, group(1)), stored(true, group(2)))).toBeNull();
    expect(checkItemWrite(partner, WG, null, stored(true, group(5)))).toEqual({
      status: 403,
      message: 'You may not write an item you could not read',
    });
    expect(checkItemWrite(partner, OWNER, null, stored(true, null, 7))).toBeNull();
    expect(checkItemWrite(partner, OWNER, null, stored(true, null, 8))).toMatchObject({ status: 403 });
    expect(checkItemWrite(partner, OWNER, stored(true, null, 7), stored(true, null, 7))).toBeNull();
  });

  it('judges employees by what they could read afterwards', () => {
    expect(checkItemWrite(employee, WG, null, stored(true, group(9)))).toMatchObject({ status: 403 });
    expect(checkItemWrite(employee, WG, null, stored(true, null))).toBeNull();
    expect(checkItemWrite(employee, WG, null, stored(true, group(3)))).toBeNull();
    expect(checkItemWrite(employee, WG, null, stored(false, null))).toBeNull();
    expect(checkItemWrite(employee, WG, stored(true, group(3)), null)).toBeNull();
    expect(checkItemWrite(admin, WG, stored(true, null), stored(true, null))).toBeNull();
    const externalAdmin = who('external', ['extranet-users', 'extranet-admins']);
    expect(checkItemWrite(externalAdmin, WG, stored(true, null), stored(true, null))).toBeNull();
  });
});

describe('workgroup life', () => {
  it('who creates workgroups', () => {
    const creators = ['extranet-users', 'group-creators'];
    expect(canCreateWorkgroup(who('employee', creators), true)).toBe(true);
    expect(canCreateWorkgroup(who('employee', creators), false)).toBe(true);
    expect(canCreateWorkgroup(who('employee', ['group-creators']), false)).toBe(true);
    expect(canCreateWorkgroup(who('employee', ['group-creators']), true)).toBe(false);
    expect(canCreateWorkgroup(who('employee', ['extranet-users']), false)).toBe(false);
    expect(canCreateWorkgroup(who('external', creators), true)).toBe(true);
    expect(canCreateWorkgroup(who('external', creators), false)).toBe(false);
    expect(canCreateWorkgroup(who('external', ['extranet-admins']), false)).toBe(true);
    expect(canCreateWorkgroup(admin, false)).toBe(true);
    expect(canCreateWorkgroup(who('token', ['extranet-admins', 'group-creators']), false)).toBe(false);
    expect(canCreateWorkgroup(system, true)).toBe(false);
  });

  it('what each role may do, live and archived', () => {
    const all = {
      manageMembers: true,
      changeRoles: true,
      promoteModerators: true,
      edit: true,
      leave: true,
      archive: true,
      remove: true,
    };
    expect(workgroupPowers(employee, 'owner', false)).toEqual(all);
    expect(workgroupPowers(employee, 'moderator', false)).toEqual({
      ...all,
      promoteModerators: false,
      archive: false,
      remove: false,
    });
    expect(workgroupPowers(partner, 'member', false)).toEqual({
      manageMembers: false,
      changeRoles: false,
      promoteModerators: false,
      edit: false,
      leave: true,
      archive: false,
      remove: false,
    });
    expect(workgroupPowers(employee, null, false)).toEqual({
      manageMembers: false,
      changeRoles: false,
      promoteModerators: false,
      edit: false,
      leave: false,
      archive: false,
      remove: false,
    });
    expect(workgroupPowers(admin, null, false)).toEqual({ ...all, leave: false });
    expect(workgroupPowers(admin, 'member', true)).toEqual(all);
    expect(workgroupPowers(employee, 'owner', true)).toEqual({
      manageMembers: false,
      changeRoles: false,
      promoteModerators: false,
      edit: false,
      leave: false,
      archive: true,
      remove: true,
    });
    expect(workgroupPowers(employee, 'moderator', true)).toEqual({
      manageMembers: false,
      changeRoles: false,
      promoteModerators: false,
      edit: false,
      leave: false,
      archive: false,
      remove: false,
    });
    expect(workgroupPowers(partner, 'member', true).leave).toBe(false);
  });

  it('who writes to whom', () => {
    const person = (kind: 'external' | 'employee', extranet = true, visibleToAllExtranet = false) => ({
      kind,
      extranet,
      visibleToAllExtranet,
    });
    expect(canMessage(person('employee', false), person('employee', false, false), false)).toBe(true);
    expect(canMessage(person('employee'), person('external'), true)).toBe(true);
    expect(canMessage(person('employee'), person('external'), false)).toBe(false);
    expect(canMessage(person('employee', false), person('external'), true)).toBe(false);
    expect(canMessage(person('employee'), person('external', false), true)).toBe(false);
    expect(canMessage(person('external'), person('external', true, true), false)).toBe(true);
    expect(canMessage(person('external', false), person('employee', true, true), false)).toBe(false);
    expect(canMessage(person('external'), person('employee', false, true), false)).toBe(false);
    expect(canMessage(person('external'), person('external'), true)).toBe(false);
  });
});

describe('checkDocumentVersions: a document is written whole or not at all', () => {
  const version = (published: boolean, readable = true, locale: string | null = null) => ({
    published,
    readable,
    locale,
  });
  const partial = {
    status: 403,
    message: 'This document has a version you may not read: only someone who reads all of it may write it',
  };
  const doubled = {
    status: 409,
    name: 'DocumentConflict',
    message: 'The write would leave the document with two versions of the same status',
  };

  it('before the write: 404 when no version is readable, 403 when some are not, null when all are', () => {
    expect(checkDocumentVersions([], null)).toBeNull();
    expect(checkDocumentVersions([version(false, false), version(true, false)], null)).toEqual({
      status: 404,
      message: 'Not Found',
    });
    expect(checkDocumentVersions([version(false), version(true, false)], null)).toEqual(partial);
    expect(checkDocumentVersions([version(false, false), version(true)], null)).toEqual(partial);
    expect(checkDocumentVersions([version(false), version(true)], null)).toBeNull();
  });

  it('after the write: every row left readable, at most one draft and one published per locale unless it was so before', () => {
    expect(checkDocumentVersions([version(false), version(true)], [])).toBeNull();
    expect(checkDocumentVersions([version(false)], [version(true, false)])).toEqual(partial);
    expect(checkDocumentVersions([version(false, false)], [version(false, false)])).toEqual(partial);
    expect(
      checkDocumentVersions([version(false), version(true)], [version(false), version(true), version(true)]),
    ).toEqual(doubled);
    expect(checkDocumentVersions([version(false)], [version(false), version(false)])).toEqual(doubled);
    expect(
      checkDocumentVersions(
        [version(false), version(true), version(true)],
        [version(false), version(false), version(true), version(true)],
      ),
    ).toEqual(doubled);
    expect(
      checkDocumentVersions(
        [version(false), version(true), version(true)],
        [version(false), version(true), version(true)],
      ),
    ).toBeNull();
    expect(
      checkDocumentVersions([version(false), version(true), version(true)], [version(false), version(true)]),
    ).toBeNull();
    expect(
      checkDocumentVersions(
        [],
        [
          version(false, true, 'en'),
          version(false, true, 'fr'),
          version(true, true, 'en'),
          version(true, true, 'fr'),
        ],
      ),
    ).toBeNull();
    expect(
      checkDocumentVersions(
        [],
        [version(false, true, 'en'), version(false, true, 'en'), version(false, true, 'fr')],
      ),
    ).toEqual(doubled);
  });
});
