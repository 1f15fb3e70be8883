import type { ApiError, PersonKind, WorkgroupRole } from './common';

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

export declare namespace GetExplanation {
  export interface Request {
    query: { user: number; type: string; documentId: string };
  }
  export interface Response {
    data: Explanation;
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
