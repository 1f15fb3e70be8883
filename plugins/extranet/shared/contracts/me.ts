import type { ApiError, EmptyMeta, GroupKey, PersonKind, PublicPerson, WorkgroupRole } from './common';

/** The caller as the extranet sees it (SPEC §6). */
export interface Me extends PublicPerson {
  email: string;
  visibleToAllExtranet: boolean;
  kind: PersonKind;
  extranetGroups: GroupKey[];
  /** the workgroups where the caller is active and that it may read now, with its role */
  workgroups: Array<{
    documentId: string;
    name: string;
    extranet: boolean;
    archived: boolean;
    role: WorkgroupRole;
  }>;
}

/** GET /api/extranet/me */
export declare namespace GetMe {
  export interface Response {
    data: Me;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** Which notification mails the caller gets (SPEC §11). */
export interface NotificationSettings {
  messages: boolean;
  digest: boolean;
}

/** GET /api/extranet/me/notifications */
export declare namespace GetNotificationSettings {
  export interface Response {
    data: NotificationSettings;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** PUT /api/extranet/me/notifications { messages, digest }: both required, nothing else. */
export declare namespace UpdateNotificationSettings {
  export interface Request {
    body: NotificationSettings;
  }
  export interface Response {
    data: NotificationSettings;
    meta: EmptyMeta;
    error?: ApiError;
  }
}

/** POST /api/extranet/me/delete { password }: an external deletes its own account (SPEC §10). */
export declare namespace DeleteOwnAccount {
  export interface Request {
    body: { password: string };
  }
  /** 204, no body */
  export interface Response {
    error?: ApiError;
  }
}
