/**
 * "Why?" (SPEC §10) without Strapi: every reason the explanation can give, and its verdict always
 * the rule's own (canReadItem) for every combination of person, site, workgroup and membership.
 */
import { explainRead, type ExplainReason } from '../plugins/extranet/server/src/access/explain';
import { canReadItem } from '../plugins/extranet/server/src/access/rule';
import type { Principal } from '../plugins/extranet/server/src/access/principal';

const who = (kind: 'external' | 'employee', groups: string[] = [], workgroupIds: number[] = []): Principal => ({
  kind,
  userId: 7,
  groups: new Set(groups) as Principal['groups'],
  workgroupIds,
  managedWorkgroupIds: [],
});
const WG = { mode: 'workgroup' as const };
const OWNER = { mode: 'owner' as const };
const active = { status: 'active', expiresAt: null };
const expired = { status: 'active', expiresAt: new Date(Date.now() - 1000) };
const suspended = { status: 'suspended', expiresAt: null };

describe('explain', () => {
  const cases: Array<[string, Parameters<typeof explainRead>[0], boolean, ExplainReason]> = [
    ['a blocked person', { principal: null, config: WG, item: { extranet: false, workgroupId: null, authorId: null }, membership: null }, false, 'blocked'],
    ['an extranet admin', { principal: who('external', ['extranet-admins']), config: WG, item: { extranet: true, workgroupId: 3, authorId: null }, membership: null }, true, 'extranet-admin'],
    ['an employee, an intranet item', { principal: who('employee'), config: WG, item: { extranet: false, workgroupId: 3, authorId: null }, membership: null }, true, 'intranet-item'],
    ['a partner, an intranet item', { principal: who('external', ['extranet-users'], [3]), config: WG, item: { extranet: null, workgroupId: null, authorId: null }, membership: null }, false, 'intranet-item'],
    ['an employee outside the extranet', { principal: who('employee'), config: WG, item: { extranet: true, workgroupId: null, authorId: null }, membership: null }, false, 'no-extranet-access'],
    ['a partner, a site-wide item', { principal: who('external', ['extranet-users']), config: WG, item: { extranet: true, workgroupId: null, authorId: null }, membership: null }, true, 'site-wide-extranet'],
    ['a member', { principal: who('external', ['extranet-users'], [3]), config: WG, item: { extranet: true, workgroupId: 3, authorId: null }, membership: active }, true, 'workgroup-member'],
    ['an expired member', { principal: who('external', ['extranet-users']), config: WG, item: { extranet: true, workgroupId: 3, authorId: null }, membership: expired }, false, 'membership-expired'],
    ['a suspended member', { principal: who('employee', ['extranet-users']), config: WG, item: { extranet: true, workgroupId: 3, authorId: null }, membership: suspended }, false, 'not-a-member'],
    ['someone else', { principal: who('employee', ['extranet-users'], [4]), config: WG, item: { extranet: true, workgroupId: 3, authorId: null }, membership: null }, false, 'not-a-member'],
    ['the author of a ticket', { principal: who('external', ['extranet-users']), config: OWNER, item: { extranet: true, workgroupId: null, authorId: 7 }, membership: null }, true, 'author'],
    ['support', { principal: who('employee', ['extranet-users', 'extranet-support']), config: OWNER, item: { extranet: true, workgroupId: null, authorId: 9 }, membership: null }, true, 'support'],
    ["another partner's ticket", { principal: who('external', ['extranet-users']), config: OWNER, item: { extranet: true, workgroupId: null, authorId: 9 }, membership: null }, false, 'author'],
    ['support, on its own ticket', { principal: who('employee', ['extranet-users', 'extranet-support']), config: OWNER, item: { extranet: true, workgroupId: null, authorId: 7 }, membership: null }, true, 'author'],
    ["an employee in the extranet, not support, on a partner's ticket", { principal: who('employee', ['extranet-users']), config: OWNER, item: { extranet: true, workgroupId: null, authorId: 9 }, membership: null }, false, 'author'],
    // The support group reaches others' tickets only for employees: a partner put in it is refused, and is told why.
    ['a partner in the support group, on another partner’s ticket', { principal: who('external', ['extranet-users', 'extranet-support']), config: OWNER, item: { extranet: true, workgroupId: null, authorId: 9 }, membership: null }, false, 'author'],
  ];

  it.each(cases)('%s', (_name, input, allowed, reason) => {
    expect(explainRead(input)).toEqual({ allowed, reason });
  });

  it('always gives the rule’s own verdict', () => {
    for (const kind of ['external', 'employee'] as const) {
      for (const groups of [[], ['extranet-users'], ['extranet-users', 'extranet-support'], ['extranet-admins']]) {
        for (const mine of [[], [3]]) {
          for (const config of [WG, OWNER]) {
            for (const extranet of [true, false, null]) {
              for (const workgroupId of [null, 3]) {
                for (const authorId of [null, 7, 9]) {
                  const principal = who(kind, groups, mine);
                  const item = { extranet, workgroupId, authorId };
                  const membership = mine.length ? active : null;
                  expect(explainRead({ principal, config, item, membership }).allowed).toBe(canReadItem(principal, config, item));
                }
              }
            }
          }
        }
      }
    }
  });
});
