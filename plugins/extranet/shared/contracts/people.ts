import type * as yup from 'yup';
import type { ApiError, EmptyMeta, GroupKey, Pagination, PersonKind, PublicPerson } from './common';
import type { personProfileSchema } from '../validation-schemas';

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

/* ---- the content API: the caller's contacts, and the extranet admins' partner accounts ---- */

/** A person the caller may reach (SPEC §6): public fields, kind, and the caller's last message with them. */
export interface Contact extends PublicPerson {
  visibleToAllExtranet: boolean | null;
  kind: PersonKind;
  lastContactAt: string | null;
}

/** GET /api/extranet/contacts?limit=N: most recent contact first, then by name, `limit` (default 20) per list */
export declare namespace GetContacts {
  export interface Request {
    query: { limit?: number };
  }
  export interface Response {
    data: { myWorkgroups: Contact[]; accessible: Contact[] };
    meta: { limit: number };
    error?: ApiError;
  }
}

/** A partner account as extranet admins see it on the content API. */
export interface ExternalAccount extends PublicPerson {
  visibleToAllExtranet: boolean | null;
  email: string;
  blocked: boolean | null;
  createdAt: string;
}

/** GET /api/extranet/externals (extranet admins): oldest first, without their groups */
export declare namespace GetExternals {
  export interface Request {
    query: { page?: number; pageSize?: number };
  }
  export interface Response {
    data: ExternalAccount[];
    meta: { pagination: Pagination };
    error?: ApiError;
  }
}

/** PUT /api/extranet/externals/:userId { data: { firstname?, lastname?, company?, position?, email? } } */
export declare namespace UpdateExternal {
  export interface Request {
    params: { userId: string };
    body: { data: yup.InferType<typeof personProfileSchema> };
  }
  export interface Response {
    data: ExternalAccount & { extranetGroups: GroupKey[] };
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** POST /api/extranet/externals/:userId/block, .../unblock */
export declare namespace ExternalAction {
  export interface Request {
    params: { userId: string };
  }
  export interface Response {
    data: ExternalAccount & { extranetGroups: GroupKey[] };
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** DELETE /api/extranet/externals/:userId: 204 (its memberships and its seat go with it) */
export declare namespace DeleteExternal {
  export interface Request {
    params: { userId: string };
  }
  /** 204, no body */
  export interface Response {
    error?: ApiError;
  }
}
