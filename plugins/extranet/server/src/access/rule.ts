/**
 * THE access rule (SPEC §2–§4), and nothing else: who may read which rows of which type, and
 * whether a write leaves an item where its author may read it. Pure: no Strapi, no HTTP.
 * Every door (query engine, document service, admin, the plugin's own services) asks it.
 */
import type { Principal } from './principal';
import type { ScopedTypeConfig } from '../config';
import {
  ACCESS_GROUP_UID,
  ACTIVITY_UID,
  EXTRANET_ROLE,
  INVITATION_UID,
  MEMBERSHIP_UID,
  MESSAGE_UID,
  NOTIFICATION_SETTING_UID,
  OUTBOX_UID,
  PLUGIN_UID_PREFIX,
  REVIEW_DECISION_UID,
  REVIEW_UID,
  TOPIC_UID,
  UPLOAD_FILE_UID,
  USER_UID,
  WORKGROUP_UID,
} from '../constants';

export type Filter = Record<string, unknown>;
/** 'all': no restriction; 'none': nothing is readable; otherwise a Strapi filter to AND in. */
export type ReadScope = 'all' | 'none' | Filter;

export interface Governance {
  scoped: Record<string, ScopedTypeConfig>;
}

const USER = USER_UID;
const EXTRANET_ROLE_TYPE = EXTRANET_ROLE.type;
export const UPLOAD_FILE = UPLOAD_FILE_UID;
const P = PLUGIN_UID_PREFIX;
export const WORKGROUP = WORKGROUP_UID;
/** The plugin's own records: written only by its services, never through the content manager (SPEC §9). */
export const INTERNAL_PLUGIN_TYPES: ReadonlySet<string> = new Set([
  MEMBERSHIP_UID,
  INVITATION_UID,
  ACCESS_GROUP_UID,
  ACTIVITY_UID,
  MESSAGE_UID,
  REVIEW_UID,
  REVIEW_DECISION_UID,
  OUTBOX_UID,
  NOTIFICATION_SETTING_UID,
]);
/** Types no filter or sort of a restricted caller may walk into. */
export const INTERNAL_TYPES: ReadonlySet<string> = new Set([...INTERNAL_PLUGIN_TYPES, USER]);

export const isExtranetAdmin = (p: Principal) => p.groups.has('extranet-admins');
/** The groups that let a person enter the extranet at all (SPEC §2; admins see everything anyway). */
const ACCESS_GROUPS = ['extranet-users', 'extranet-admins'] as const;
export const groupsGrantAccess = (groups: ReadonlySet<string>) =>
  ACCESS_GROUPS.some((key) => groups.has(key));
export const hasExtranetAccess = (p: Principal) => groupsGrantAccess(p.groups);
/** The same, as a filter on users. */
export const extranetAccessFilter = { extranetGroups: { key: { $in: [...ACCESS_GROUPS] } } };
/** A signed-in users-permissions user (not an API token, the public, trusted code or an editor). */
export const isUser = (p: Principal) => p.kind === 'external' || p.kind === 'employee';
/** SPEC §2: the `Extranet` role makes a person external; any other role (or none), an employee. */
export const kindOfUser = (user: { role?: { type?: string | null } | null }): 'external' | 'employee' =>
  user.role?.type === EXTRANET_ROLE_TYPE ? 'external' : 'employee';
/** The same, as a filter on users. */
export const userKindFilter = (kind: 'external' | 'employee'): Filter =>
  kind === 'external'
    ? { role: { type: EXTRANET_ROLE_TYPE } }
    : { $or: [{ role: { type: { $ne: EXTRANET_ROLE_TYPE } } }, { role: { id: { $null: true } } }] };
/** Callers the rule never restricts: trusted code, admin-panel users (RBAC governs them), extranet admins. */
export const isUnrestricted = (p: Principal) =>
  p.kind === 'system' || p.kind === 'admin-panel' || (isUser(p) && isExtranetAdmin(p));
/** Trusted server code and admin-panel users: the rule's invariants still hold for them, RBAC does the rest. */
export const isTrusted = (p: Principal) => p.kind === 'system' || p.kind === 'admin-panel';

/* ---- item conditions: one definition, read both as a filter and as a predicate on a row ---- */

