import type { ApiError, GroupKey, Pagination, PersonKind } from './common';

export interface Person {
  id: number;
  username: string;
  email: string;
  firstname: string | null;
  lastname: string | null;
  company: string | null;
  position: string | null;
  kind: PersonKind;
  blocked: boolean;
  visibleToAllExtranet: boolean;
  extranetGroups: GroupKey[];
}

export declare namespace GetPeople {
  export interface Request {
    query: { q?: string; kind?: PersonKind | 'all'; page?: number; pageSize?: number };
  }
  export interface Response {
    data: Person[];
    meta: { pagination: Pagination };
    error?: ApiError;
  }
}

/** Profile of an external (SPEC §2: the company manages its employees elsewhere). */
export declare namespace UpdatePerson {
  export interface Request {
    params: { userId: string };
    body: { data: Partial<Pick<Person, 'firstname' | 'lastname' | 'company' | 'position' | 'email'>> };
  }
  export interface Response {
    data: Person;
    error?: ApiError;
  }
}

/** Any user's four extranet groups and "visible to all" (granting extranet-users takes a seat). */
export declare namespace UpdatePersonAccess {
  export interface Request {
    params: { userId: string };
    body: { extranetGroups: GroupKey[]; visibleToAllExtranet: boolean };
  }
  export interface Response {
    data: Person;
    error?: ApiError;
  }
}

/** block, unblock (the list's row); delete answers 204 */
export declare namespace PersonAction {
  export interface Request {
    params: { userId: string };
  }
  export interface Response {
    data?: Person;
    error?: ApiError;
  }
}
