/** The plugin's configuration check (server/src/config): every key named, every bad value refused. */
import config, { validator, type ExtranetConfig } from '..';

const valid = (): ExtranetConfig => ({
  ...config.default,
  scoped: { 'api::document.document': { mode: 'workgroup' } },
});
const refusal = (patch: Record<string, unknown>) => {
  try {
    validator({ ...valid(), ...patch } as ExtranetConfig);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
};

describe('config validation', () => {
  it('accepts the shipped defaults and a full configuration', () => {
    expect(() => validator(config.default)).not.toThrow();
    expect(config.default).toEqual({
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
      rateLimits: {
        accept: { max: 30, maxPerToken: 10, windowSeconds: 900 },
        invite: { max: 50, windowSeconds: 3600 },
        message: { max: 60, windowSeconds: 60 },
      },
    });
    expect(config.validator).toBe(validator);
    expect(
      refusal({
        scoped: {
          'api::document.document': { mode: 'workgroup' },
          'api::ticket.ticket': { mode: 'owner', authorField: 'raisedBy' },
          'plugin::my-plugin.note': { mode: 'owner' },
        },
        seatLimit: 1,
        invitationTtlHours: 0.5,
        publicUrl: 'https://extranet.example',
        frontendUrl: 'http://app.example:3000/x',
        allowedEmailDomains: ['partner.example', ' sub.partner.co.uk '],
        blockedEmailDomains: ['Spam.Example'],
        fileUrlTtlMinutes: 0.25,
        externalMembershipDays: 90,
      }),
    ).toBeNull();
    expect(refusal({ externalMembershipDays: 0 })).toMatch(/^extranet\.externalMembershipDays /);
    expect(refusal({ externalMembershipDays: 1.5 })).toMatch(/^extranet\.externalMembershipDays /);
    expect(refusal({ expiryReminderDays: -1 })).toMatch(/^extranet\.expiryReminderDays /);
    // The message says what a valid value is, and what was given.
    expect(refusal({ externalMembershipDays: 0 })).toBe(
      'extranet.externalMembershipDays must be a positive integer of days, or null for never (got 0)',
    );
    expect(refusal({ expiryReminderDays: -1 })).toBe(
      'extranet.expiryReminderDays must be a whole number of days, 0 for no reminder (got -1)',
    );
    expect(refusal({ expiryReminderDays: 0 })).toBeNull();
    expect(refusal({ seatLimit: undefined })).toBeNull();
    expect(refusal({ seatLimit: 500 })).toBeNull();
  });

  it.each([
    [{ scoped: null }, 'extranet.scoped must be an object keyed by content-type uid'],
    [{ scoped: [] }, 'extranet.scoped must be an object keyed by content-type uid'],
    [{ scoped: 'api::document.document' }, 'extranet.scoped must be an object keyed by content-type uid'],
    [
      { scoped: { document: { mode: 'workgroup' } } },
      'extranet.scoped["document"] is not a content-type uid such as "api::document.document"',
    ],
    [
      { scoped: { 'api::Document.document': { mode: 'workgroup' } } },
      'extranet.scoped["api::Document.document"] is not a content-type uid',
    ],
    [{ scoped: { 'x api::document.document': { mode: 'workgroup' } } }, 'is not a content-type uid'],
    [{ scoped: { 'api::document.document x': { mode: 'workgroup' } } }, 'is not a content-type uid'],
    [{ scoped: { 'api::document': { mode: 'workgroup' } } }, 'is not a content-type uid'],
    [{ scoped: { 'admin::user.user': { mode: 'workgroup' } } }, 'is not a content-type uid'],
    [
      { scoped: { 'plugin::extranet.workgroup': { mode: 'workgroup' } } },
      'extranet.scoped["plugin::extranet.workgroup"] cannot be scoped: the plugin already governs it',
    ],
    [
      { scoped: { 'plugin::users-permissions.user': { mode: 'owner' } } },
      'extranet.scoped["plugin::users-permissions.user"] cannot be scoped: the plugin already governs it',
    ],
    [
      { scoped: { 'api::document.document': { mode: 'group' } } },
      'extranet.scoped["api::document.document"].mode must be one of workgroup, owner (got "group")',
    ],
    [
      { scoped: { 'api::document.document': null } },
      'extranet.scoped["api::document.document"].mode must be one of workgroup, owner (got undefined)',
    ],
    [
      { scoped: { 'api::document.document': { mode: 'workgroup', authorField: 'author' } } },
      'extranet.scoped["api::document.document"].authorField is a non-empty string and only applies to owner mode',
    ],
    [
      { scoped: { 'api::ticket.ticket': { mode: 'owner', authorField: '' } } },
      'extranet.scoped["api::ticket.ticket"].authorField is a non-empty string',
    ],
    [
      { scoped: { 'api::ticket.ticket': { mode: 'owner', authorField: 7 } } },
      'extranet.scoped["api::ticket.ticket"].authorField is a non-empty string',
    ],
    [{ seatLimit: 0 }, 'extranet.seatLimit must be a positive integer, or null for no limit (got 0)'],
    [{ seatLimit: 2.5 }, 'extranet.seatLimit must be a positive integer'],
    [{ seatLimit: '10' }, 'extranet.seatLimit must be a positive integer, or null for no limit (got "10")'],
    [{ invitationTtlHours: 0 }, 'extranet.invitationTtlHours must be a positive number of hours (got 0)'],
    [{ invitationTtlHours: -1 }, 'extranet.invitationTtlHours must be a positive number of hours'],
    [{ invitationTtlHours: Infinity }, 'extranet.invitationTtlHours must be a positive number of hours'],
    [
      { invitationTtlHours: '24' },
      'extranet.invitationTtlHours must be a positive number of hours (got "24")',
    ],
    [{ publicUrl: 'not a url' }, 'extranet.publicUrl must be an http(s) URL (got "not a url")'],
    [{ publicUrl: 'ftp://files.example' }, 'extranet.publicUrl must be an http(s) URL'],
    [{ publicUrl: 42 }, 'extranet.publicUrl must be an http(s) URL (got 42)'],
    [
      { frontendUrl: 'mailto:x@y.example' },
      'extranet.frontendUrl must be an http(s) URL (got "mailto:x@y.example")',
    ],
    [{ frontendUrl: undefined }, 'extranet.frontendUrl must be an http(s) URL (got undefined)'],
    [{ fileUrlTtlMinutes: 0 }, 'extranet.fileUrlTtlMinutes must be a positive number of minutes (got 0)'],
    [{ fileUrlTtlMinutes: NaN }, 'extranet.fileUrlTtlMinutes must be a positive number of minutes'],
    [
      { fileUrlTtlMinutes: Infinity },
      'extranet.fileUrlTtlMinutes must be a positive number of minutes (got null)',
    ],
    [
      { fileUrlTtlMinutes: '15' },
      'extranet.fileUrlTtlMinutes must be a positive number of minutes (got "15")',
    ],
    [
      { allowedEmailDomains: 'partner.example' },
      'extranet.allowedEmailDomains must be an array of domain names',
    ],
    [
      { allowedEmailDomains: ['partner.example', 'not a domain'] },
      'extranet.allowedEmailDomains[1] must be a domain name such as "example.com" (got "not a domain")',
    ],
    [
      { blockedEmailDomains: [7] },
      'extranet.blockedEmailDomains[0] must be a domain name such as "example.com" (got 7)',
    ],
    [{ blockedEmailDomains: ['localhost'] }, 'extranet.blockedEmailDomains[0] must be a domain name'],
    [{ blockedEmailDomains: ['-bad.example'] }, 'extranet.blockedEmailDomains[0] must be a domain name'],
    [{ blockedEmailDomains: ['bad-.example'] }, 'extranet.blockedEmailDomains[0] must be a domain name'],
    [{ blockedEmailDomains: ['x.example.c'] }, 'extranet.blockedEmailDomains[0] must be a domain name'],
    [{ blockedEmailDomains: ['x.example.c0m'] }, 'extranet.blockedEmailDomains[0] must be a domain name'],
    [
      { blockedEmailDomains: [`${'a'.repeat(64)}.example`] },
      'extranet.blockedEmailDomains[0] must be a domain name',
    ],
    [
      { blockedEmailDomains: [`${'abcdefghi.'.repeat(25)}example`] },
      'extranet.blockedEmailDomains[0] must be a domain name',
    ],
    [
      { blockedEmailDomains: ['x.example '.repeat(2)] },
      'extranet.blockedEmailDomains[0] must be a domain name',
    ],
    [{ mailRetries: -1 }, 'extranet.mailRetries must be an integer from 0 to 100 (got -1)'],
    [{ mailRetries: 101 }, 'extranet.mailRetries must be an integer from 0 to 100 (got 101)'],
    [{ mailRetries: 1.5 }, 'extranet.mailRetries must be an integer from 0 to 100 (got 1.5)'],
    [{ mailRetries: '5' }, 'extranet.mailRetries must be an integer from 0 to 100 (got "5")'],
    [
      { mailRetryDelaySeconds: 0 },
      'extranet.mailRetryDelaySeconds must be a positive number of seconds (got 0)',
    ],
    [
      { mailRetryDelaySeconds: '15' },
      'extranet.mailRetryDelaySeconds must be a positive number of seconds (got "15")',
    ],
    [
      { mailRetryDelaySeconds: Infinity },
      'extranet.mailRetryDelaySeconds must be a positive number of seconds (got null)',
    ],
    [
      { mailRetryDelaySeconds: 30.5 },
      'extranet.mailRetryDelaySeconds must be at most 30: the first retry comes within 30 s (got 30.5)',
    ],
    [{ mailWorker: 'true' }, 'extranet.mailWorker must be true or false (got "true")'],
    [{ mailWorker: 1 }, 'extranet.mailWorker must be true or false (got 1)'],
    [{ mailLeaseSeconds: 0 }, 'extranet.mailLeaseSeconds must be a positive number of seconds (got 0)'],
    [{ mailLeaseSeconds: -5 }, 'extranet.mailLeaseSeconds must be a positive number of seconds (got -5)'],
    [
      { notificationDigestMinutes: 0 },
      'extranet.notificationDigestMinutes must be a positive number of minutes (got 0)',
    ],
    [
      { notificationDigestMinutes: '60' },
      'extranet.notificationDigestMinutes must be a positive number of minutes (got "60")',
    ],
    [{ rateLimits: null }, 'extranet.rateLimits must be an object keyed by limit name'],
    [{ rateLimits: [] }, 'extranet.rateLimits must be an object keyed by limit name'],
    [{ rateLimits: 'many' }, 'extranet.rateLimits must be an object keyed by limit name'],
    [
      { rateLimits: { login: { max: 1, windowSeconds: 1 } } },
      'extranet.rateLimits.login is not a limit (known: accept, invite, message)',
    ],
    [
      { rateLimits: { toString: { max: 1, windowSeconds: 1 } } },
      'extranet.rateLimits.toString is not a limit',
    ],
    [{ rateLimits: { invite: null } }, 'extranet.rateLimits.invite must be { max, windowSeconds }'],
    [{ rateLimits: { invite: 50 } }, 'extranet.rateLimits.invite must be { max, windowSeconds }'],
    [
      { rateLimits: { invite: { max: 0, windowSeconds: 60 } } },
      'extranet.rateLimits.invite.max must be a positive integer (got 0)',
    ],
    [
      { rateLimits: { message: { max: 1.5, windowSeconds: 60 } } },
      'extranet.rateLimits.message.max must be a positive integer (got 1.5)',
    ],
    [
      { rateLimits: { message: { windowSeconds: 60 } } },
      'extranet.rateLimits.message.max must be a positive integer (got undefined)',
    ],
    [
      { rateLimits: { invite: { max: 5, windowSeconds: 0 } } },
      'extranet.rateLimits.invite.windowSeconds must be a positive integer of seconds (got 0)',
    ],
    [
      { rateLimits: { invite: { max: 5, windowSeconds: 0.5 } } },
      'extranet.rateLimits.invite.windowSeconds must be a positive integer of seconds (got 0.5)',
    ],
    [
      { rateLimits: { accept: { max: 5, windowSeconds: 60 } } },
      'extranet.rateLimits.accept.maxPerToken must be a positive integer (got undefined)',
    ],
    [
      { rateLimits: { accept: { max: 5, maxPerToken: 0, windowSeconds: 60 } } },
      'extranet.rateLimits.accept.maxPerToken must be a positive integer (got 0)',
    ],
    [
      { rateLimits: { accept: { max: 5, maxPerToken: 2.5, windowSeconds: 60 } } },
      'extranet.rateLimits.accept.maxPerToken must be a positive integer (got 2.5)',
    ],
  ])('refuses %j naming the key', (patch, message) => {
    expect(refusal(patch)).toEqual(expect.stringContaining(message));
    expect(refusal(patch)!.startsWith('extranet.')).toBe(true);
  });

  it('accepts each bound at its edge', () => {
    expect(refusal({ mailRetries: 0 })).toBeNull();
    expect(refusal({ mailRetries: 100 })).toBeNull();
    expect(refusal({ mailRetryDelaySeconds: 30 })).toBeNull();
    expect(refusal({ mailRetryDelaySeconds: 0.5 })).toBeNull();
    expect(refusal({ mailWorker: false })).toBeNull();
    expect(refusal({ mailLeaseSeconds: 0.5 })).toBeNull();
    expect(refusal({ notificationDigestMinutes: 0.5 })).toBeNull();
    expect(refusal({ seatLimit: null })).toBeNull();
    expect(refusal({ externalMembershipDays: 1 })).toBeNull();
    expect(refusal({ externalMembershipDays: undefined })).toBeNull();
    expect(refusal({ invitationTtlHours: 0.01 })).toBeNull();
    expect(refusal({ fileUrlTtlMinutes: 0.01 })).toBeNull();
    expect(refusal({ scoped: {} })).toBeNull();
    // A subset of the limits is a full configuration: the others keep their defaults.
    expect(refusal({ rateLimits: {} })).toBeNull();
    expect(refusal({ rateLimits: { invite: { max: 1, windowSeconds: 1 } } })).toBeNull();
    expect(
      refusal({
        rateLimits: {
          accept: { max: 1, maxPerToken: 1, windowSeconds: 1 },
          message: { max: 1, windowSeconds: 1 },
        },
      }),
    ).toBeNull();
    // maxPerToken belongs to accept alone: elsewhere it is not asked for.
    expect(refusal({ rateLimits: { message: { max: 1, windowSeconds: 1, maxPerToken: 0 } } })).toBeNull();
    expect(refusal({ allowedEmailDomains: [], blockedEmailDomains: [] })).toBeNull();
  });

  it('checks every scoped type, not only the first', () => {
    expect(
      refusal({
        scoped: { 'api::document.document': { mode: 'workgroup' }, 'api::note.note': { mode: 'shared' } },
      }),
    ).toBe('extranet.scoped["api::note.note"].mode must be one of workgroup, owner (got "shared")');
    expect(
      refusal({ scoped: { 'api::document.document': { mode: 'workgroup' }, note: { mode: 'owner' } } }),
    ).toBe('extranet.scoped["note"] is not a content-type uid such as "api::document.document"');
    expect(
      refusal({
        rateLimits: { invite: { max: 1, windowSeconds: 1 }, message: { max: 1, windowSeconds: -1 } },
      }),
    ).toBe('extranet.rateLimits.message.windowSeconds must be a positive integer of seconds (got -1)');
    expect(refusal({ allowedEmailDomains: ['ok.example', 'ok2.example', 'bad'] })).toBe(
      'extranet.allowedEmailDomains[2] must be a domain name such as "example.com" (got "bad")',
    );
    expect(refusal({ blockedEmailDomains: 'x.example' })).toBe(
      'extranet.blockedEmailDomains must be an array of domain names',
    );
  });

  it('accepts the longest names DNS allows', () => {
    expect(
      refusal({ blockedEmailDomains: [`${'a'.repeat(63)}.example`, 'a.bc', `a-b.${'c'.repeat(63)}`] }),
    ).toBeNull();
    // 253 characters in all is the limit.
    const long = `${'abcdefghi.'.repeat(24)}abcdefghi.com`;
    expect(long.length).toBe(253);
    expect(refusal({ allowedEmailDomains: [long] })).toBeNull();
    expect(refusal({ allowedEmailDomains: [`a${long}`] })).not.toBeNull();
  });
});