type Condition =
  | boolean
  | { site: boolean }
  /** the item's workgroup is one of `ids` — or it has none, when `orNone` */
  | { workgroup: { ids: number[]; orNone: boolean } }
  /** the item's audience (see `itemAudience`) is one of these */
  | { audience: number[] }
  | { author: number }
  | { or: Condition[] }
  | { and: Condition[] };

/* ---- audiences: who may read a row, by site and workgroup, as one number ---- */

/** Intranet content, whatever its workgroup (an intranet workgroup's rows, for its own activity). */
export const INTRANET_AUDIENCE = 0;
/** Extranet content of no workgroup: every partner's. */
export const SITE_WIDE_EXTRANET_AUDIENCE = -1;

/**
 * The audience of an item of a workgroup-mode type, stored by the plugin on the row
 * (`extranetAudience`, see access/audience.ts): 0 = intranet (flag false or unset, any
 * workgroup), -1 = site-wide extranet, otherwise the id of its workgroup (an extranet item).
 * It follows from the row's own flag and workgroup, so the workgroup's flag never needs copying.
 */
export const itemAudience = (row: Pick<ItemState, 'extranet' | 'workgroupId'>): number =>
  row.extranet !== true ? INTRANET_AUDIENCE : (row.workgroupId ?? SITE_WIDE_EXTRANET_AUDIENCE);

/**
 * The audience of a row hung on a workgroup (activity): 0 = an intranet workgroup's, otherwise the
 * extranet workgroup's id; null without a workgroup (readable by unrestricted callers only).
 */
export const workgroupAudience = (
  workgroup: { id: number; extranet: boolean | null } | null,
): number | null => (workgroup ? (workgroup.extranet === true ? workgroup.id : INTRANET_AUDIENCE) : null);

/** SPEC §4 table, workgroup mode, as the audiences the caller reads. */
const workgroupItemCondition = (p: Principal): Condition => {
  if (isUnrestricted(p)) return true;
  // Partners: site-wide extranet items and their workgroups' (extranet items only).
  if (p.kind === 'external') {
    return hasExtranetAccess(p) ? { audience: [SITE_WIDE_EXTRANET_AUDIENCE, ...p.workgroupIds] } : false;
  }
  // Employees in the extranet: intranet items, items of no workgroup, and their workgroups'.
  if (p.kind === 'employee' && hasExtranetAccess(p)) {
    return { audience: [INTRANET_AUDIENCE, SITE_WIDE_EXTRANET_AUDIENCE, ...p.workgroupIds] };
  }
  return { audience: [INTRANET_AUDIENCE] };
};

/**
 * SPEC §4, owner mode: author, support (extranet items), admins; intranet items as UP says.
 * Extranet items need extranet access even for their author (SPEC §2: outside `extranet-users`
 * a user sees no extranet content).
 */
const ownerItemCondition = (p: Principal): Condition => {
  if (isUnrestricted(p)) return true;
  const mine = p.userId ? { author: p.userId } : false;
  const inExtranet = hasExtranetAccess(p);
  if (p.kind === 'external') return inExtranet ? { and: [{ site: true }, mine] } : false;
  if (p.kind === 'employee') {
    if (!inExtranet) return { site: false };
    return p.groups.has('extranet-support') ? true : { or: [{ site: false }, mine] };
  }
  return { site: false };
};

export const itemCondition = (p: Principal, config: ScopedTypeConfig): Condition =>
  config.mode === 'owner' ? ownerItemCondition(p) : workgroupItemCondition(p);

const NOTHING: Filter = { id: { $in: [] } };

/**
 * How the relation leaves of a condition are written as a filter. The default walks the
 * relations (`{ workgroup: { id: ... } }`), which the query engine answers with joins; the
 * query door passes leaves written as subqueries on the link tables instead (no join, so no
 * DISTINCT over the whole table): same meaning, cheaper plan.
 */
export interface ConditionLeaves {
  workgroup: (ids: number[], orNone: boolean) => Filter;
  author: (field: string, userId: number) => Filter;
  /** rows whose to-one `relation` points to a row matching `filter` */
  related: (relation: string, filter: Filter) => Filter;
  /**
   * rows whose stored audience is one of `audiences`: given by the query door for the types that
   * carry the column (one indexed predicate); without it the audience is written with the site
   * flag and the workgroup relation
   */
  audience?: (audiences: number[]) => Filter;
  /** files only: where they are attached (see FileAttachments); without it files are closed to restricted callers */
  files?: FileAttachments;
}

