/**
 * "Why can this person see that?" (SPEC §10): the verdict is the rule's own (`canReadItem`); the
 * reason names the clause of SPEC §4 that decides it. Pure, like the rule.
 */
import type { ScopedTypeConfig } from '../config';
import type { Principal } from './principal';
import {
  canReadItem,
  hasExtranetAccess,
  isExtranetAdmin,
  isGrantingMembership,
  type ItemState,
} from './rule';
import type { ExplainReason } from '../../../shared/contracts/governance';

export type { ExplainReason };

export interface ExplainInput {
  /** the person as the rule sees them now (their groups and granting memberships); null: blocked */
  principal: Principal | null;
  config: ScopedTypeConfig;
  item: ItemState;
  /** the person's membership of the item's workgroup, if any, whatever its state */
  membership: { status?: string | null; expiresAt?: string | Date | null } | null;
}

const reasonOf = ({
  principal: p,
  config,
  item,
  membership,
}: ExplainInput & { principal: Principal }): ExplainReason => {
  if (isExtranetAdmin(p)) return 'extranet-admin';
  if (item.extranet !== true) return 'intranet-item';
  if (!hasExtranetAccess(p)) return 'no-extranet-access';
  if (config.mode === 'owner') {
    if (item.authorId !== null && item.authorId === p.userId) return 'author';
    return p.kind === 'employee' && p.groups.has('extranet-support') ? 'support' : 'author';
  }
  if (item.workgroupId === null) return 'site-wide-extranet';
  if (isGrantingMembership(membership)) return 'workgroup-member';
  return membership?.status === 'active' ? 'membership-expired' : 'not-a-member';
};

export const explainRead = (input: ExplainInput): { allowed: boolean; reason: ExplainReason } => {
  // A blocked person is refused before any rule applies (users-permissions lets no request through).
  const { principal } = input;
  if (!principal) return { allowed: false, reason: 'blocked' };
  return {
    allowed: canReadItem(principal, input.config, input.item),
    reason: reasonOf({ ...input, principal }),
  };
};
