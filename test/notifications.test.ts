/**
 * Notifications by e-mail (SPEC §11), through HTTP with a real SMTP listener: messages, the item
 * digest, accepted invitations; each recipient reads only what the rule lets them read; nothing
 * for archived workgroups, blocked people or people who turned it off; one-click unsubscribe.
 */
import { startApp, type TestApp } from './helpers/strapi';
import { bearer, createUser, createWorkgroup, type TestUser } from './helpers/factories';
import { freePort, invitationLink, startSmtp, tokenOf, type SmtpListener } from './helpers/smtp';
import { listen } from './helpers/browser';
import { OUTBOX, outboxRows, settled, until } from './helpers/outbox';

const SETTING = 'plugin::extranet.notification-setting';

describe('notifications', () => {
  let smtp: SmtpListener;
  let app: TestApp;
  let publicUrl: string;
  let employee: TestUser;
  let partner: TestUser;

  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    app = await startApp({
      env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), EXTRANET_PUBLIC_URL: publicUrl, EXTRANET_NOTIFICATION_DIGEST_MINUTES: '0.05' },
    });
    await listen(app.strapi, port);
    employee = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
    partner = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
    await createWorkgroup(app.strapi, { extranet: true, members: [[employee, 'owner'], [partner, 'member']] });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const api = () => app.http();
  const settingsOf = (user: TestUser) => api().get('/api/extranet/me/notifications').set(bearer(user));
  const sendMessage = (from: TestUser, to: TestUser, body: string) => api().post('/api/extranet/messages').set(bearer(from)).send({ to: to.id, body });
  const unsubscribeLinkIn = (text: string) => {
    const match = text.match(/https?:\/\/\S+\/extranet\/notifications\/unsubscribe\/[0-9]+\.[A-Za-z0-9_-]+/);
    if (!match) throw new Error(`no unsubscribe link in: ${text}`);
    return match[0];
  };

  describe('preferences', () => {
    it('are on by default, and PUT validates the body (400 naming the field)', async () => {
      const person = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const shown = await settingsOf(person);
      expect(shown.status).toBe(200);
      expect(shown.body.data).toEqual({ messages: true, digest: true });
      for (const [body, field] of [
        [{ messages: 'yes', digest: true }, 'messages'],
        [{ messages: true }, 'digest'],
        [{ messages: true, digest: false, sms: true }, 'sms'],
        [[true], 'messages'],
      ] as const) {
        const res = await api().put('/api/extranet/me/notifications').set(bearer(person)).send(body as any);
        expect(res.status).toBe(400);
        expect(res.body.error.details.errors[0].path).toEqual([field]);
      }
      expect(await app.strapi.db.query(SETTING).count({ where: { user: person.id } })).toBe(0);
      const put = await api().put('/api/extranet/me/notifications').set(bearer(person)).send({ messages: false, digest: true });
      expect(put.status).toBe(200);
      expect(put.body.data).toEqual({ messages: false, digest: true });
      expect(await app.strapi.db.query(SETTING).findOne({ where: { user: person.id } })).toMatchObject({ messages: false, digest: true });
      expect((await settingsOf(person)).body.data).toEqual({ messages: false, digest: true });
      expect((await api().get('/api/extranet/me/notifications')).status).toBe(403);
    });
  });

  describe('a message', () => {
    it('mails its recipient, plain text and escaped HTML, with an unsubscribe link', async () => {
      const before = smtp.messages.length;
      const res = await sendMessage(employee, partner, 'Hello <script>alert(1)</script> & welcome');
      expect(res.status).toBe(201);
      const mail = await smtp.nextTo(partner.email, before);
      expect(mail.subject).toMatch(/^New message from /);
      expect(mail.text).toContain('Hello <script>alert(1)</script> & welcome');
      expect(mail.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; welcome');
      expect(mail.html).not.toContain('<script>');
      expect(unsubscribeLinkIn(mail.text).startsWith(`${publicUrl}/extranet/notifications/unsubscribe/${partner.id}.`)).toBe(true);
      const rows = await settled(app.strapi, { kind: 'message', recipientUser: partner.id });
      expect(rows.map((r: any) => r.status)).toEqual(['sent']);
      // No message text waits in the queue: the mail is rendered when it is sent.
      expect(JSON.stringify(rows[0].payload)).not.toContain('Hello');
    });

    it('sends nothing to someone who turned messages off', async () => {
      const quiet = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
      expect((await api().put('/api/extranet/me/notifications').set(bearer(quiet)).send({ messages: false, digest: true })).status).toBe(200);
      const before = smtp.messages.length;
      expect((await sendMessage(employee, quiet, 'You will not be told')).status).toBe(201);
      const rows = await settled(app.strapi, { kind: 'message', recipientUser: quiet.id });
      expect(rows).toEqual([expect.objectContaining({ status: 'dropped' })]);
      expect(smtp.messages.slice(before).filter((m) => m.to.includes(quiet.email))).toEqual([]);
    });

    it('sends nothing to someone blocked before the mail went out', async () => {
      const soonBlocked = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
      // Queued as if the message had just been written, then the person is blocked.
      const outbox = app.strapi.plugin('extranet').service('outbox');
      const message = await app.strapi.db.query('plugin::extranet.message').create({ data: { sender: employee.id, recipient: soonBlocked.id, body: 'too late' } });
      await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: soonBlocked.id }, data: { blocked: true } });
      await outbox.queue({ kind: 'message', recipientUser: soonBlocked.id, payload: { messageId: message.id } });
      const rows = await settled(app.strapi, { kind: 'message', recipientUser: soonBlocked.id });
      expect(rows).toEqual([expect.objectContaining({ status: 'dropped' })]);
      expect(smtp.messages.filter((m) => m.to.includes(soonBlocked.email))).toEqual([]);
    });
  });

  describe('the unsubscribe link', () => {
    it('turns both off in one click and says so; a tampered link changes nothing', async () => {
      const person = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
      const before = smtp.messages.length;
      expect((await sendMessage(employee, person, 'ping')).status).toBe(201);
      const link = unsubscribeLinkIn((await smtp.nextTo(person.email, before)).text);
      const path = new URL(link).pathname;

      const tampered = await api().get(path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
      expect(tampered.status).toBe(404);
      const other = await api().get(path.replace(`/${person.id}.`, `/${employee.id}.`));
      expect(other.status).toBe(404);
      expect((await settingsOf(person)).body.data).toEqual({ messages: true, digest: true });
      expect((await settingsOf(employee)).body.data).toEqual({ messages: true, digest: true });

      const page = await api().get(path);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain('Notifications turned off');
      expect((await settingsOf(person)).body.data).toEqual({ messages: false, digest: false });
      expect(await app.strapi.db.query(SETTING).findOne({ where: { user: person.id } })).toMatchObject({ messages: false, digest: false });
    });
  });

  describe('an accepted invitation', () => {
    it('mails the inviter', async () => {
      const owner = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
      const wg = await createWorkgroup(app.strapi, { extranet: true, name: 'Joinable group', members: [[owner, 'owner']] });
      const email = `joiner-${process.pid}@supplier.example`;
      let before = smtp.messages.length;
      expect((await api().post(`/api/extranet/workgroups/${wg.documentId}/invitations`).set(bearer(owner)).send({ email })).status).toBe(201);
      const token = tokenOf(invitationLink(await smtp.nextTo(email, before)));
      before = smtp.messages.length;
      const accepted = await api().post('/api/extranet/invitations/accept').send({ token, password: 'A-long-enough-secret-1', firstname: 'Jo', lastname: 'Iner' });
      expect(accepted.status).toBe(200);
      const mail = await smtp.nextTo(owner.email, before);
      expect(mail.subject).toBe('Jo Iner joined the workgroup "Joinable group"');
      expect(unsubscribeLinkIn(mail.text)).toContain(`/unsubscribe/${owner.id}.`);
      expect((await settled(app.strapi, { kind: 'accepted', recipientUser: owner.id })).map((r: any) => r.status)).toEqual(['sent']);
    });
  });

  describe('the digest', () => {
    it("names to each member only what the rule lets them read, never another group's item, and nothing of archived groups", async () => {
      const staff = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
      const acme = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const globex = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const sleeper = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const offline = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const acmeGroup = await createWorkgroup(app.strapi, { extranet: true, name: 'Acme digest group', members: [[staff, 'owner'], [acme, 'member'], [offline, 'member']] });
      const globexGroup = await createWorkgroup(app.strapi, { extranet: true, name: 'Globex digest group', members: [[staff, 'owner'], [globex, 'member']] });
      const archivedGroup = await createWorkgroup(app.strapi, { extranet: true, name: 'Archived digest group', members: [[staff, 'owner'], [sleeper, 'member']] });
      expect((await api().put('/api/extranet/me/notifications').set(bearer(offline)).send({ messages: true, digest: false })).status).toBe(200);

      const post = (title: string, workgroup: any) => api().post('/api/documents').set(bearer(staff)).send({ data: { title, workgroup: workgroup.documentId, extranet: true } });
      expect((await post('Acme price list <b>', acmeGroup)).status).toBe(201);
      expect((await post('Globex roadmap', globexGroup)).status).toBe(201);
      expect((await post('Archived minutes', archivedGroup)).status).toBe(201);
      expect((await api().post(`/api/extranet/workgroups/${archivedGroup.documentId}/archive`).set(bearer(staff))).status).toBe(200);

      const acmeMail = await smtp.waitFor((m) => m.to.includes(acme.email) && /in your workgroups/.test(m.subject), 30000);
      const globexMail = await smtp.waitFor((m) => m.to.includes(globex.email) && /in your workgroups/.test(m.subject), 30000);
      // The items were written one by one: a scan may fall between them, so the owner of both
      // groups may get them over two digests.
      const staffDigests = () => smtp.messages.filter((m) => m.to.includes(staff.email) && /in your workgroups/.test(m.subject));
      await smtp.waitFor(() => /Globex roadmap/.test(staffDigests().map((m) => m.text).join('\n')) && /Acme price list/.test(staffDigests().map((m) => m.text).join('\n')), 30000);
      const staffMail = { text: staffDigests().map((m) => m.text).join('\n') };

      expect(acmeMail.text).toContain('Acme price list <b>');
      expect(acmeMail.html).toContain('Acme price list &lt;b&gt;');
      expect(acmeMail.text).not.toMatch(/Globex|Archived/);
      expect(globexMail.text).toContain('Globex roadmap');
      expect(globexMail.text).not.toMatch(/Acme|Archived/);
      expect(staffMail.text).toContain('Acme price list');
      expect(staffMail.text).toContain('Globex roadmap');
      expect(staffMail.text).not.toContain('Archived minutes');
      expect(unsubscribeLinkIn(acmeMail.text)).toContain(`/unsubscribe/${acme.id}.`);

      // The next digest covers only what changed since the last one, a window later.
      const before = smtp.messages.length;
      expect((await post('Acme second edition', acmeGroup)).status).toBe(201);
      const second = await smtp.waitFor((m, i) => i >= before && m.to.includes(acme.email) && /in your workgroups/.test(m.subject), 30000);
      expect(second.text).toContain('Acme second edition');
      expect(second.text).not.toContain('Acme price list');

      // Two scans have run to their end by now: the archived group's member and the one who
      // turned the digest off have none.
      const digests = await until(() => outboxRows(app.strapi, { kind: 'digest' }), (rows) => rows.every((r: any) => r.status !== 'queued'));
      const of = (user: TestUser) => digests.filter((r: any) => r.recipientUser === user.id);
      expect(of(sleeper)).toEqual([]);
      expect(of(offline)).toEqual([]);
      expect(of(acme)).toHaveLength(2);
      const [first, next] = of(acme);
      expect(Number(next.payload.since)).toBe(Number(first.payload.until));
      expect(Number(next.payload.until) - Number(first.payload.until)).toBeGreaterThanOrEqual(0.05 * 60 * 1000);
      const setting = await app.strapi.db.query(SETTING).findOne({ where: { user: acme.id } });
      expect(Number(setting.lastDigestAt)).toBe(Number(next.payload.until));
      expect(smtp.messages.filter((m) => m.to.includes(sleeper.email) || m.to.includes(offline.email))).toEqual([]);
      expect(await app.strapi.db.query(OUTBOX).count({ where: { kind: 'digest', recipientUser: acme.id, status: 'sent' } })).toBe(2);
    });
  });
});
