import type * as yup from 'yup';
import type { ApiError, EmptyMeta, Pagination } from './common';
import type { messageSchema } from '../validation-schemas';

/** One message (SPEC §6); a partner who deleted their account is `fromName: 'Former partner'`. */
export interface Message {
  documentId: string;
  id: number;
  /** users-permissions ids of the two participants */
  from: number | null;
  to: number | null;
  fromName: string | null;
  body: string;
  createdAt: string;
}

/** POST /api/extranet/messages { to, body } (201) */
export declare namespace SendMessage {
  export interface Request {
    body: yup.InferType<typeof messageSchema>;
  }
  export interface Response {
    data: Message;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** GET /api/extranet/messages?with=ID: the conversation with one person, oldest first */
export declare namespace GetConversation {
  export interface Request {
    query: { with: number; page?: number; pageSize?: number };
  }
  export interface Response {
    data: Message[];
    meta: { pagination: Pagination };
    error?: ApiError;
  }
}
