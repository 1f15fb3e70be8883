/**
 * Governance (SPEC §10): membership expiry and sponsors, renewal, leaving, deleting one's own
 * account, and the access report. Every expiry is a date in the stored membership: nothing runs
 * to end access, so these tests move expiresAt and ask again.
 */
import { startApp, type TestApp } from './helpers/strapi';
import { bearer, createItem, createUser, createWorkgroup, PASSWORD, type TestUser } from './helpers/factories';
import { freePort, invitationLink, startSmtp, tokenOf, type SmtpListener } from './helpers/smtp';
import { listen } from './helpers/browser';
import { bodyOf } from './helpers/contracts';
import type { GetContacts, GetMe, GetWorkgroupMembers } from '../plugins/extranet/shared/contracts';

const MEMBERSHIP = 'plugin::extranet.membership';
const USER = 'plugin::users-permissions.user';
const DOCUMENT = 'api::document.document';
const DAY = 86_400_000;

describe('governance', () => {
  let smtp: SmtpListener;
  let app: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  let sponsor: TestUser;
  let member: TestUser;
  let partner: TestUser;
  let coPartner: TestUser;

  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await freePort();
    app = await startApp({
      env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), EXTRANET_PUBLIC_URL: `http://127.0.0.1:${port}`, EXTRANET_EXTERNAL_MEMBERSHIP_DAYS: '30' },
    });
    await listen(app.strapi, port);
    const s = app.strapi;
    admin = await createUser(s, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
    owner = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    sponsor = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    member = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    partner = await createUser(s, { kind: 'external', groups: ['extranet-users'] });
    coPartner = await createUser(s, { kind: 'external', groups: ['extranet-users'] });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const api = (user: TestUser) => ({
    get: (path: string) => app.http().get(`/api/extranet${path}`).set(bearer(user)),
    post: (path: string, body?: object) => app.http().post(`/api/extranet${path}`).set(bearer(user)).send(body ?? {}),
    del: (path: string) => app.http().delete(`/api/extranet${path}`).set(bearer(user)),
  });
  const membership = (wg: any, user: TestUser) =>
    app.strapi.db.query(MEMBERSHIP).findOne({ where: { workgroup: { documentId: wg.documentId }, user: { id: user.id } }, populate: { sponsor: true } });
  const setExpiry = async (wg: any, user: TestUser, expiresAt: Date | null, sponsorId?: number) => {
    const m = await membership(wg, user);
    await app.strapi.db.query(MEMBERSHIP).update({ where: { id: m.id }, data: { expiresAt, ...(sponsorId ? { sponsor: sponsorId } : {}) } });
  };
  /** What a partner reads of a workgroup: the group, its items (with the total), /me, contacts. */
  const sight = async (user: TestUser, wg: any) => {
    const documents = await app.http().get('/api/documents?pagination[pageSize]=100').set(bearer(user));
    const graphql = await app.http().post('/graphql').set(bearer(user)).send({ query: '{ documents_connection { pageInfo { total } } }' });
    const me = await api(user).get('/me');
    const contacts = await api(user).get('/contacts');
    return {
      workgroup: (await api(user).get(`/workgroups/${wg.documentId}`)).status,
      documents: documents.body.data.map((d: any) => d.title).sort(),
      total: documents.body.meta.pagination.total,
      graphqlTotal: graphql.body.data?.documents_connection?.pageInfo?.total,
      me: bodyOf<GetMe.Response>(me).data.workgroups.map((w) => w.documentId),
      contacts: bodyOf<GetContacts.Response>(contacts).data.myWorkgroups.map((p) => p.id),
    };
  };

  describe('membership expiry', () => {
    it('grants nothing from the instant it expires, through every door; renewal by the sponsor restores it at once', async () => {
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner'], [partner, 'member'], [coPartner, 'member']] });
      await createItem(app.strapi, DOCUMENT, { title: 'Expiry plan', extranet: true, workgroup: wg.documentId });
      const before = await sight(partner, wg);
      expect(before).toMatchObject({ workgroup: 200, documents: ['Expiry plan'], total: 1, graphqlTotal: 1, me: [wg.documentId] });
      expect(before.contacts).toContain(coPartner.id);

      await setExpiry(wg, partner, new Date(Date.now() - 1000), sponsor.id);
      expect(await sight(partner, wg)).toEqual({ workgroup: 404, documents: [], total: 0, graphqlTotal: 0, me: [], contacts: [] });
      // and the others no longer see the expired partner as a member or a contact
      expect(bodyOf<GetContacts.Response>(await api(coPartner).get('/contacts')).data.myWorkgroups.map((p) => p.id)).not.toContain(partner.id);
      expect(bodyOf<GetWorkgroupMembers.Response>(await api(owner).get(`/workgroups/${wg.documentId}/members`)).data.find((m) => m.user.id === partner.id))
        .toMatchObject({ status: 'active', expired: true, sponsor: sponsor.id });

      const renewed = await api(sponsor).post(`/workgroups/${wg.documentId}/members/${partner.id}/renew`, { days: 10 });
      expect(renewed.status).toBe(200);
      const stored = await membership(wg, partner);
      expect(new Date(stored.expiresAt).getTime()).toBeGreaterThan(Date.now() + 9 * DAY);
      expect(new Date(renewed.body.data.expiresAt).getTime()).toBe(new Date(stored.expiresAt).getTime());
      expect(await sight(partner, wg)).toMatchObject({ workgroup: 200, documents: ['Expiry plan'], total: 1, graphqlTotal: 1, me: [wg.documentId] });
      const activity = await api(owner).get(`/workgroups/${wg.documentId}/activity`);
      expect(activity.body.data.map((a: any) => a.type)).toContain('member.renewed');
    });

    it('is renewed by the sponsor, the owner, moderators and admins; plain members 403; outsiders 404; archived 409', async () => {
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner'], [member, 'member'], [partner, 'member']] });
      await setExpiry(wg, partner, new Date(Date.now() + DAY), sponsor.id);
      const renew = (user: TestUser, body: object = { days: 5 }) => api(user).post(`/workgroups/${wg.documentId}/members/${partner.id}/renew`, body);
      const expiry = async () => new Date((await membership(wg, partner)).expiresAt).getTime();

      const untouched = await expiry();
      expect((await renew(member)).status).toBe(403);
      expect((await renew(coPartner)).status).toBe(404);
      expect(await expiry()).toBe(untouched);
      for (const user of [owner, admin, sponsor]) expect((await renew(user)).status).toBe(200);
      // the default is externalMembershipDays (30 here)
      expect((await renew(owner, {})).status).toBe(200);
      expect(await expiry()).toBeGreaterThan(Date.now() + 29 * DAY);

      const bad = await renew(owner, { days: 'ten' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0].path).toEqual(['days']);
      expect((await renew(owner, { days: 0 })).status).toBe(400);
      expect((await renew(owner, { days: 5, extra: 1 })).body.error.details.errors[0].path).toEqual(['extra']);
      expect((await api(owner).post(`/workgroups/${wg.documentId}/members/${coPartner.id}/renew`, { days: 5 })).status).toBe(404);

      await app.strapi.db.query('plugin::extranet.workgroup').update({ where: { documentId: wg.documentId }, data: { archived: true } });
      const before = await expiry();
      const archived = await renew(sponsor);
      expect(archived.status).toBe(409);
      expect(archived.body.error.name).toBe('WorkgroupArchived');
      expect(await expiry()).toBe(before);
    });

    it('gives an accepted invitation its expiry (externalMembershipDays) and the inviter as sponsor', async () => {
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner'], [sponsor, 'moderator']] });
      const email = `sponsored-${process.pid}@partner.example`;
      expect((await api(sponsor).post(`/workgroups/${wg.documentId}/invitations`, { email })).status).toBe(201);
      const mail = await smtp.waitFor((m) => m.to.includes(email));
      const accepted = await app.http().post('/api/extranet/invitations/accept')
        .send({ token: tokenOf(invitationLink(mail)), password: 'Sponsored-pass-2026', firstname: 'Sam', lastname: 'Sponsored' });
      expect(accepted.status).toBe(200);
      const stored = await app.strapi.db.query(MEMBERSHIP).findOne({ where: { user: { id: accepted.body.user.id } }, populate: { sponsor: true } });
      expect(stored.sponsor.id).toBe(sponsor.id);
      const days = (new Date(stored.expiresAt).getTime() - Date.now()) / DAY;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
    });
  });

  describe('expiry reminders', () => {
    it('mails the partner and the sponsor once, expiryReminderDays before; renewing arms the next reminder', async () => {
      const soon = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const later = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const frozen = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const wg = await createWorkgroup(app.strapi, { extranet: true, name: 'Reminded group', members: [[owner, 'owner'], [soon, 'member'], [later, 'member']] });
      const archivedGroup = await createWorkgroup(app.strapi, { extranet: true, archived: true, members: [[owner, 'owner'], [frozen, 'member']] });
      await setExpiry(wg, soon, new Date(Date.now() + 2 * DAY), sponsor.id);
      await setExpiry(wg, later, new Date(Date.now() + 20 * DAY), sponsor.id);
      await setExpiry(archivedGroup, frozen, new Date(Date.now() + 2 * DAY), sponsor.id);
      const expiry = app.strapi.plugin('extranet').service('expiry');

      await expiry.scanDueReminders();
      const toPartner = await smtp.waitFor((m) => m.to.includes(soon.email) && m.subject.includes('Reminded group'));
      expect(toPartner.text).toContain('Your membership of the workgroup "Reminded group" ends on');
      const toSponsor = await smtp.waitFor((m) => m.to.includes(sponsor.email) && m.subject.includes('Reminded group'));
      expect(toSponsor.text).toContain(`The membership of ${soon.username}, whom you sponsor`);
      expect((await membership(wg, soon)).expiryReminderSentAt).toBeTruthy();
      expect((await membership(wg, later)).expiryReminderSentAt).toBeNull();
      expect((await membership(archivedGroup, frozen)).expiryReminderSentAt).toBeNull();

      // once: a second scan queues nothing
      expect(await expiry.scanDueReminders()).toBe(0);
      const outbox = () => app.strapi.db.query('plugin::extranet.outbox-mail').count({ where: { kind: 'expiry', recipientUser: soon.id } });
      expect(await outbox()).toBe(1);
      // renewing (beyond the reminder window) clears the mark: the next expiry is reminded again
      // when it comes near, once, whoever scans first (this test or the worker's own tick)
      expect((await api(sponsor).post(`/workgroups/${wg.documentId}/members/${soon.id}/renew`, { days: 30 })).status).toBe(200);
      expect((await membership(wg, soon)).expiryReminderSentAt).toBeNull();
      await setExpiry(wg, soon, new Date(Date.now() + 2 * DAY));
      await expiry.scanDueReminders();
      expect(await outbox()).toBe(2);
      expect(await expiry.scanDueReminders()).toBe(0);
      expect(await outbox()).toBe(2);
    });
  });

  describe('leaving', () => {
    it('lets a member leave (204, membership gone); the owner 409 OwnerRequired; archived 409', async () => {
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner'], [member, 'member'], [partner, 'member']] });
      expect((await api(member).del(`/workgroups/${wg.documentId}/members/me`)).status).toBe(204);
      expect(await membership(wg, member)).toBeNull();
      expect((await api(member).get(`/workgroups/${wg.documentId}`)).status).toBe(404);

      const ownerLeaves = await api(owner).del(`/workgroups/${wg.documentId}/members/me`);
      expect(ownerLeaves.status).toBe(409);
      expect(ownerLeaves.body.error.name).toBe('OwnerRequired');
      expect((await membership(wg, owner)).role).toBe('owner');

      await app.strapi.db.query('plugin::extranet.workgroup').update({ where: { documentId: wg.documentId }, data: { archived: true } });
      const archived = await api(partner).del(`/workgroups/${wg.documentId}/members/me`);
      expect(archived.status).toBe(409);
      expect(archived.body.error.name).toBe('WorkgroupArchived');
      expect(await membership(wg, partner)).not.toBeNull();
      expect((await api(coPartner).del(`/workgroups/${wg.documentId}/members/me`)).status).toBe(404);
    });
  });

  describe("deleting one's own account", () => {
    it('refuses a wrong or missing password (400 on password), employees (403) and owners (409); nothing changes', async () => {
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[partner, 'owner']] });
      const wrong = await api(coPartner).post('/me/delete', { password: 'not-the-password' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.details.errors[0].path).toEqual(['password']);
      expect((await api(coPartner).post('/me/delete', {})).body.error.details.errors[0].path).toEqual(['password']);
      expect((await api(coPartner).post('/me/delete', { password: ['x'] })).status).toBe(400);
      expect((await api(member).post('/me/delete', { password: PASSWORD })).status).toBe(403);
      const ownerDeletes = await api(partner).post('/me/delete', { password: PASSWORD });
      expect(ownerDeletes.status).toBe(409);
      expect(ownerDeletes.body.error.name).toBe('OwnerRequired');
      for (const user of [coPartner, member, partner]) expect(await app.strapi.db.query(USER).findOne({ where: { id: user.id } })).not.toBeNull();
      expect(await membership(wg, partner)).not.toBeNull();
    });

    it('removes the account with its memberships and pending invitations in one go; messages and tickets stay', async () => {
      const leaver = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner'], [leaver, 'member']] });
      const other = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner']] });
      expect((await api(owner).post(`/workgroups/${other.documentId}/invitations`, { email: leaver.email })).status).toBe(201);
      expect((await api(leaver).post('/messages', { to: owner.id, body: 'Goodbye' })).status).toBe(201);
      expect((await api(owner).post('/messages', { to: leaver.id, body: 'Farewell' })).status).toBe(201);
      const ticket = await app.http().post('/api/tickets').set(bearer(leaver)).send({ data: { subject: 'Last one', body: 'x', extranet: true } });
      expect(ticket.status).toBe(201);
      const seatsBefore = (await api(admin).get('/seats')).body.data.used;

      expect((await api(leaver).post('/me/delete', { password: PASSWORD })).status).toBe(204);
      expect(await app.strapi.db.query(USER).findOne({ where: { id: leaver.id } })).toBeNull();
      expect(await app.strapi.db.query(MEMBERSHIP).count({ where: { user: { id: leaver.id } } })).toBe(0);
      expect(await app.strapi.db.query('plugin::extranet.invitation').count({ where: { email: leaver.email, status: 'pending' } })).toBe(0);
      expect((await api(admin).get('/seats')).body.data.used).toBe(seatsBefore - 1);
      const conversation = await api(owner).get(`/messages?with=${leaver.id}`);
      expect(conversation.status).toBe(200);
      expect(conversation.body.data.map((m: any) => [m.body, m.from, m.fromName])).toEqual([
        ['Goodbye', leaver.id, 'Former partner'],
        ['Farewell', owner.id, null],
      ]);
      const storedTicket = await app.strapi.db.query('api::ticket.ticket').findOne({ where: { documentId: ticket.body.data.documentId }, populate: { author: true } });
      expect(storedTicket).toMatchObject({ subject: 'Last one', author: null });
      expect((await api(owner).get(`/workgroups/${wg.documentId}/activity`)).body.data.map((a: any) => a.type)).toContain('member.left');
      // the old token is worth nothing now
      expect((await api(leaver).get('/me')).status).toBe(401);
    });
  });

  describe('the access report', () => {
    it('lists one row per person and workgroup, with sponsor, inviter, expiry and last seen (extranet admins only)', async () => {
      const odd = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      await app.strapi.db.query(USER).update({ where: { id: odd.id }, data: { firstname: '=HYPERLINK("x")', lastname: 'Quote"d', company: 'Acme, Inc.' } });
      const wg = await createWorkgroup(app.strapi, { extranet: true, name: 'Audit, "north"', members: [[owner, 'owner'], [odd, 'member']] });
      await setExpiry(wg, odd, new Date(Date.now() - DAY), sponsor.id);
      expect((await api(odd).get('/me')).status).toBe(200); // a request: last seen now

      expect((await api(owner).get('/report')).status).toBe(403);
      expect((await api(partner).get('/report')).status).toBe(403);
      const json = await api(admin).get('/report');
      expect(json.status).toBe(200);
      const row = json.body.data.find((r: any) => r.personId === odd.id && r.workgroup === 'Audit, "north"');
      expect(row).toMatchObject({ kind: 'external', role: 'member', status: 'expired', company: 'Acme, Inc.', extranetGroups: 'extranet-users' });
      expect(row.sponsor).toBe(sponsor.username);
      expect(new Date(row.lastSeenAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(json.body.data.some((r: any) => r.personId === admin.id && r.workgroup === null)).toBe(true);
      expect(json.body.meta.seats).toMatchObject({ used: expect.any(Number) });

      const csv = await api(admin).get('/report?format=csv');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="extranet-access-report-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = csv.text.split('\r\n');
      expect(lines[0]).toBe('personId,name,email,company,kind,extranetGroups,workgroup,role,status,sponsor,invitedBy,joinedAt,expiresAt,lastSeenAt');
      expect(csv.text.endsWith('\r\n')).toBe(true);
      const line = lines.find((l) => l.startsWith(`${odd.id},`))!;
      expect(line).toContain(`"'=HYPERLINK(""x"") Quote""d"`);
      expect(line).toContain(',"Acme, Inc.",external,extranet-users,"Audit, ""north""",member,expired,');
      expect((await api(admin).get('/report?format=xml')).body.error.details.errors[0].path).toEqual(['format']);
    });

    it('keeps lastSeenAt to at most one write an hour per person', async () => {
      const seen = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      await api(seen).get('/me');
      const first = (await app.strapi.db.query(USER).findOne({ where: { id: seen.id } })).extranetLastSeenAt;
      expect(first).toBeTruthy();
      await api(seen).get('/me');
      expect((await app.strapi.db.query(USER).findOne({ where: { id: seen.id } })).extranetLastSeenAt).toEqual(first);
      const anHourAgo = new Date(Date.now() - 3600_000 - 1000);
      await app.strapi.db.query(USER).update({ where: { id: seen.id }, data: { extranetLastSeenAt: anHourAgo } });
      await api(seen).get('/me');
      const later = (await app.strapi.db.query(USER).findOne({ where: { id: seen.id } })).extranetLastSeenAt;
      expect(new Date(later).getTime()).toBeGreaterThan(anHourAgo.getTime());
    });
  });

  describe('access reviews', () => {
    const reviewOf = (id: string) => app.strapi.db.query('plugin::extranet.review').findOne({ where: { documentId: id } });

    it('opens on every external member, takes decisions from managers and sponsors, and suspends the others at close', async () => {
      const kept = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const dropped = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const sponsored = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner'], [member, 'moderator'], [kept, 'member'], [dropped, 'member'], [sponsored, 'member']] });
      await setExpiry(wg, sponsored, null, sponsor.id);
      await createItem(app.strapi, DOCUMENT, { title: 'Reviewed plan', extranet: true, workgroup: wg.documentId });

      expect((await api(member).post(`/workgroups/${wg.documentId}/reviews`)).status).toBe(403);
      expect((await api(partner).post(`/workgroups/${wg.documentId}/reviews`)).status).toBe(404);
      const bad = await api(owner).post(`/workgroups/${wg.documentId}/reviews`, { dueAt: 'soon' });
      expect([bad.status, bad.body.error.details.errors[0].path]).toEqual([400, ['dueAt']]);
      const past = await api(owner).post(`/workgroups/${wg.documentId}/reviews`, { dueAt: new Date(Date.now() - DAY).toISOString() });
      expect([past.status, past.body.error.details.errors[0].path]).toEqual([400, ['dueAt']]);

      const opened = await api(owner).post(`/workgroups/${wg.documentId}/reviews`);
      expect(opened.status).toBe(201);
      const review = opened.body.data;
      expect(review.status).toBe('open');
      expect(new Date(review.dueAt).getTime()).toBeGreaterThan(Date.now() + 13 * DAY);
      expect(review.people.map((p: any) => p.user.id).sort()).toEqual([kept.id, dropped.id, sponsored.id].sort());
      expect(review.people.every((p: any) => p.keep === null)).toBe(true);
      const second = await api(owner).post(`/workgroups/${wg.documentId}/reviews`);
      expect([second.status, second.body.error.name]).toEqual([409, 'ReviewOpen']);

      // the moderator and the sponsor decide; a partner of the group may not even see the review
      expect((await api(member).post(`/reviews/${review.documentId}/decisions`, { userId: kept.id, keep: true })).status).toBe(200);
      expect((await api(sponsor).get(`/reviews/${review.documentId}`)).status).toBe(200);
      expect((await api(sponsor).post(`/reviews/${review.documentId}/decisions`, { userId: dropped.id, keep: true })).status).toBe(403);
      expect((await api(sponsor).post(`/reviews/${review.documentId}/decisions`, { userId: sponsored.id, keep: true })).status).toBe(200);
      expect((await api(kept).get(`/reviews/${review.documentId}`)).status).toBe(404);
      const keepBad = await api(owner).post(`/reviews/${review.documentId}/decisions`, { userId: kept.id, keep: 'yes' });
      expect([keepBad.status, keepBad.body.error.details.errors[0].path]).toEqual([400, ['keep']]);
      expect((await api(owner).post(`/reviews/${review.documentId}/decisions`, { userId: owner.id, keep: true })).status).toBe(404);
      // the moderator does not close; the owner does
      expect((await api(member).post(`/reviews/${review.documentId}/close`)).status).toBe(403);
      const closed = await api(owner).post(`/reviews/${review.documentId}/close`);
      expect(closed.status).toBe(200);
      expect(closed.body.data.status).toBe('closed');

      expect((await membership(wg, kept)).status).toBe('active');
      expect((await membership(wg, sponsored)).status).toBe('active');
      expect((await membership(wg, dropped)).status).toBe('suspended');
      expect((await sight(dropped, wg)).documents).toEqual([]);
      expect((await sight(kept, wg)).documents).toEqual(['Reviewed plan']);
      const mail = await smtp.waitFor((m) => m.to.includes(dropped.email));
      expect(mail.subject).toContain('has ended');
      const events = (await api(owner).get(`/workgroups/${wg.documentId}/activity`)).body.data;
      expect(events.filter((e: any) => e.type === 'member.suspended').map((e: any) => e.subjectDocumentId)).toEqual([String(dropped.id)]);
      const again = await api(owner).post(`/reviews/${review.documentId}/close`);
      expect([again.status, again.body.error.name]).toEqual([409, 'ReviewClosed']);
      expect((await api(owner).post(`/reviews/${review.documentId}/decisions`, { userId: dropped.id, keep: true })).status).toBe(409);
    });

    it('closes by itself once due: when read, and by the scheduled task', async () => {
      const late = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const later = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const wg1 = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner'], [late, 'member']] });
      const wg2 = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner'], [later, 'member']] });
      const r1 = (await api(owner).post(`/workgroups/${wg1.documentId}/reviews`)).body.data;
      const r2 = (await api(owner).post(`/workgroups/${wg2.documentId}/reviews`)).body.data;
      for (const r of [r1, r2]) {
        await app.strapi.db.query('plugin::extranet.review').update({ where: { documentId: r.documentId }, data: { dueAt: new Date(Date.now() - 1000) } });
      }
      const read = await api(owner).get(`/reviews/${r1.documentId}`);
      expect(read.body.data.status).toBe('closed');
      expect((await membership(wg1, late)).status).toBe('suspended');

      expect((await reviewOf(r2.documentId)).status).toBe('open');
      const outcome = await app.strapi.plugin('extranet').service('review').closeDue();
      expect(outcome).toEqual({ closed: 1, suspended: 1 });
      expect((await reviewOf(r2.documentId)).status).toBe('closed');
      expect((await membership(wg2, later)).status).toBe('suspended');
      expect((await sight(later, wg2)).workgroup).toBe(404);
    });
  });

  describe('why (GET /api/extranet/explain)', () => {
    it('answers the clause for a person and an item, for extranet admins only, and validates its input', async () => {
      const reader = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner'], [reader, 'member']] });
      const doc = await createItem(app.strapi, DOCUMENT, { title: 'Explained', extranet: true, workgroup: wg.documentId });
      const internal = await createItem(app.strapi, DOCUMENT, { title: 'Internal', extranet: false });
      const explain = (user: TestUser, who: TestUser, documentId: string, type = DOCUMENT) =>
        api(user).get(`/explain?user=${who.id}&type=${encodeURIComponent(type)}&documentId=${documentId}`);

      expect((await explain(admin, reader, doc.documentId)).body.data).toEqual({ allowed: true, reason: 'workgroup-member' });
      expect((await explain(admin, reader, internal.documentId)).body.data).toEqual({ allowed: false, reason: 'intranet-item' });
      expect((await explain(admin, coPartner, doc.documentId)).body.data).toEqual({ allowed: false, reason: 'not-a-member' });
      await setExpiry(wg, reader, new Date(Date.now() - 1000));
      expect((await explain(admin, reader, doc.documentId)).body.data).toEqual({ allowed: false, reason: 'membership-expired' });
      await app.strapi.db.query(USER).update({ where: { id: reader.id }, data: { blocked: true } });
      expect((await explain(admin, reader, doc.documentId)).body.data).toEqual({ allowed: false, reason: 'blocked' });
      expect((await explain(admin, admin, doc.documentId)).body.data).toEqual({ allowed: true, reason: 'extranet-admin' });

      expect((await explain(owner, reader, doc.documentId)).status).toBe(403);
      const badType = await explain(admin, reader, doc.documentId, 'api::announcement.announcement');
      expect([badType.status, badType.body.error.details.errors[0].path]).toEqual([400, ['type']]);
      const badUser = await api(admin).get(`/explain?user=x&type=${DOCUMENT}&documentId=${doc.documentId}`);
      expect([badUser.status, badUser.body.error.details.errors[0].path]).toEqual([400, ['user']]);
      expect((await api(admin).get(`/explain?user=999999&type=${DOCUMENT}&documentId=${doc.documentId}`)).status).toBe(404);
      expect((await explain(admin, reader, 'nothing-here')).status).toBe(404);
    });
  });
});