export const relationLeaves: ConditionLeaves = {
  workgroup: (ids, orNone) =>
    orNone
      ? { workgroup: { $or: [{ id: { $null: true } }, { id: { $in: ids } }] } }
      : { workgroup: { id: { $in: ids } } },
  author: (field, userId) => ({ [field]: { id: { $eq: userId } } }),
  related: (relation, filter) => ({ [relation]: filter }),
};

const conditionToFilter = (c: Condition, authorField: string, leaves: ConditionLeaves): Filter | boolean => {
  if (typeof c === 'boolean') return c;
  if ('site' in c) {
    // NULL counts as intranet: rows written before the plugin was installed are internal.
    return c.site
      ? { extranet: { $eq: true } }
      : { $or: [{ extranet: { $eq: false } }, { extranet: { $null: true } }] };
  }
  if ('workgroup' in c) return leaves.workgroup(c.workgroup.ids, c.workgroup.orNone);
  if ('audience' in c) {
    if (leaves.audience) return leaves.audience(c.audience);
    const extranetIn = (where: Condition): Condition => ({ and: [{ site: true }, where] });
    const ids = c.audience.filter((a) => a > 0);
    const parts: Condition[] = [];
    if (c.audience.includes(INTRANET_AUDIENCE)) parts.push({ site: false });
    if (c.audience.includes(SITE_WIDE_EXTRANET_AUDIENCE))
      parts.push(extranetIn({ workgroup: { ids: [], orNone: true } }));
    if (ids.length) parts.push(extranetIn({ workgroup: { ids, orNone: false } }));
    return conditionToFilter({ or: parts }, authorField, leaves);
  }
  if ('author' in c) return leaves.author(authorField, c.author);
  const parts = ('or' in c ? c.or : c.and).map((x) => conditionToFilter(x, authorField, leaves));
  if ('or' in c) {
    if (parts.includes(true)) return true;
    const rest = parts.filter((x) => x !== false) as Filter[];
    return rest.length === 0 ? false : rest.length === 1 ? rest[0] : { $or: rest };
  }
  if (parts.includes(false)) return false;
  const rest = parts.filter((x) => x !== true) as Filter[];
  return rest.length === 0 ? true : rest.length === 1 ? rest[0] : { $and: rest };
};

export interface ItemState {
  extranet: boolean | null;
  workgroupId: number | null;
  authorId: number | null;
}

const matches = (c: Condition, row: ItemState): boolean => {
  if (typeof c === 'boolean') return c;
  if ('site' in c) return c.site ? row.extranet === true : row.extranet !== true;
  if ('workgroup' in c) {
    return row.workgroupId === null ? c.workgroup.orNone : c.workgroup.ids.includes(row.workgroupId);
  }
  if ('audience' in c) return c.audience.includes(itemAudience(row));
  if ('author' in c) return row.authorId === c.author;
  if ('or' in c) return c.or.some((x) => matches(x, row));
  return c.and.every((x) => matches(x, row));
};

/** Whether the caller may read an item in this state (used to check the result of a write). */
export const canReadItem = (p: Principal, config: ScopedTypeConfig, row: ItemState) =>
  matches(itemCondition(p, config), row);

/* ---- the plugin's own types ---- */

const intranetWorkgroup: Filter = { $or: [{ extranet: { $eq: false } }, { extranet: { $null: true } }] };

/** SPEC §3, as the workgroup audiences the caller reads (see `workgroupAudience`); 'all' for the unrestricted. */
const readableWorkgroups = (p: Principal): number[] | 'all' => {
  if (isUnrestricted(p)) return 'all';
  // Extranet workgroups for their active members; intranet ones for employees.
  if (p.kind === 'external') return hasExtranetAccess(p) ? [...p.workgroupIds] : [];
  if (p.kind === 'employee')
    return hasExtranetAccess(p) ? [INTRANET_AUDIENCE, ...p.workgroupIds] : [INTRANET_AUDIENCE];
  return [];
};

