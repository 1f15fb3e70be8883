import type { AdminUserRef, ApiError, Pagination, PersonRef } from './common';

export interface Workgroup {
  documentId: string;
  name: string;
  description: string | null;
  keywords: string | null;
  extranet: boolean;
  archived: boolean;
  archivedAt: string | null;
  topic: { documentId: string; name: string } | null;
  owner: PersonRef | null;
  /** active members */
  members: number;
  pendingInvitations: number;
  managers: AdminUserRef[];
  createdAt: string;
}

export interface WorkgroupFilters {
  /** name contains (case-insensitive) */
  q?: string;
  /** topic documentId */
  topic?: string;
  site?: 'extranet' | 'intranet';
  /** archived ones are hidden unless asked for */
  archived?: 'true' | 'false' | 'all';
  page?: number;
  pageSize?: number;
}

export declare namespace GetWorkgroups {
  export interface Request {
    query: WorkgroupFilters;
  }
  export interface Response {
    data: Workgroup[];
    meta: { pagination: Pagination };
    error?: ApiError;
  }
}

export declare namespace GetWorkgroup {
  export interface Request {
    params: { id: string };
  }
  export interface Response {
    data: Workgroup;
    meta: { canManage: boolean };
    error?: ApiError;
  }
}

export interface WorkgroupInput {
  name: string;
  topic: string;
  extranet: boolean;
  description?: string | null;
  keywords?: string | null;
  /** users-permissions user id of the owner (SPEC §9) */
  owner: number;
}

export declare namespace CreateWorkgroup {
  export interface Request {
    body: { data: WorkgroupInput };
  }
  export interface Response {
    data: Workgroup;
    error?: ApiError;
  }
}

export declare namespace UpdateWorkgroup {
  export interface Request {
    params: { id: string };
    body: { data: Partial<Omit<WorkgroupInput, 'owner'>> };
  }
  export interface Response {
    data: Workgroup;
    error?: ApiError;
  }
}

/** archive, unarchive */
export declare namespace ArchiveWorkgroup {
  export interface Request {
    params: { id: string };
  }
  export interface Response {
    data: Workgroup;
    error?: ApiError;
  }
}

export declare namespace DeleteWorkgroup {
  export interface Request {
    params: { id: string };
  }
  /** 204, no body */
  export interface Response {
    error?: ApiError;
  }
}

export declare namespace SetManagers {
  export interface Request {
    params: { id: string };
    body: { managers: number[] };
  }
  export interface Response {
    data: Workgroup;
    error?: ApiError;
  }
}

/** Admin users who may be named managers of a workgroup. */
export declare namespace GetAdminUsers {
  export interface Response {
    data: AdminUserRef[];
    error?: ApiError;
  }
}

/** Users-permissions users to pick as a workgroup owner. */
export declare namespace FindUsers {
  export interface Request {
    query: { q?: string };
  }
  export interface Response {
    data: Array<PersonRef & { kind: 'external' | 'employee' }>;
    error?: ApiError;
  }
}
