import type { ApiError, EmptyMeta, PersonKind, WorkgroupRole } from './common';
import type { Seats } from './seats';

/** "Why?" (SPEC §10): the rule's verdict for one person and one item, and the clause that decides. */
export type ExplainReason =
  | 'extranet-admin'
  | 'intranet-item'
  | 'site-wide-extranet'
  | 'workgroup-member'
  | 'no-extranet-access'
  | 'not-a-member'
  | 'author'
  | 'support'
  | 'membership-expired'
  | 'blocked';

export interface Explanation {
  allowed: boolean;
  reason: ExplainReason;
}

/** /extranet/manage/explain and GET /api/extranet/explain (extranet admins) */
export declare namespace GetExplanation {
  export interface Request {
    query: { user: number; type: string; documentId: string };
  }
  export interface Response {
    data: Explanation;
    /** the content API's answer has an empty one */
    meta?: EmptyMeta;
    error?: ApiError;
  }
}

/** A users-permissions user the governance pickers offer ("Why?", "View as…"). */
export interface GovernancePerson {
  id: number;
  username: string;
  email: string;
  firstname: string | null;
  lastname: string | null;
  kind: PersonKind;
  blocked: boolean;
}

export declare namespace GetGovernancePeople {
  export interface Request {
    query: { q?: string };
  }
  export interface Response {
    data: GovernancePerson[];
    error?: ApiError;
  }
}

/** "View as…" of a workgroup: what one person would read of it, through the same doors as their requests. */
export interface ViewAsWorkgroup {
  user: {
    id: number;
    username: string;
    email: string;
    name: string | null;
    kind: PersonKind;
    blocked: boolean;
  };
  workgroup: { documentId: string; name: string; readable: boolean };
  /** their membership of the workgroup, whatever its state; `grants`: active and unexpired */
  membership: { role: WorkgroupRole; status: string; expiresAt: string | null; grants: boolean } | null;
  /** per workgroup-mode scoped type: whether their role may list it, and the published items they would read */
  types: Array<{
    uid: string;
    displayName: string;
    roleAllows: boolean;
    total: number;
    items: Array<{ documentId: string; title: string | null }>;
  }>;
}

export declare namespace GetViewAsWorkgroup {
  export interface Request {
    params: { id: string };
    query: { user: number };
  }
  export interface Response {
    data: ViewAsWorkgroup;
    error?: ApiError;
  }
}

/** The access report's columns (SPEC §10), in the CSV's order. */
export type ReportColumn =
  | 'personId'
  | 'name'
  | 'email'
  | 'company'
  | 'kind'
  | 'extranetGroups'
  | 'workgroup'
  | 'role'
  | 'status'
  | 'sponsor'
  | 'invitedBy'
  | 'joinedAt'
  | 'expiresAt'
  | 'lastSeenAt';

/** One person and workgroup (or a person with extranet access in none): ids, names, ISO dates. */
export type ReportRow = Record<ReportColumn, string | number | null>;

/**
 * GET /api/extranet/report (extranet admins) and the admin's report (governance-read):
 * `?format=csv` answers the CSV download instead (text/csv, the columns in `ReportColumn`'s order).
 */
export declare namespace GetReport {
  export interface Request {
    query: { format?: 'json' | 'csv' };
  }
  export interface Response {
    data: ReportRow[];
    meta: { seats: Seats };
    error?: ApiError;
  }
}