/** The workgroups whose audience is one of `audiences`. */
const workgroupsOf = (audiences: number[]): ReadScope => {
  const ids = audiences.filter((a) => a > 0);
  const parts: Filter[] = [];
  if (audiences.includes(INTRANET_AUDIENCE)) parts.push(intranetWorkgroup);
  if (ids.length) parts.push({ $and: [{ extranet: { $eq: true } }, { id: { $in: ids } }] });
  return parts.length === 0 ? 'none' : parts.length === 1 ? parts[0] : { $or: parts };
};

/** SPEC §3: extranet workgroups for their active members; intranet ones for employees. */
export const workgroupScope = (p: Principal): ReadScope => {
  const audiences = readableWorkgroups(p);
  return audiences === 'all' ? 'all' : workgroupsOf(audiences);
};

const within = (relation: string, scope: ReadScope, leaves: ConditionLeaves): ReadScope =>
  scope === 'all' || scope === 'none' ? scope : leaves.related(relation, scope);

/**
 * SPEC §3, §10: only an active membership that has not expired grants anything. Expiry is a
 * comparison with the clock, so access ends at that instant on every node with no job to run.
 */
export const grantingMembership = (where: Filter = {}, now: Date = new Date()): Filter => ({
  // Operators only at this level: the query engine refuses operators mixed with fields in a relation filter.
  $and: [
    { status: { $eq: 'active' } },
    { $or: [{ expiresAt: { $null: true } }, { expiresAt: { $gt: now } }] },
    where,
  ],
});

/** The same, of one membership row. */
export const isGrantingMembership = (
  m: { status?: string | null; expiresAt?: string | number | Date | null } | null | undefined,
  now: Date = new Date(),
) => Boolean(m && m.status === 'active' && (!m.expiresAt || new Date(m.expiresAt).getTime() > now.getTime()));

/** Externals are extranet content (SPEC §4): never listed to tokens, anonymous callers or employees outside the extranet. */
const notExternal: Filter = { role: { type: { $ne: 'extranet' } } };

const userScope = (p: Principal): ReadScope => {
  if (p.kind === 'employee') return hasExtranetAccess(p) ? 'all' : notExternal;
  if (p.kind !== 'external') return notExternal;
  // Partners see themselves, the people marked visible to all, and co-members; nobody else.
  const me = { id: { $eq: p.userId } };
  if (!hasExtranetAccess(p)) return me;
  return {
    $or: [
      me,
      { visibleToAllExtranet: { $eq: true } },
      { extranetMemberships: grantingMembership({ workgroup: { id: { $in: p.workgroupIds } } }) },
    ],
  };
};

const pluginTypeScope = (p: Principal, uid: string, leaves: ConditionLeaves): ReadScope => {
  if (isUnrestricted(p)) return 'all';
  switch (uid) {
    case WORKGROUP:
      return workgroupScope(p);
    case MEMBERSHIP_UID:
      return within('workgroup', workgroupScope(p), leaves);
    case ACTIVITY_UID: {
      // Activity rows carry their workgroup's audience where the query door can read it.
      const audiences = readableWorkgroups(p);
      if (audiences === 'all') return 'all';
      return leaves.audience
        ? leaves.audience(audiences)
        : within('workgroup', workgroupsOf(audiences), leaves);
    }
    case TOPIC_UID:
      return !isUser(p) || (p.kind === 'external' && !hasExtranetAccess(p)) ? 'none' : 'all';
    case INVITATION_UID:
      return isUser(p) ? { workgroup: { id: { $in: p.managedWorkgroupIds } } } : 'none';
    case ACCESS_GROUP_UID:
      return isUser(p) ? { key: { $in: [...p.groups] } } : 'none';
    case MESSAGE_UID:
      return isUser(p)
        ? { $or: [{ sender: { id: { $eq: p.userId } } }, { recipient: { id: { $eq: p.userId } } }] }
        : 'none';
    default:
      return 'none';
  }
};

