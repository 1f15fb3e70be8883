import type * as yup from 'yup';
import type { AdminUserRef, ApiError, EmptyMeta, Pagination, PersonRef } from './common';
import type { createWorkgroupSchema, updateWorkgroupSchema } from '../validation-schemas';

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

/** /extranet/manage/workgroups/:id and /api/extranet/workgroups/:id */
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

/*
 * The content API's workgroup routes (/api/extranet/workgroups): Strapi's own core controller for
 * the reads (its query parameters, its sanitized documents), the plugin's services for the writes.
 */

/**
 * A workgroup as Strapi's content API answers it: its own fields; a relation only where
 * populated (the writes populate `topic`; the reads take Strapi's `populate` parameter).
 */
export interface WorkgroupDocument {
  id: number;
  documentId: string;
  name: string;
  description: string | null;
  keywords: string | null;
  extranet: boolean;
  archived: boolean;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string;
  topic?: { documentId: string; name: string } | null;
}

/** GET /api/extranet/workgroups (Strapi's `find`: `filters`, `sort`, `pagination`, `populate`...) */
export declare namespace FindWorkgroups {
  export interface Request {
    query: Record<string, unknown>;
  }
  export interface Response {
    data: WorkgroupDocument[];
    meta: { pagination: Pagination };
    error?: ApiError;
  }
}

/** GET /api/extranet/workgroups/:id (Strapi's `findOne`) */
export declare namespace FindWorkgroup {
  export interface Request {
    params: { id: string };
    query: Record<string, unknown>;
  }
  export interface Response {
    data: WorkgroupDocument;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** POST /api/extranet/workgroups { data } (201): the caller becomes its owner (SPEC §3) */
export declare namespace CreateOwnWorkgroup {
  export interface Request {
    body: { data: yup.InferType<typeof createWorkgroupSchema> };
  }
  export interface Response {
    data: WorkgroupDocument;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** PUT /api/extranet/workgroups/:id { data } (owner, moderators, extranet admins) */
export declare namespace EditWorkgroup {
  export interface Request {
    params: { id: string };
    body: { data: yup.InferType<typeof updateWorkgroupSchema> };
  }
  export interface Response {
    data: WorkgroupDocument;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** POST /api/extranet/workgroups/:id/archive, .../unarchive (owner, extranet admins) */
export declare namespace SetWorkgroupArchived {
  export interface Request {
    params: { id: string };
  }
  export interface Response {
    data: WorkgroupDocument;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/* DELETE /api/extranet/workgroups/:id answers 204, as DeleteWorkgroup says. */
