import type { ApiError, EmptyMeta } from './common';

export interface Seats {
  /** null: unlimited */
  limit: number | null;
  used: number;
  employees: number;
  externals: number;
}

/** /extranet/manage/seats and GET /api/extranet/seats (extranet admins) */
export declare namespace GetSeats {
  export interface Response {
    data: Seats;
    /** the content API's answer has an empty one */
    meta?: EmptyMeta;
    error?: ApiError;
  }
}