/** What the caller may read of `uid`. */
export const readScope = (
  p: Principal,
  uid: string,
  governance: Governance,
  leaves: ConditionLeaves = relationLeaves,
): ReadScope => {
  if (p.kind === 'system') return 'all';
  // Content editors are governed by RBAC; the plugin's records are not theirs to browse (SPEC §9),
  // except the extranet groups they grant in a user's edit view.
  if (p.kind === 'admin-panel')
    return INTERNAL_PLUGIN_TYPES.has(uid) && uid !== `${P}access-group` ? 'none' : 'all';
  const scoped = governance.scoped[uid];
  if (scoped) {
    const filter = conditionToFilter(itemCondition(p, scoped), scoped.authorField ?? 'author', leaves);
    return filter === true ? 'all' : filter === false ? 'none' : filter;
  }
  if (uid.startsWith(P)) {
    // Private conversations stay private, even from extranet admins.
    if (uid === `${P}message` && isExtranetAdmin(p)) {
      return { $or: [{ sender: { id: { $eq: p.userId } } }, { recipient: { id: { $eq: p.userId } } }] };
    }
    return pluginTypeScope(p, uid, leaves);
  }
  if (uid === USER) return userScope(p);
  if (uid === UPLOAD_FILE)
    return leaves.files ? fileScope(p, governance, leaves.files) : isUnrestricted(p) ? 'all' : 'none';
  // Content outside the plugin's control is internal: never for externals (SPEC §2).
  if (p.kind === 'external' && uid.startsWith('api::')) return 'none';
  return 'all';
};

export const asFilter = (scope: ReadScope): Filter | null =>
  scope === 'all' ? null : scope === 'none' ? NOTHING : scope;

/* ---- writes ---- */

export interface WriteVerdict {
  status: 400 | 403 | 404 | 409;
  name?: string;
  message: string;
  field?: string;
}

export interface WorkgroupState {
  id: number;
  extranet: boolean;
  archived: boolean;
}

/** An item as stored: what a write is judged on. */
export interface StoredItem extends ItemState {
  workgroup: WorkgroupState | null;
}

/**
 * Judges a write of a scoped item. `before` is the stored item (already known readable), `after`
 * what the write stored (null for a delete, or before the write runs). Returns null when allowed.
 */
export const checkItemWrite = (
  p: Principal,
  config: ScopedTypeConfig,
  before: StoredItem | null,
  after: StoredItem | null,
): WriteVerdict | null => {
  if (after && after.workgroup && Boolean(after.extranet) !== after.workgroup.extranet) {
    return {
      status: 400,
      message: after.workgroup.extranet
        ? 'must be true for an item of an extranet workgroup'
        : 'must be false for an item of an intranet workgroup',
      field: 'extranet',
    };
  }
  if (p.kind === 'system') return null;
  // SPEC §3: read-only for everyone but extranet admins, content editors included.
  const archived = (before?.workgroup?.archived || after?.workgroup?.archived) && !isExtranetAdmin(p);
  if (archived)
    return {
      status: 409,
      name: 'WorkgroupArchived',
      message: 'The workgroup is archived: its items are read-only',
    };
  if (p.kind === 'admin-panel') return null;
  if (after && p.kind === 'external' && after.extranet !== true) {
    return {
      status: 400,
      message: 'must be true: extranet users write extranet content only',
      field: 'extranet',
    };
  }
  if (config.mode === 'workgroup' && p.kind === 'external' && !isExtranetAdmin(p)) {
    // Partners write into their workgroups. Site-wide extranet content speaks to every partner:
    // writing it, or moving it into a workgroup (hiding it from all the others), is the company's.
    if (before && !before.workgroup)
      return { status: 403, message: 'Site-wide extranet items are written by employees' };
    if (after && !after.workgroup)
      return { status: 400, message: 'is required: choose one of your workgroups', field: 'workgroup' };
  }
  if (after && !canReadItem(p, config, after)) {
    return { status: 403, message: 'You may not write an item you could not read' };
  }
  return null;
};

/** One stored row of a document (its draft or published version in a locale); does the writer read it. */
export interface DocumentVersion {
  locale: string | null;
  published: boolean;
  /** the read door's answer for the writer (the rule, and an editor's RBAC) */
  readable: boolean;
}

const versionKey = (v: DocumentVersion) => `${v.published ? 'published' : 'draft'}:${v.locale ?? ''}`;

/**
 * Judges a document-level write (update, publish, unpublish, discard, delete, clone) on the rows
 * of the document: Strapi's steps that replace or remove "the other version" read through the
 * writer's scope, so a row the writer cannot read would be skipped and the write stored half.
 * `before`: the rows before the write; `after`: the rows once written (null: the write has not run).
 * A document is written only by someone who reads all of it (403 when it reads part of it, 404
 * when none, like a missing one); a write never leaves a locale with more drafts or published
 * versions than one, unless it found it so (a document split before this rule can be repaired).
 */
