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
  ])('refuses %j naming the key', (patch, message) => {
    expect(refusal(patch)).toEqual(expect.stringContaining(message));
    expect(refusal(patch)!.startsWith('extranet.')).toBe(true);
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
