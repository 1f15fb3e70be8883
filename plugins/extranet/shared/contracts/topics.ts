import type { ApiError } from './common';

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
