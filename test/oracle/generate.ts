/** Random worlds from a seed: plain data, written into Strapi by the property test. */
import { mulberry32 } from './prng';
import {
  ITEM_TYPES,
  SCOPE_OF,
  DRAFTABLE,
  type CallerClass,
  type GroupKey,
  type ItemType,
  type World,
  type WorldFile,
  type WorldItem,
  type WorldMembership,
  type WorldUser,
  type WorldWorkgroup,
} from './world';

const USER_CLASSES: CallerClass[] = ['external', 'external+extranet-users', 'employee', 'employee+extranet-users', 'extranet-admin', 'support'];

export function generateWorld(seed: number): World {
  const rng = mulberry32(seed * 7919 + 17);
  const prefix = `pw${seed}-`;

  // Workgroups: a few, mixed extranet/intranet, sometimes archived. At least one of each flag.
  const wgCount = rng.int(3, 5);
  const workgroups: WorldWorkgroup[] = [];
  for (let i = 0; i < wgCount; i++) {
    const extranet = i === 0 ? true : i === 1 ? false : rng.chance(0.6);
    workgroups.push({ key: `wg${i}`, extranet, archived: rng.chance(0.25) });
  }

  // Users: every class at least once, then more drawn at random (externals weigh more).
  const userCount = rng.int(8, 12);
  const classes: CallerClass[] = [...USER_CLASSES];
  while (classes.length < userCount) {
    classes.push(
      rng.weighted<CallerClass>([
        ['external', 1],
        ['external+extranet-users', 4],
        ['employee', 1.5],
        ['employee+extranet-users', 2.5],
        ['extranet-admin', 0.5],
        ['support', 0.5],
      ])
    );
  }
  const users: WorldUser[] = rng.shuffle(classes).map((label, i) => {
    const groups: GroupKey[] = [];
    let kind: 'employee' | 'external' = 'employee';
    switch (label) {
      case 'external':
        kind = 'external';
        break;
      case 'external+extranet-users':
        kind = 'external';
        groups.push('extranet-users');
        break;
      case 'employee':
        break;
      case 'employee+extranet-users':
        groups.push('extranet-users');
        if (rng.chance(0.3)) groups.push('group-creators');
        break;
      case 'extranet-admin':
        // SPEC §4: an extranet admin reads everything, with or without extranet-users.
        groups.push('extranet-admins');
        if (rng.chance(0.5)) groups.push('extranet-users');
        break;
      case 'support':
        groups.push('extranet-support', 'extranet-users');
        break;
    }
    return { key: `u${i}`, kind, groups, visibleToAllExtranet: rng.chance(0.2), label };
  });

  // Memberships: at most one per (workgroup, user); externals only in extranet workgroups (§3).
  const memberships: WorldMembership[] = [];
  for (const wg of workgroups) {
    let first = true;
    for (const user of users) {
      if (user.kind === 'external' && !wg.extranet) continue;
      if (!rng.chance(0.4)) continue;
      const status = rng.weighted([
        ['active', 6],
        ['requested', 2],
        ['invited', 2],
      ] as const);
      memberships.push({
        workgroup: wg.key,
        user: user.key,
        role: first ? 'owner' : rng.chance(0.25) ? 'moderator' : 'member',
        status,
      });
      first = false;
    }
  }

  // Items: every type at least twice, the rest at random; invariant-respecting only.
  const itemCount = rng.int(20, 40);
  const types: ItemType[] = [...ITEM_TYPES, ...ITEM_TYPES];
  while (types.length < itemCount) {
    types.push(
      rng.weighted<ItemType>([
        ['documents', 3],
        ['tasks', 2],
        ['events', 2],
        ['posts', 2],
        ['tickets', 3],
        ['announcements', 1],
      ])
    );
  }
  const items: WorldItem[] = types.map((type, i) => {
    const item: WorldItem = { key: `i${i}`, type, extranet: false, workgroup: null, author: null, published: true };
    if (DRAFTABLE.has(type)) item.published = rng.chance(0.85);
    switch (SCOPE_OF[type]) {
      case 'workgroup':
        if (rng.chance(0.65)) {
          const wg = rng.pick(workgroups);
          item.workgroup = wg.key;
          item.extranet = wg.extranet; // SPEC §4 invariant
        } else {
          // Unbound: either flag; intranet ones sometimes left unset (default) or explicitly NULL.
          item.extranet = rng.chance(0.5) ? true : rng.weighted<boolean | null | undefined>([
            [false, 3],
            [undefined, 1],
            [null, 1],
          ]);
        }
        break;
      case 'owner': {
        const author = rng.chance(0.85) ? rng.pick(users) : null;
        item.author = author ? author.key : null;
        // Externals always write extranet: true (§4); others raise either kind of ticket.
        item.extranet = author?.kind === 'external' ? true : rng.chance(0.5);
        break;
      }
      case 'internal':
        item.extranet = undefined;
        break;
    }
    return item;
  });

  // Files (drawn last, so that the rest of each world stays as it was): each attached to a few
  // documents and maybe a workgroup's image (one file per field), or to nothing.
  const freeDocuments = rng.shuffle(items.filter((i) => i.type === 'documents').map((i) => i.key));
  const freeWorkgroups = rng.shuffle(workgroups.map((w) => w.key));
  const files: WorldFile[] = [];
  const fileCount = rng.int(6, 12);
  for (let i = 0; i < fileCount; i++) {
    const file: WorldFile = { key: `f${i}`, documents: [], workgroups: [], uploader: rng.chance(0.75) ? rng.pick(users).key : null };
    if (!rng.chance(0.3)) {
      const count = rng.int(1, 3);
      while (file.documents.length < count && freeDocuments.length > 0) file.documents.push(freeDocuments.pop()!);
      if (rng.chance(0.3) && freeWorkgroups.length > 0) file.workgroups.push(freeWorkgroups.pop()!);
    }
    files.push(file);
  }

  return { seed, prefix, users, workgroups, memberships, items, files };
}
