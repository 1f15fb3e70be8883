import type { ApiError, Pagination } from './common';

export interface ActivityEvent {
  documentId: string;
  type: string;
  extranet: boolean;
  summary: string | null;
  createdAt: string;
  actor: { id: number; username: string; firstname: string | null; lastname: string | null } | null;
}

export declare namespace GetActivity {
  export interface Request {
    params: { id: string };
    query: { page?: number; pageSize?: number };
  }
  export interface Response {
    data: ActivityEvent[];
    meta: { pagination: Pagination };
    error?: ApiError;
  }
}

/** An event as the content API lists it (SPEC §6): the admin's fields, plus its subject and workgroup. */
export interface ActivityEntry extends ActivityEvent {
  id: number;
  subjectUid: string | null;
  subjectDocumentId: string | null;
  workgroup: { documentId: string; name: string } | null;
}

/** GET /api/extranet/activity: events of the caller's visible workgroups, newest first */
export declare namespace GetActivityFeed {
  export interface Request {
    query: { page?: number; pageSize?: number };
  }
  export interface Response {
    data: ActivityEntry[];
    meta: { pagination: Pagination };
    error?: ApiError;
  }
}

/** GET /api/extranet/workgroups/:id/activity */
export declare namespace GetWorkgroupActivity {
  export interface Request {
    params: { id: string };
    query: { page?: number; pageSize?: number };
  }
  export interface Response {
    data: ActivityEntry[];
    meta: { pagination: Pagination };
    error?: ApiError;
  }
}
