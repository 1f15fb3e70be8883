import type { ApiError } from './common';

/** What the content manager's Extranet side panel shows of one item of a scoped type. */
export interface ItemAudience {
  mode: 'workgroup' | 'owner';
  extranet: boolean;
  workgroup: { documentId: string; name: string; extranet: boolean; archived: boolean } | null;
  /** people (not blocked) who can read the item, counted through the access rule */
  readers: { employees: number; partners: number };
}

export declare namespace GetItemAudience {
  export interface Request {
    params: { uid: string; documentId: string };
  }
  export interface Response {
    data: ItemAudience;
    error?: ApiError;
  }
}