export const checkDocumentVersions = (
  before: DocumentVersion[],
  after: DocumentVersion[] | null,
): WriteVerdict | null => {
  const rows = after ?? before;
  const none = !after && rows.length > 0 && !rows.some((v) => v.readable);
  if (none) return { status: 404, message: 'Not Found' };
  if (rows.some((v) => !v.readable)) {
    return {
      status: 403,
      message: 'This document has a version you may not read: only someone who reads all of it may write it',
    };
  }
  if (!after) return null;
  const count = (list: DocumentVersion[], key: string) => list.filter((v) => versionKey(v) === key).length;
  const doubled = after.some((v) => count(after, versionKey(v)) > Math.max(1, count(before, versionKey(v))));
  return doubled
    ? {
        status: 409,
        name: 'DocumentConflict',
        message: 'The write would leave the document with two versions of the same status',
      }
    : null;
};

/** Writes to the plugin's own types go through its services (as system); direct writes need admin rights. */
export const mayWritePluginTypeDirectly = (p: Principal) => isUnrestricted(p);

/** Content outside the plugin's control is never writable by externals. */
export const mayWriteUngoverned = (p: Principal, uid: string) =>
  !(p.kind === 'external' && uid.startsWith('api::'));

/* ---- files (SPEC §4 "Files") ---- */

/**
 * Who supplied a file's current bytes, kept by the plugin on the file row (content-API uploads
 * set no `createdBy`): the users-permissions user id, and whether that user was an external.
 */
export const FILE_UPLOADER = 'extranetUploader';
export const FILE_UPLOADER_EXTERNAL = 'extranetUploaderExternal';

/**
 * Where files are attached, as the door writes it (Strapi's morph table `files_related_mph`
 * links a file to rows of any type with a media field; the rule only names types and filters).
 */
export interface FileAttachments {
  /** the types whose rows can hold files (their media fields), components included */
  holderTypes: string[];
  /** the caller's read scope of a holder type */
  scopeOf: (uid: string) => ReadScope;
  /** files attached to at least one row of `uid` that `filter` admits (null: any row) */
  attachedTo: (uid: string, filter: Filter | null) => Filter;
  /** files attached to nothing */
  unattached: Filter;
}

/** Types whose rows the rule governs: scoped content, the plugin's own types, users. */
const isGovernedType = (uid: string, governance: Governance) =>
  Boolean(governance.scoped[uid]) || uid.startsWith(P) || uid === USER;

const notAnExternalUpload: Filter = {
  $or: [{ [FILE_UPLOADER_EXTERNAL]: { $eq: false } }, { [FILE_UPLOADER_EXTERNAL]: { $null: true } }],
};

/**
 * A file attached to items is readable by whoever reads one of them; one attached to nothing is
 * its external uploader's (and extranet admins'), otherwise Strapi's as before but never an
 * external's. Content outside the plugin's control keeps Strapi's behaviour, never for externals.
 */
const fileScope = (p: Principal, governance: Governance, files: FileAttachments): ReadScope => {
  if (isUnrestricted(p)) return 'all';
  const readable: Filter[] = [];
  for (const uid of files.holderTypes) {
    const scope = isGovernedType(uid, governance)
      ? files.scopeOf(uid)
      : p.kind === 'external'
        ? 'none'
        : 'all';
    if (scope !== 'none') readable.push(files.attachedTo(uid, scope === 'all' ? null : scope));
  }
  const mine: Filter | null = p.userId ? { [FILE_UPLOADER]: { $eq: p.userId } } : null;
  const unattached =
    p.kind === 'external' ? mine : mine ? { $or: [notAnExternalUpload, mine] } : notAnExternalUpload;
  if (unattached) readable.push({ $and: [files.unattached, unattached] });
  return readable.length === 0 ? 'none' : readable.length === 1 ? readable[0] : { $or: readable };
};

/** Extranet content among the rows of `uid` (SPEC §4: flagged items, extranet workgroups, externals); null: none. */
const extranetContent = (uid: string, governance: Governance): Filter | null => {
  if (governance.scoped[uid] || uid === WORKGROUP) return { extranet: { $eq: true } };
  if (uid === USER) return { role: { type: { $eq: 'extranet' } } };
  return null;
};

