/**
 * Reference rule for reads, written from SPEC §2–§4 (and the permissions of §7 plus what the
 * property test grants to the Public role). It is deliberately independent of the plugin: it
 * imports nothing from plugins/extranet and is organised around "what does this caller reach?"
 * instead of the plugin's filter-building.
 *
 *  §2  kind = external when the users-permissions role is Extranet, employee otherwise.
 *      `extranet-users` is the door to the extranet: without it no extranet content and no
 *      extranet workgroup. `extranet-admins` see everything. `extranet-support` see every
 *      extranet ticket. Content outside the plugin's control is never readable by externals.
 *  §3  An extranet workgroup is visible to its ACTIVE members (with extranet access) and to
 *      extranet admins; an intranet workgroup to employees, never to externals. Archiving does
 *      not take read access away.
 *  §4  The site flag (NULL = not set = intranet) and the per-caller table; owner mode for tickets.
 *      An unreadable item answers 404 like a missing one, never 403.
 *  §4 Files: a file attached to items is readable by whoever reads one of them; attached to
 *      nothing, an external's upload is its uploader's (and extranet admins'), any other file is
 *      everyone's but externals'. Populating a file's `related` shows only readable items.
 */
import {
  DRAFTABLE,
  SCOPE_OF,
  type Caller,
  type ItemType,
  type World,
  type WorldFile,
  type WorldItem,
  type WorldWorkgroup,
} from './world';

/** Routes the callers' roles (or token) open, independently of the rule. */
export type Route = ItemType | 'workgroups';

/**
 * Who may call which route at all (users-permissions role / token), as the brief describes:
 * - Public role: find/findOne on documents and tickets (granted by the property test).
 * - API token (read-only): every find/findOne route. Whether the plugin's own workgroup routes
 *   accept a token is not pinned down by the spec (§6 says none of them is open to anonymous
 *   callers, §4 says a token is treated like an anonymous caller): both 200 (with nothing
 *   readable) and 403 are accepted there.
 * - Authenticated (employees): the six demo types and the workgroup routes.
 * - Extranet (externals): the five scoped types and the workgroup routes, not announcements.
 */
export function allowedStatuses(world: World, caller: Caller, route: Route): number[] {
  if (caller.via === 'anonymous') return route === 'documents' || route === 'tickets' ? [200] : [403];
  if (caller.via === 'api-token') return route === 'workgroups' ? [200, 403] : [200];
  const user = userOf(world, caller);
  if (user.kind === 'external' && route === 'announcements') return [403];
  return [200];
}

/** What the caller can reach, worked out once per caller. */
interface Reach {
  isUser: boolean;
  userKey: string | null;
  employee: boolean;
  external: boolean;
  /** may enter the extranet at all (§2 `extranet-users`) */
  inExtranet: boolean;
  /** sees everything (§2 `extranet-admins`) */
  admin: boolean;
  /** sees every extranet ticket (§2 `extranet-support`) */
  support: boolean;
  /** workgroups where the caller's membership is active (requested/invited grant nothing) */
  activeIn: Set<string>;
}

function userOf(world: World, caller: Extract<Caller, { via: 'user' }>) {
  const user = world.users.find((u) => u.key === caller.user);
  if (!user) throw new Error(`oracle: unknown user ${caller.user}`);
  return user;
}

function reachOf(world: World, caller: Caller): Reach {
  if (caller.via !== 'user') {
    // Anonymous and API-token callers: no identity, no groups, no memberships.
    return { isUser: false, userKey: null, employee: false, external: false, inExtranet: false, admin: false, support: false, activeIn: new Set() };
  }
  const user = userOf(world, caller);
  const has = (g: string) => user.groups.includes(g as any);
  return {
    isUser: true,
    userKey: user.key,
    employee: user.kind === 'employee',
    external: user.kind === 'external',
    inExtranet: has('extranet-users'),
    admin: has('extranet-admins'),
    support: has('extranet-support'),
    activeIn: new Set(
      world.memberships.filter((m) => m.user === user.key && m.status === 'active').map((m) => m.workgroup)
    ),
  };
}

const isExtranetContent = (item: WorldItem) => item.extranet === true;

function workgroupByKey(world: World, key: string): WorldWorkgroup {
  const wg = world.workgroups.find((w) => w.key === key);
  if (!wg) throw new Error(`oracle: unknown workgroup ${key}`);
  return wg;
}

