import type { ApiError, EmptyMeta, PersonRef } from './common';

/** An access review of a workgroup's external members (SPEC §10), with each person's decision. */
export interface Review {
  documentId: string;
  status: 'open' | 'closed';
  dueAt: string;
  closedAt: string | null;
  workgroup: { documentId: string; name: string };
  /** ordered by user id */
  people: Array<{
    user: Required<Omit<PersonRef, 'email'>>;
    /** null: not decided yet */
    keep: boolean | null;
    /** users-permissions id of who decided */
    decidedBy: number | null;
    decidedAt: string | null;
  }>;
}

/** POST /api/extranet/workgroups/:id/reviews { dueAt? } (201; due in 14 days by default) */
export declare namespace OpenReview {
  export interface Request {
    params: { id: string };
    /** a date yup reads (an ISO string) */
    body: { dueAt?: string };
  }
  export interface Response {
    data: Review;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** GET /api/extranet/reviews/:id */
export declare namespace GetReview {
  export interface Request {
    params: { id: string };
  }
  export interface Response {
    data: Review;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** POST /api/extranet/reviews/:id/close */
export declare namespace CloseReview {
  export interface Request {
    params: { id: string };
  }
  export interface Response {
    data: Review;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** POST /api/extranet/reviews/:id/decisions { userId, keep } */
export declare namespace DecideReview {
  export interface Request {
    params: { id: string };
    body: { userId: number; keep: boolean };
  }
  export interface Response {
    data: Review;
    meta: EmptyMeta;
    error?: ApiError;
  }
}
