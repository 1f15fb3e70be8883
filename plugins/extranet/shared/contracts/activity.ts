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
