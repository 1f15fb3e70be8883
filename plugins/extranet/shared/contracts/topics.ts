import type * as yup from 'yup';
import type { ApiError, EmptyMeta, Pagination } from './common';
import type { createTopicSchema, updateTopicSchema } from '../validation-schemas';

export interface Topic {
  documentId: string;
  name: string;
  description: string | null;
  sort: number;
  /** workgroups in the topic (all of them: a topic in use cannot be deleted) */
  workgroups: number;
}

export interface TopicInput {
  name: string;
  description?: string | null;
  sort?: number;
}

export declare namespace GetTopics {
  export interface Response {
    data: Topic[];
    error?: ApiError;
  }
}

export declare namespace SaveTopic {
  export interface Request {
    params?: { id: string };
    body: { data: Partial<TopicInput> };
  }
  export interface Response {
    data: Topic;
    error?: ApiError;
  }
}

/*
 * The content API's topic routes (/api/extranet/topics): Strapi's own core controller for the
 * reads (everyone with extranet access), the plugin's service for the writes (extranet admins).
 */

/** A topic as Strapi's content API answers it; `workgroups` only where populated. */
export interface TopicDocument {
  id: number;
  documentId: string;
  name: string;
  description: string | null;
  sort: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string;
}

/** GET /api/extranet/topics (Strapi's `find`: `filters`, `sort`, `pagination`, `populate`...) */
export declare namespace FindTopics {
  export interface Request {
    query: Record<string, unknown>;
  }
  export interface Response {
    data: TopicDocument[];
    meta: { pagination: Pagination };
    error?: ApiError;
  }
}

/** GET /api/extranet/topics/:id (Strapi's `findOne`) */
export declare namespace FindTopic {
  export interface Request {
    params: { id: string };
    query: Record<string, unknown>;
  }
  export interface Response {
    data: TopicDocument;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** POST /api/extranet/topics { data } (201) */
export declare namespace CreateTopic {
  export interface Request {
    body: { data: yup.InferType<typeof createTopicSchema> };
  }
  export interface Response {
    data: TopicDocument;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** PUT /api/extranet/topics/:id { data } */
export declare namespace UpdateTopic {
  export interface Request {
    params: { id: string };
    body: { data: yup.InferType<typeof updateTopicSchema> };
  }
  export interface Response {
    data: TopicDocument;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** DELETE /api/extranet/topics/:id (and the admin's): 204; 409 TopicInUse while it has workgroups */
export declare namespace DeleteTopic {
  export interface Request {
    params: { id: string };
  }
  /** 204, no body */
  export interface Response {
    error?: ApiError;
  }
}
