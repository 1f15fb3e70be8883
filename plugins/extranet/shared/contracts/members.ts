import type { ApiError, PersonKind, WorkgroupRole } from './common';

export interface Member {
  role: WorkgroupRole;
  status: 'active' | 'requested' | 'invited' | 'suspended';
  joinedAt: string | null;
  expiresAt: string | null;
  user: {
    id: number;
    username: string;
    email: string | null;
    firstname: string | null;
    lastname: string | null;
    company: string | null;
    kind: PersonKind;
  };
}

export declare namespace GetMembers {
  export interface Request {
    params: { id: string };
  }
  export interface Response {
    data: Member[];
    error?: ApiError;
  }
}

export declare namespace UpdateMember {
  export interface Request {
    params: { id: string; userId: string };
    body: { role: WorkgroupRole };
  }
  export interface Response {
    data: Member[];
    error?: ApiError;
  }
}

/** remove (204) and confirm (the list) */
export declare namespace MemberAction {
  export interface Request {
    params: { id: string; userId: string };
  }
  export interface Response {
    data?: Member[];
    error?: ApiError;
  }
}
