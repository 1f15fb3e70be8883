import type { AdminUserRef, ApiError, InviteRole, PersonRef } from './common';
import type { Member } from './members';

export interface Invitation {
  documentId: string;
  email: string;
  role: InviteRole;
  status: 'pending' | 'accepted' | 'cancelled' | 'expired';
  message: string | null;
  expiresAt: string;
  createdAt: string;
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

export declare namespace GetInvitations {
  export interface Request {
    params: { id: string };
  }
  export interface Response {
    data: Invitation[];
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

/** cancel, resend */
export declare namespace InvitationAction {
  export interface Request {
    params: { id: string };
  }
  export interface Response {
    data: Invitation;
    error?: ApiError;
  }
}