/** §3: may the caller see this workgroup? */
function seesWorkgroup(reach: Reach, wg: WorldWorkgroup): boolean {
  if (reach.admin) return true;
  if (!wg.extranet) return reach.employee;
  return reach.inExtranet && reach.activeIn.has(wg.key);
}

/** §4 table, workgroup mode. */
function seesWorkgroupItem(reach: Reach, item: WorldItem): boolean {
  if (reach.admin) return true;
  if (!isExtranetContent(item)) {
    // Intranet content: anonymous/token "as users-permissions says" (the route was allowed),
    // employees always, externals never.
    return !reach.external;
  }
  // Extranet content: only through the extranet door, and inside a workgroup only as an active member.
  if (!reach.inExtranet) return false;
  return item.workgroup === null || reach.activeIn.has(item.workgroup);
}

/** §4 owner mode (tickets). */
function seesOwnedItem(reach: Reach, item: WorldItem): boolean {
  if (reach.admin) return true;
  if (!isExtranetContent(item)) {
    // Intranet tickets: employees (and the anonymous/token caller) as users-permissions says.
    return !reach.external;
  }
  if (!reach.inExtranet) return false;
  if (reach.support) return true;
  return reach.userKey !== null && item.author === reach.userKey;
}

/** Content outside the plugin: never for externals, otherwise as the role / token says. */
function seesInternalItem(reach: Reach): boolean {
  return !reach.external;
}

export interface Expectation {
  /** acceptable HTTP statuses of the list and of any findOne the route would authorise */
  statuses: number[];
  /** keys of the world's items of this type that a REST list returns (when 200) */
  readable: Set<string>;
}

export class ReferenceRule {
  private readonly reach: Reach;
  constructor(private readonly world: World, private readonly caller: Caller) {
    this.reach = reachOf(world, caller);
  }

  statuses(route: Route): number[] {
    return allowedStatuses(this.world, this.caller, route);
  }

  /** May the caller read this item through the REST API (published version for draftable types)? */
  canReadItem(item: WorldItem): boolean {
    if (DRAFTABLE.has(item.type) && !item.published) return false;
    switch (SCOPE_OF[item.type]) {
      case 'workgroup':
        return seesWorkgroupItem(this.reach, item);
      case 'owner':
        return seesOwnedItem(this.reach, item);
      case 'internal':
        return seesInternalItem(this.reach);
    }
  }

  canReadWorkgroup(key: string): boolean {
    return seesWorkgroup(this.reach, workgroupByKey(this.world, key));
  }

  itemsOf(type: ItemType): Expectation {
    return {
      statuses: this.statuses(type),
      readable: new Set(this.world.items.filter((i) => i.type === type && this.canReadItem(i)).map((i) => i.key)),
    };
  }

  /** §4 Files: may the caller read this file through /api/upload/files? */
  canReadFile(file: WorldFile): boolean {
    if (this.reach.admin) return true;
    if (file.documents.length > 0 || file.workgroups.length > 0) {
      const related = this.relatedOf(file);
      return related.documents.length > 0 || related.workgroups.length > 0;
    }
    const uploader = file.uploader === null ? null : this.world.users.find((u) => u.key === file.uploader);
    if (uploader?.kind === 'external') return this.reach.userKey === uploader.key;
    return !this.reach.external;
  }

  /** The items a file is attached to that the caller may read (what `populate=related` may show). */
  relatedOf(file: WorldFile): { documents: string[]; workgroups: string[] } {
    const item = (key: string) => {
      const found = this.world.items.find((i) => i.key === key);
      if (!found) throw new Error(`oracle: unknown item ${key}`);
      return found;
    };
    return {
      documents: file.documents.filter((key) => seesWorkgroupItem(this.reach, item(key))),
      workgroups: file.workgroups.filter((key) => this.canReadWorkgroup(key)),
    };
  }

  files(): Expectation {
    // The property test lets every caller list files: the rule alone decides.
    return { statuses: [200], readable: new Set(this.world.files.filter((f) => this.canReadFile(f)).map((f) => f.key)) };
  }

  workgroups(): Expectation {
    return {
      statuses: this.statuses('workgroups'),
      readable: new Set(this.world.workgroups.filter((w) => this.canReadWorkgroup(w.key)).map((w) => w.key)),
    };
  }
}
