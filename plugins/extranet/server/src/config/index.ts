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
}

const MODES: ScopeMode[] = ['workgroup', 'owner'];
const UID = /^(api|plugin)::[a-z0-9-]+\.[a-z0-9-]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const fail = (key: string, why: string): never => {
  throw new Error(`extranet.${key} ${why}`);
};

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
    if (!UID.test(uid)) fail(`scoped["${uid}"]`, 'is not a content-type uid such as "api::document.document"');
    if (uid.startsWith('plugin::extranet.') || uid.startsWith('plugin::users-permissions.')) {
      fail(`scoped["${uid}"]`, 'cannot be scoped: the plugin already governs it');
    }
    if (!entry || !MODES.includes(entry.mode)) {
      fail(`scoped["${uid}"].mode`, `must be one of ${MODES.join(', ')} (got ${JSON.stringify(entry?.mode)})`);
    }
    if (entry.authorField !== undefined && (entry.mode !== 'owner' || typeof entry.authorField !== 'string' || !entry.authorField)) {
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
  if (!isHttpUrl(config.publicUrl)) fail('publicUrl', `must be an http(s) URL (got ${JSON.stringify(config.publicUrl)})`);
  if (!isHttpUrl(config.frontendUrl)) fail('frontendUrl', `must be an http(s) URL (got ${JSON.stringify(config.frontendUrl)})`);
  const fileTtl = config.fileUrlTtlMinutes;
  if (!(typeof fileTtl === 'number' && Number.isFinite(fileTtl) && fileTtl > 0)) {
    fail('fileUrlTtlMinutes', `must be a positive number of minutes (got ${JSON.stringify(fileTtl)})`);
  }
  const days = config.externalMembershipDays;
  if (days !== null && days !== undefined && !(Number.isInteger(days) && days >= 1)) {
    fail('externalMembershipDays', `must be a positive integer of days, or null for never (got ${JSON.stringify(days)})`);
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
  } satisfies ExtranetConfig,
  validator,
};
