import type { ApiError } from './common';

export interface Seats {
  /** null: unlimited */
  limit: number | null;
  used: number;
  employees: number;
  externals: number;
}

export declare namespace GetSeats {
  export interface Response {
    data: Seats;
    error?: ApiError;
  }
}