/**
 * Files whose bytes are served only through signed URLs (SPEC §4): attached to extranet content,
 * or uploaded by an external and attached to nothing. Everything else keeps Strapi's plain URL.
 */
export const governedFileFilter = (
  governance: Governance,
  files: Omit<FileAttachments, 'scopeOf'>,
): Filter => {
  const parts: Filter[] = [];
  for (const uid of files.holderTypes) {
    const filter = extranetContent(uid, governance);
    if (filter) parts.push(files.attachedTo(uid, filter));
  }
  parts.push({ $and: [files.unattached, { [FILE_UPLOADER_EXTERNAL]: { $eq: true } }] });
  return { $or: parts };
};

/**
 * Changing a file attached to an item (its info, its bytes, deleting it) or attaching a new upload
 * to the item is a write of the item that changes nothing else.
 */
export const checkItemAttachmentWrite = (
  p: Principal,
  config: ScopedTypeConfig,
  item: StoredItem,
): WriteVerdict | null => checkItemWrite(p, config, item, item);

/** A file attached to nothing changes only for its uploader (and the unrestricted). */
export const mayChangeUnattachedFile = (p: Principal, uploaderId: number | null) =>
  isUnrestricted(p) || (p.userId !== null && uploaderId === p.userId);

/** Files attached to a person (a media field on users) change only for that person. */
export const mayChangePersonFiles = (p: Principal, userId: number) =>
  isUnrestricted(p) || p.userId === userId;

/* ---- workgroup life (SPEC §3, §6) ---- */

export type WorkgroupRole = 'owner' | 'moderator' | 'member';

/** SPEC §3: extranet admins, or `extranet-users` + `group-creators`; intranet groups are for employees. */
export const canCreateWorkgroup = (p: Principal, extranet: boolean) => {
  if (!isUser(p)) return false;
  if (isExtranetAdmin(p)) return true;
  if (!p.groups.has('group-creators')) return false;
  return extranet ? hasExtranetAccess(p) : p.kind === 'employee';
};

/**
 * What the caller may do to a workgroup it can read, given its own active role there (or null).
 * Archived groups are read-only for everyone but extranet admins.
 */
export const workgroupPowers = (p: Principal, role: WorkgroupRole | null, archived: boolean) => {
  const admin = isExtranetAdmin(p);
  const live = !archived || admin;
  const manager = admin || role === 'owner' || role === 'moderator';
  return {
    /** invite, cancel invitations, confirm join requests, remove members */
    manageMembers: live && manager,
    /** promote to moderator, demote, transfer ownership */
    changeRoles: live && manager,
    promoteModerators: live && (admin || role === 'owner'),
    edit: live && manager,
    leave: live && role !== null,
    archive: admin || role === 'owner',
    remove: admin || role === 'owner',
  };
};

/** SPEC §10: the sponsor, the owner, moderators and extranet admins renew a membership (not in an archived group). */
export const canRenewMembership = (
  p: Principal,
  role: WorkgroupRole | null,
  archived: boolean,
  sponsorId: number | null,
) =>
  workgroupPowers(p, role, archived).manageMembers ||
  (!archived && p.userId !== null && sponsorId === p.userId);

/**
 * SPEC §6 contacts: beyond the people of its own workgroups, whom the caller may reach among
 * the people with extranet access — a partner only the `visibleToAllExtranet` ones.
 */
export const reachablePeople = (p: Principal): Filter =>
  p.kind === 'external' ? { visibleToAllExtranet: true } : {};

/** SPEC §6 messages: employees always; with an external, a shared extranet group and one employee; or a visible-to-all person. */
export const canMessage = (
  sender: { kind: 'external' | 'employee'; extranet: boolean },
  recipient: { kind: 'external' | 'employee'; extranet: boolean; visibleToAllExtranet: boolean },
  shareActiveExtranetWorkgroup: boolean,
) => {
  if (sender.kind === 'employee' && recipient.kind === 'employee') return true;
  if (sender.extranet && recipient.extranet && recipient.visibleToAllExtranet) return true;
  const oneEmployee = sender.kind === 'employee' || recipient.kind === 'employee';
  return oneEmployee && sender.extranet && recipient.extranet && shareActiveExtranetWorkgroup;
};
