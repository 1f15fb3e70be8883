import { PLUGIN_UID_PREFIX } from '../constants';

export type ScopeMode = 'workgroup' | 'owner';

export interface ScopedTypeConfig {
  mode: ScopeMode;
  /** owner mode: the user relation that names the item's author (added by the plugin). */
  authorField?: string;
}

export interface ExtranetConfig {
  scoped: Record<string, ScopedTypeConfig>;
  seatLimit: number | null;
  invitationTtlHours: number;
  publicUrl: string;
  frontendUrl: string;
  allowedEmailDomains: string[];
  blockedEmailDomains: string[];
  /** lifetime of the signed URLs of governed files (SPEC §4 "Files") */
  fileUrlTtlMinutes: number;
  /** SPEC §10: days after which a new external membership expires; null = never */
  externalMembershipDays: number | null;
  /** SPEC §10: this many days before a membership expires, its partner and sponsor get one reminder; 0 = none */
  expiryReminderDays: number;
  /** retries of a failed mail before it is marked `failed` (SPEC §11) */
  mailRetries: number;
  /** the first retry's delay; each further one waits four times longer (at most an hour) */
  mailRetryDelaySeconds: number;
  /** false: this node queues mails but never sends them (a node that only answers requests) */
  mailWorker: boolean;
  /** how long a node holds a claimed mail before another node may take it over */
  mailLeaseSeconds: number;
  /** at most one digest mail per person per this many minutes (SPEC §11) */
  notificationDigestMinutes: number;
  /** SPEC §12: shared by every node */
  rateLimits: RateLimits;
}

export interface RateLimit {
  max: number;
  windowSeconds: number;
}

export interface RateLimits {
  /** accepting an invitation: `max` per client address, `maxPerToken` per token, in one window */
  accept: RateLimit & { maxPerToken: number };
  /** invitations sent, per inviting user */
  invite: RateLimit;
  /** messages sent, per sender */
  message: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  accept: { max: 30, maxPerToken: 10, windowSeconds: 900 },
  invite: { max: 50, windowSeconds: 3600 },
  message: { max: 60, windowSeconds: 60 },
};

