/** Strapi's error envelope (SPEC §8). */
export interface ApiError {
  status: number;
  name: string;
  message: string;
  details?: { errors?: Array<{ path: string[]; message: string; name: string }> } & Record<string, unknown>;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** The content API's `meta` where it has nothing to add (`{}`, SPEC §6: every answer is `{ data, meta }`). */
export type EmptyMeta = Record<string, never>;

export type WorkgroupRole = 'owner' | 'moderator' | 'member';
export type InviteRole = 'moderator' | 'member';
export type PersonKind = 'external' | 'employee';
export type GroupKey = 'extranet-users' | 'extranet-admins' | 'group-creators' | 'extranet-support';
export const GROUP_KEYS: GroupKey[] = [
  'extranet-users',
  'extranet-admins',
  'group-creators',
  'extranet-support',
];

/** A users-permissions user as the admin pages name them. */
export interface PersonRef {
  id: number;
  username: string;
  email?: string;
  firstname: string | null;
  lastname: string | null;
  company?: string | null;
}

/** A Strapi admin user (the workgroup's managers, an invitation's admin inviter). */
export interface AdminUserRef {
  id: number;
  firstname: string | null;
  lastname: string | null;
  email: string;
}

/** A users-permissions user as the content API shows another person: its public fields (`PUBLIC_USER_FIELDS`). */
export interface PublicPerson {
  id: number;
  documentId: string;
  username: string;
  firstname: string | null;
  lastname: string | null;
  company: string | null;
  position: string | null;
}
