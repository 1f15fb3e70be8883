/**
 * Reference rule for moving a document between workgroups (SPEC §3, §4 "Writes"), written from
 * the spec and independent of the plugin: may this caller turn the stored document `before` into
 * `after`? Reads are answered by ReferenceRule; this adds what writes ask on top:
 *
 *  - the caller reads the document before the write (else 404, like a missing one);
 *  - its role may update documents (Authenticated and Extranet both may, §7);
 *  - neither the old nor the new workgroup is archived, unless the caller is an extranet admin;
 *  - the stored site flag matches the stored workgroup's;
 *  - externals write extranet content only, inside their workgroups, and never site-wide items;
 *  - the caller still reads the document afterwards, and reads its new workgroup.
 */
import { ReferenceRule } from './reference-rule';
import type { Caller, World, WorldItem } from './world';

export type WriteOutcome = 'stored' | 'not-found' | 'refused';

export function expectedMove(world: World, caller: Extract<Caller, { via: 'user' }>, before: WorldItem, after: WorldItem): WriteOutcome {
  const reads = new ReferenceRule(world, caller);
  if (!reads.canReadItem(before)) return 'not-found';
  const user = world.users.find((u) => u.key === caller.user)!;
  const admin = user.groups.includes('extranet-admins');
  const workgroup = (key: string | null) => (key ? world.workgroups.find((w) => w.key === key)! : null);
  const from = workgroup(before.workgroup);
  const to = workgroup(after.workgroup);
  if (to && !reads.canReadWorkgroup(to.key)) return 'refused';
  if (!admin && (from?.archived || to?.archived)) return 'refused';
  if (to && (after.extranet === true) !== to.extranet) return 'refused';
  if (user.kind === 'external' && !admin) {
    if (after.extranet !== true || !from || !to) return 'refused';
  }
  return reads.canReadItem(after) ? 'stored' : 'refused';
}
