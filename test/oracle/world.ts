/**
 * An abstract world, as plain data: who exists, which workgroups, who belongs where, which items.
 * Keys are local names chosen by the generator; the test maps them to real ids after writing.
 */
export type Kind = 'employee' | 'external';
export type GroupKey = 'extranet-users' | 'extranet-admins' | 'group-creators' | 'extranet-support';
export type MembershipStatus = 'active' | 'requested' | 'invited';

/** Content types of the demo intranet, by their short REST name. */
export type ItemType = 'documents' | 'tasks' | 'events' | 'posts' | 'tickets' | 'announcements';
export const ITEM_TYPES: ItemType[] = ['documents', 'tasks', 'events', 'posts', 'tickets', 'announcements'];

/** How SPEC §4 / §7 put each type under the plugin's control. */
export type Scope = 'workgroup' | 'owner' | 'internal';
export const SCOPE_OF: Record<ItemType, Scope> = {
  documents: 'workgroup',
  tasks: 'workgroup',
  events: 'workgroup',
  posts: 'workgroup',
  tickets: 'owner',
  announcements: 'internal',
};
/** Types with draft & publish: REST lists only the published version by default. */
export const DRAFTABLE: ReadonlySet<ItemType> = new Set<ItemType>(['posts']);

/** Labels for reporting; the rule itself only looks at kind and groups. */
export type CallerClass =
  | 'anonymous'
  | 'api-token'
  | 'external'
  | 'external+extranet-users'
  | 'employee'
  | 'employee+extranet-users'
  | 'extranet-admin'
  | 'support';

export interface WorldUser {
  key: string;
  kind: Kind;
  groups: GroupKey[];
  visibleToAllExtranet: boolean;
  label: CallerClass;
}

export interface WorldWorkgroup {
  key: string;
  extranet: boolean;
  archived: boolean;
}

export interface WorldMembership {
  workgroup: string;
  user: string;
  role: 'owner' | 'moderator' | 'member';
  status: MembershipStatus;
}

export interface WorldItem {
  key: string;
  type: ItemType;
  /** the stored site flag; null/undefined are stored as "not set" */
  extranet: boolean | null | undefined;
  /** workgroup key (workgroup-mode types only) */
  workgroup: string | null;
  /** user key (tickets only) */
  author: string | null;
  /** draftable types: false = draft only */
  published: boolean;
}

/** A file of the media library: the `file` of documents, the `image` of workgroups, or attached to nothing. */
export interface WorldFile {
  key: string;
  /** keys of the documents it is the file of */
  documents: string[];
  /** keys of the workgroups it is the image of */
  workgroups: string[];
  /** the user who uploaded it, or null (an editor in the admin panel, server code) */
  uploader: string | null;
}

export interface World {
  seed: number;
  prefix: string;
  users: WorldUser[];
  workgroups: WorldWorkgroup[];
  memberships: WorldMembership[];
  items: WorldItem[];
  files: WorldFile[];
}

export type Caller = { via: 'anonymous' } | { via: 'api-token' } | { via: 'user'; user: string };