const MODES: ScopeMode[] = ['workgroup', 'owner'];
const UID = /^(api|plugin)::[a-z0-9-]+\.[a-z0-9-]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function fail(key: string, why: string): never {
  throw new Error(`extranet.${key} ${why}`);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object';
const isPositiveInteger = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 1;

const isHttpUrl = (value: unknown) => {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const checkDomains = (key: string, value: unknown) => {
  if (!Array.isArray(value)) fail(key, 'must be an array of domain names');
  (value as unknown[]).forEach((domain, i) => {
    if (typeof domain !== 'string' || !DOMAIN.test(domain.trim())) {
      fail(`${key}[${i}]`, `must be a domain name such as "example.com" (got ${JSON.stringify(domain)})`);
    }
  });
};

export const validator = (config: ExtranetConfig) => {
  if (config.scoped === null || typeof config.scoped !== 'object' || Array.isArray(config.scoped)) {
    fail('scoped', 'must be an object keyed by content-type uid');
  }
  for (const [uid, entry] of Object.entries(config.scoped)) {
    if (!UID.test(uid))
      fail(`scoped["${uid}"]`, 'is not a content-type uid such as "api::document.document"');
    if (uid.startsWith(PLUGIN_UID_PREFIX) || uid.startsWith('plugin::users-permissions.')) {
      fail(`scoped["${uid}"]`, 'cannot be scoped: the plugin already governs it');
    }
    if (!entry || !MODES.includes(entry.mode)) {
      fail(
        `scoped["${uid}"].mode`,
        `must be one of ${MODES.join(', ')} (got ${JSON.stringify(entry?.mode)})`,
      );
    }
    if (
      entry.authorField !== undefined &&
      (entry.mode !== 'owner' || typeof entry.authorField !== 'string' || !entry.authorField)
    ) {
      fail(`scoped["${uid}"].authorField`, 'is a non-empty string and only applies to owner mode');
    }
  }
  const seat = config.seatLimit;
  if (seat !== null && seat !== undefined && !(Number.isInteger(seat) && seat >= 1)) {
    fail('seatLimit', `must be a positive integer, or null for no limit (got ${JSON.stringify(seat)})`);
  }
  const ttl = config.invitationTtlHours;
  if (!(typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0)) {
    fail('invitationTtlHours', `must be a positive number of hours (got ${JSON.stringify(ttl)})`);
  }
  if (!isHttpUrl(config.publicUrl))
    fail('publicUrl', `must be an http(s) URL (got ${JSON.stringify(config.publicUrl)})`);
  if (!isHttpUrl(config.frontendUrl))
    fail('frontendUrl', `must be an http(s) URL (got ${JSON.stringify(config.frontendUrl)})`);
  const fileTtl = config.fileUrlTtlMinutes;
  if (!(typeof fileTtl === 'number' && Number.isFinite(fileTtl) && fileTtl > 0)) {
    fail('fileUrlTtlMinutes', `must be a positive number of minutes (got ${JSON.stringify(fileTtl)})`);
  }
  const days = config.externalMembershipDays;
  if (days !== null && days !== undefined && !(Number.isInteger(days) && days >= 1)) {
    fail(
      'externalMembershipDays',
      `must be a positive integer of days, or null for never (got ${JSON.stringify(days)})`,
    );
  }
  const reminder = config.expiryReminderDays;
  if (!(Number.isInteger(reminder) && reminder >= 0)) {
    fail(
      'expiryReminderDays',
      `must be a whole number of days, 0 for no reminder (got ${JSON.stringify(reminder)})`,
    );
  }
  const positive = (key: string, value: unknown, unit: string) => {
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0))
      fail(key, `must be a positive number of ${unit} (got ${JSON.stringify(value)})`);
  };
  const retries = config.mailRetries;
  if (!(Number.isInteger(retries) && retries >= 0 && retries <= 100)) {
    fail('mailRetries', `must be an integer from 0 to 100 (got ${JSON.stringify(retries)})`);
  }
  positive('mailRetryDelaySeconds', config.mailRetryDelaySeconds, 'seconds');
  if (config.mailRetryDelaySeconds > 30)
    fail(
      'mailRetryDelaySeconds',
      `must be at most 30: the first retry comes within 30 s (got ${config.mailRetryDelaySeconds})`,
    );
  if (typeof config.mailWorker !== 'boolean')
    fail('mailWorker', `must be true or false (got ${JSON.stringify(config.mailWorker)})`);
  positive('mailLeaseSeconds', config.mailLeaseSeconds, 'seconds');
  positive('notificationDigestMinutes', config.notificationDigestMinutes, 'minutes');
  const limits = config.rateLimits;
  if (limits === null || typeof limits !== 'object' || Array.isArray(limits))
    fail('rateLimits', 'must be an object keyed by limit name');
  for (const key of Object.keys(limits)) {
    // Own names only: `in` would take `toString` and its kin for limits.
    if (!Object.hasOwn(DEFAULT_RATE_LIMITS, key))
      fail(`rateLimits.${key}`, `is not a limit (known: ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')})`);
    const limit: unknown = (limits as unknown as Record<string, unknown>)[key];
    if (!isObject(limit)) fail(`rateLimits.${key}`, 'must be { max, windowSeconds }');
    if (!isPositiveInteger(limit.max))
      fail(`rateLimits.${key}.max`, `must be a positive integer (got ${JSON.stringify(limit.max)})`);
    if (!isPositiveInteger(limit.windowSeconds)) {
      fail(
        `rateLimits.${key}.windowSeconds`,
        `must be a positive integer of seconds (got ${JSON.stringify(limit.windowSeconds)})`,
      );
    }
    if (key === 'accept' && !isPositiveInteger(limit.maxPerToken)) {
      fail(
        'rateLimits.accept.maxPerToken',
        `must be a positive integer (got ${JSON.stringify(limit.maxPerToken)})`,
      );
    }
  }
  checkDomains('allowedEmailDomains', config.allowedEmailDomains);
  checkDomains('blockedEmailDomains', config.blockedEmailDomains);
};

export default {
  default: {
    scoped: {},
    seatLimit: null,
    invitationTtlHours: 168,
    publicUrl: 'http://localhost:1337',
    frontendUrl: 'http://localhost:3000',
    allowedEmailDomains: [],
    blockedEmailDomains: [],
    fileUrlTtlMinutes: 15,
    externalMembershipDays: null,
    expiryReminderDays: 7,
    mailRetries: 5,
    mailRetryDelaySeconds: 15,
    mailWorker: true,
    mailLeaseSeconds: 120,
    notificationDigestMinutes: 60,
    rateLimits: DEFAULT_RATE_LIMITS,
  } satisfies ExtranetConfig,
  validator,
};
