import type * as yup from 'yup';
import type { AdminUserRef, ApiError, EmptyMeta, InviteRole, PersonRef } from './common';
import type { Member, WorkgroupMember } from './members';
import type {
  acceptExistingAccountSchema,
  acceptNewAccountSchema,
  inviteSchema,
} from '../validation-schemas';

export interface Invitation {
  id: number;
  documentId: string;
  email: string;
  role: InviteRole;
  status: 'pending' | 'accepted' | 'cancelled' | 'expired';
  message: string | null;
  expiresAt: string;
  acceptedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** where the row's workgroup was loaded with it */
  workgroup?: { documentId: string; name: string };
  invitedBy: PersonRef | null;
  invitedByAdmin: AdminUserRef | null;
  /**
   * its mails not sent yet (`queued`, retried with backoff) or given up (`failed`), newest first;
   * absent from the answer to a cancel, which ends them
   */
  mails?: InvitationMail[];
}

/** One mail of the outbox (SPEC §11), as the admin pages show it. */
export interface InvitationMail {
  id: number;
  kind: string;
  status: 'queued' | 'sent' | 'failed' | 'dropped';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** pending ones: /extranet/manage/workgroups/:id/invitations and GET /api/extranet/workgroups/:id/invitations */
export declare namespace GetInvitations {
  export interface Request {
    params: { id: string };
  }
  export interface Response {
    data: Invitation[];
    /** the content API's answer has an empty one */
    meta?: EmptyMeta;
    error?: ApiError;
  }
}

export declare namespace CreateInvitation {
  export interface Request {
    params: { id: string };
    body: { email: string; role?: InviteRole; message?: string | null };
  }
  /** `invited`: a pending invitation was made and its mail queued; `added`: an employee joined at once */
  export type Response =
    | { data: Invitation; meta: { outcome: 'invited' }; error?: ApiError }
    | { data: Member; meta: { outcome: 'added' }; error?: ApiError };
}

/** cancel, resend (the admin's, and DELETE /api/extranet/invitations/:id, POST .../:id/resend) */
export declare namespace InvitationAction {
  export interface Request {
    params: { id: string };
  }
  export interface Response {
    data: Invitation;
    /** the content API's answer has an empty one */
    meta?: EmptyMeta;
    error?: ApiError;
  }
}

/**
 * POST /api/extranet/workgroups/:id/invitations { email, role?, message? } (201; owner, moderators,
 * extranet admins): the admin's CreateInvitation, but an added employee is shown as the content
 * API shows members, and its notice mail is said to be queued.
 */
export declare namespace InviteToWorkgroup {
  export interface Request {
    params: { id: string };
    body: yup.InferType<typeof inviteSchema>;
  }
  export type Response =
    | { data: Invitation; meta: { outcome: 'invited' }; error?: ApiError }
    | { data: WorkgroupMember; meta: { outcome: 'added'; notice: 'queued' }; error?: ApiError };
}

/** The new partner's own account, as the accept route answers it: never the password, nor relations. */
export interface OwnAccount {
  id: number;
  documentId: string;
  username: string;
  email: string;
  provider: string;
  confirmed: boolean;
  blocked: boolean;
  firstname: string | null;
  lastname: string | null;
  company: string | null;
  position: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * POST /api/extranet/invitations/accept (public, rate-limited; SPEC §5): `{ token, password,
 * firstname, lastname, company?, position? }` for a new external, `{ token, password }` for an
 * existing account (profile fields then ignored). Answers like users-permissions' sign-in, without
 * the `{ data, meta }` envelope.
 */
export declare namespace AcceptInvitation {
  export interface Request {
    body: { token: string } & (
      | yup.InferType<typeof acceptNewAccountSchema>
      | yup.InferType<typeof acceptExistingAccountSchema>
    );
  }
  export interface Response {
    jwt: string;
    user: OwnAccount;
    error?: ApiError;
  }
}
