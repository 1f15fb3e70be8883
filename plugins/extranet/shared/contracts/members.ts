import type * as yup from 'yup';
import type { ApiError, EmptyMeta, PersonKind, PublicPerson, WorkgroupRole } from './common';
import type { memberRoleSchema, renewMembershipSchema } from '../validation-schemas';

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

/*
 * The content API's member routes (/api/extranet/workgroups/:id/members...): members as the
 * workgroup's own people see them, public fields only (no e-mail), with expiry and sponsor.
 */

export interface WorkgroupMember {
  role: WorkgroupRole;
  status: Member['status'];
  joinedAt: string | null;
  expiresAt: string | null;
  /** active but past `expiresAt`: listed to managers only, who renew it */
  expired: boolean;
  /** users-permissions id of the sponsor (SPEC §10) */
  sponsor: number | null;
  user: PublicPerson & { kind: PersonKind };
}

/** GET /api/extranet/workgroups/:id/members (active ones; pending and expired too for managers) */
export declare namespace GetWorkgroupMembers {
  export interface Request {
    params: { id: string };
  }
  export interface Response {
    data: WorkgroupMember[];
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** PUT /api/extranet/workgroups/:id/members/:userId { role }: the list after the change */
export declare namespace UpdateWorkgroupMember {
  export interface Request {
    params: { id: string; userId: string };
    body: yup.InferType<typeof memberRoleSchema>;
  }
  export interface Response {
    data: WorkgroupMember[];
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** POST /api/extranet/workgroups/:id/members/:userId/confirm: the list after the change */
export declare namespace ConfirmWorkgroupMember {
  export interface Request {
    params: { id: string; userId: string };
  }
  export interface Response {
    data: WorkgroupMember[];
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** DELETE /api/extranet/workgroups/:id/members/:userId, and .../members/me (leave, SPEC §10): 204 */
export declare namespace RemoveWorkgroupMember {
  export interface Request {
    params: { id: string; userId: string };
  }
  /** 204, no body */
  export interface Response {
    error?: ApiError;
  }
}

/** POST /api/extranet/workgroups/:id/members/:userId/renew { days? } (SPEC §10) */
export declare namespace RenewMembership {
  export interface Request {
    params: { id: string; userId: string };
    body: yup.InferType<typeof renewMembershipSchema>;
  }
  export interface Response {
    data: { userId: number; expiresAt: string };
    meta: EmptyMeta;
    error?: ApiError;
  }
}
