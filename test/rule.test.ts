/**
 * The rule on its own, without Strapi: the same module every door asks (the property test checks
 * the doors against an independent oracle; this checks the rule's own answers and write verdicts).
 */
import {
  canCreateWorkgroup,
  canMessage,
  canReadItem,
  checkItemWrite,
  readScope,
  workgroupPowers,
} from '../plugins/extranet/server/src/access/rule';
import type { Principal } from '../plugins/extranet/server/src/access/principal';

const who = (kind: Principal['kind'], groups: string[] = [], workgroupIds: number[] = [], userId = 7): Principal => ({
  kind,
  userId: kind === 'external' || kind === 'employee' ? userId : null,
  groups: new Set(groups) as Principal['groups'],
  workgroupIds,
  managedWorkgroupIds: [],
});
const WG = { mode: 'workgroup' as const };
const OWNER = { mode: 'owner' as const };
const item = (extranet: boolean | null, workgroupId: number | null = null, authorId: number | null = null) => ({ extranet, workgroupId, authorId });
const governance = { scoped: { 'api::document.document': WG, 'api::ticket.ticket': OWNER } };

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
    expect(checkItemWrite(employee, WG, null, { ...item(false, 1), workgroup: extranetGroup })).toMatchObject({ status: 400, field: 'extranet' });
    expect(checkItemWrite(partner, WG, null, { ...item(false), workgroup: null })).toMatchObject({ status: 400, field: 'extranet' });
    expect(checkItemWrite(partner, WG, { workgroup: archived }, null)).toMatchObject({ status: 409, name: 'WorkgroupArchived' });
    expect(checkItemWrite(admin, WG, { workgroup: archived }, null)).toBeNull();
    expect(checkItemWrite(partner, WG, null, { ...item(true, 2), workgroup: { id: 2, extranet: true, archived: false } })).toMatchObject({ status: 403 });
    expect(checkItemWrite(partner, WG, null, { ...item(true, 1), workgroup: extranetGroup })).toBeNull();
  });

  it('keeps group creation, roles and messages to SPEC §3 and §6', () => {
    expect(canCreateWorkgroup(who('employee', ['extranet-users', 'group-creators']), true)).toBe(true);
    expect(canCreateWorkgroup(who('employee', ['group-creators']), true)).toBe(false);
    expect(canCreateWorkgroup(who('external', ['extranet-users', 'group-creators']), false)).toBe(false);
    expect(workgroupPowers(employee, 'moderator', false)).toMatchObject({ manageMembers: true, promoteModerators: false, archive: false });
    expect(workgroupPowers(employee, 'owner', true)).toMatchObject({ manageMembers: false, archive: true });
    const person = (kind: 'external' | 'employee', extranet = true, visibleToAllExtranet = false) => ({ kind, extranet, visibleToAllExtranet });
    expect(canMessage(person('employee', false), person('employee', false), false)).toBe(true);
    expect(canMessage(person('external'), person('employee'), true)).toBe(true);
    expect(canMessage(person('external'), person('employee'), false)).toBe(false);
    expect(canMessage(person('external'), person('external'), true)).toBe(false);
    expect(canMessage(person('external'), person('employee', true, true), false)).toBe(true);
  });
});
