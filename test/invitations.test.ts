/**
 * Invitations through the JSON API (SPEC §5), with a real SMTP listener on loopback: every link
 * a test follows was read out of a mail that Strapi's nodemailer provider delivered.
 */
import { createHash, randomBytes } from 'crypto';
import { startApp, type TestApp } from './helpers/strapi';
import { bearer, createUser, createWorkgroup, type TestUser } from './helpers/factories';
import { freePort, invitationLink, startSmtp, tokenOf, type SmtpListener } from './helpers/smtp';
import { clientAgent, listen } from './helpers/browser';
import { settled, until } from './helpers/outbox';

const INVITATION = 'plugin::extranet.invitation';
const PASSWORD = 'Partner-password-2026';
const form = { password: PASSWORD, firstname: 'Pat', lastname: 'Partner', company: 'Acme Supplies', position: 'Buyer' };

let sequence = 0;
const fresh = (name = 'guest', domain = 'partner.example') => `${name}-${process.pid}-${++sequence}@${domain}`;
const randomToken = () => randomBytes(32).toString('base64url');
const pathOf = (link: string) => new URL(link).pathname;

/** Boots Strapi with mail going to `smtp` and links pointing at the port it then listens on. */
async function boot(smtpPort: number, env: Record<string, string> = {}) {
  const port = await freePort();
  const app = await startApp({
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), EXTRANET_PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
  });
  await listen(app.strapi, port);
  return { app, publicUrl: `http://127.0.0.1:${port}` };
}

/** Calls on one app, as a user, as an anonymous client (each from its own address unless told). */
const clientOf = (app: TestApp) => {
  const as = (user: TestUser) => ({
    get: (path: string) => app.http().get(`/api/extranet${path}`).set(bearer(user)),
    post: (path: string, body?: object) => app.http().post(`/api/extranet${path}`).set(bearer(user)).send(body ?? {}),
    del: (path: string) => app.http().delete(`/api/extranet${path}`).set(bearer(user)),
  });
  const accept = (body: object, agent = clientAgent()) =>
    app.http().post('/api/extranet/invitations/accept').agent(agent).send(body);
  const submitPage = (link: string, body: object, agent = clientAgent()) =>
    app.http().post(pathOf(link)).agent(agent).type('form').send(body);
  return { as, accept, submitPage };
};

/** A super admin of the admin panel, signed in: the admin JSON API under /extranet/manage. */
async function superAdminToken(app: TestApp) {
  const password = 'Admin-password-2026';
  const email = `root-${process.pid}@northwind.example`;
  const superRole = await (app.strapi.service('admin::role') as any).getSuperAdmin();
  await (app.strapi.service('admin::user') as any).create({ email, firstname: 'Root', lastname: 'Admin', password, isActive: true, registrationToken: null, roles: [superRole.id] });
  const res = await app.http().post('/admin/login').send({ email, password });
  expect(res.status).toBe(200);
  return res.body.data.token as string;
}

const usersWithEmail = (app: TestApp, email: string) =>
  app.strapi.db.query('plugin::users-permissions.user').count({ where: { email } });

describe('invitations', () => {
  let smtp: SmtpListener;
  let app: TestApp;
  let publicUrl: string;
  let c: ReturnType<typeof clientOf>;
  let admin: TestUser;
  let owner: TestUser;
  let moderator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let intranetOnly: TestUser;
  let external: TestUser;
  let wg: any;

  beforeAll(async () => {
    smtp = await startSmtp();
    ({ app, publicUrl } = await boot(smtp.port));
    c = clientOf(app);
    const s = app.strapi;
    admin = await createUser(s, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
    owner = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    moderator = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    member = await createUser(s, { kind: 'external', groups: ['extranet-users'] });
    outsider = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    intranetOnly = await createUser(s, { kind: 'employee' });
    external = await createUser(s, { kind: 'external', groups: ['extranet-users'] });
    await s.db.query('plugin::users-permissions.user').update({ where: { id: owner.id }, data: { firstname: 'Olivia', lastname: 'Owner' } });
    wg = await createWorkgroup(s, { extranet: true, name: 'Acme supply chain', members: [[owner, 'owner'], [moderator, 'moderator'], [member, 'member']] });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const invite = (by: TestUser, body: object, group = wg) => c.as(by).post(`/workgroups/${group.documentId}/invitations`, body);
  /** Invites a new address and returns the answer, the mail and the link in it. */
  const inviteNew = async (email = fresh(), by = owner, group = wg, extra: object = {}) => {
    const before = smtp.messages.length;
    const res = await invite(by, { email, ...extra }, group);
    expect(res.status).toBe(201);
    const mail = await smtp.nextTo(email.trim().toLowerCase(), before);
    const link = invitationLink(mail);
    const row = await app.strapi.db.query(INVITATION).findOne({ where: { documentId: res.body.data.documentId } });
    expect((await settled(app.strapi, { invitation: row.id })).map((m: any) => m.status)).toEqual(['sent']);
    return { res, invitation: res.body.data, mail, link, token: tokenOf(link), email: email.trim().toLowerCase() };
  };
  const activityTypes = async (group = wg) =>
    (await c.as(owner).get(`/workgroups/${group.documentId}/activity?pageSize=100`)).body.data.map((a: any) => [a.type, a.subjectDocumentId]);
  const pending = async (group = wg, by = owner) =>
    (await c.as(by).get(`/workgroups/${group.documentId}/invitations`)).body.data.map((i: any) => i.email);

  describe('inviting a new address', () => {
    it('answers 201 with the pending invitation (never the token) and mails a link to the acceptance page', async () => {
      const { res, mail, link, token, email } = await inviteNew(fresh('newcomer'), owner, wg, { message: 'Welcome aboard!' });
      expect(res.body.meta).toEqual({ outcome: 'invited' });
      expect(res.body.data).toMatchObject({ email, role: 'member', status: 'pending', message: 'Welcome aboard!', workgroup: { name: 'Acme supply chain' } });
      expect(res.body.data).not.toHaveProperty('tokenHash');
      expect(JSON.stringify(res.body)).not.toContain(token);

      expect(mail.subject).toBe('Invitation to the workgroup "Acme supply chain"');
      expect(mail.text).toContain('Olivia Owner invited you');
      expect(mail.text).toContain('Welcome aboard!');
      expect(link.startsWith(`${publicUrl}/extranet/invitations/`)).toBe(true);
      expect(mail.html).toContain(`href="${link}"`);
      // 256 bits, base64url
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);

      // Only the SHA-256 of the token is stored.
      const row = await app.strapi.db.query(INVITATION).findOne({ where: { documentId: res.body.data.documentId } });
      expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(token);
      const expected = Date.now() + 168 * 3600 * 1000;
      expect(Math.abs(new Date(row.expiresAt).getTime() - expected)).toBeLessThan(60_000);
    });

    it('accepting in JSON creates the external, its membership and extranet access, and answers { jwt, user }', async () => {
      const { token, email, invitation } = await inviteNew(fresh('json'));
      const res = await c.accept({ token, ...form });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ email, firstname: 'Pat', lastname: 'Partner', company: 'Acme Supplies', position: 'Buyer', confirmed: true, blocked: false });
      expect(res.body.user).not.toHaveProperty('password');
      expect(res.body.user.username).toMatch(/^json-/);
      expect(JSON.stringify(res.body)).not.toContain('$2');

      const me = await app.http().get('/api/extranet/me').set({ Authorization: `Bearer ${res.body.jwt}` });
      expect(me.status).toBe(200);
      expect(me.body.data).toMatchObject({ kind: 'external', extranetGroups: ['extranet-users'] });
      expect(me.body.data.workgroups).toEqual([expect.objectContaining({ documentId: wg.documentId, role: 'member' })]);

      // The new partner logs in with the password it chose.
      const login = await app.http().post('/api/auth/local').send({ identifier: email, password: PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.user.id).toBe(res.body.user.id);

      const row = await app.strapi.db.query(INVITATION).findOne({ where: { documentId: invitation.documentId }, populate: ['acceptedBy'] });
      expect(row).toMatchObject({ status: 'accepted', acceptedBy: { id: res.body.user.id } });
      expect(row.acceptedAt).toBeTruthy();
      expect(await activityTypes()).toEqual(
        expect.arrayContaining([
          ['invitation.sent', invitation.documentId],
          ['invitation.accepted', String(res.body.user.id)],
          ['member.joined', String(res.body.user.id)],
        ])
      );

      // Single use.
      const again = await c.accept({ token, ...form });
      expect(again.status).toBe(410);
      expect(again.body.error.name).toBe('InvitationInvalid');
    });

    it('refuses bad accept input with 400 naming the field, and the token still works afterwards', async () => {
      const { token } = await inviteNew();
      const short = await c.accept({ token, ...form, password: 'too-short' });
      expect(short.status).toBe(400);
      expect(short.body.error.details.errors.map((e: any) => e.path[0])).toEqual(['password']);
      const noName = await c.accept({ token, ...form, lastname: '   ' });
      expect(noName.status).toBe(400);
      expect(noName.body.error.details.errors.map((e: any) => e.path[0])).toEqual(['lastname']);
      const mismatch = await c.accept({ token, ...form, passwordConfirmation: 'Something-else-2026' });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.error.details.errors.map((e: any) => e.path[0])).toEqual(['passwordConfirmation']);
      const unknown = await c.accept({ token, ...form, role: 'authenticated' });
      expect(unknown.status).toBe(400);
      expect((await c.accept({ ...form })).status).toBe(400);
      expect((await c.accept({ token, ...form, passwordConfirmation: PASSWORD })).status).toBe(200);
    });

    it('normalises addresses: case and surrounding spaces never make a second invitation', async () => {
      const email = fresh('MiXed', 'Partner.Example');
      const { invitation } = await inviteNew(`  ${email}  `);
      expect(invitation.email).toBe(email.toLowerCase());
      const twice = await invite(owner, { email: email.toUpperCase() });
      expect(twice.status).toBe(409);
      expect(twice.body.error.name).toBe('InvitationPending');
      expect(await pending()).toContain(email.toLowerCase());
    });

    it('lets moderators and extranet admins invite; members 403; people who cannot see the group 404', async () => {
      await inviteNew(fresh(), moderator);
      await inviteNew(fresh(), admin);
      const byMember = await invite(member, { email: fresh() });
      expect(byMember.status).toBe(403);
      expect((await invite(outsider, { email: fresh() })).status).toBe(404);
      expect((await invite(intranetOnly, { email: fresh() })).status).toBe(404);
      const anonymous = await app.http().post(`/api/extranet/workgroups/${wg.documentId}/invitations`).send({ email: fresh() });
      expect([401, 403]).toContain(anonymous.status);
      expect((await invite(owner, { email: fresh() }, { documentId: 'nosuchworkgroup' })).status).toBe(404);
    });

    it('lets only the owner (or an admin) invite moderators', async () => {
      expect((await invite(moderator, { email: fresh(), role: 'moderator' })).status).toBe(403);
      const { invitation, token } = await inviteNew(fresh(), owner, wg, { role: 'moderator' });
      expect(invitation.role).toBe('moderator');
      const res = await c.accept({ token, ...form });
      expect(res.status).toBe(200);
      const members = (await c.as(owner).get(`/workgroups/${wg.documentId}/members`)).body.data;
      expect(members.find((m: any) => m.user.id === res.body.user.id)).toMatchObject({ role: 'moderator', status: 'active' });
    });

    it('answers 400 naming the field for a bad address, role or unknown field', async () => {
      const bad = await invite(owner, { email: 'not-an-address' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0].path).toEqual(['email']);
      const role = await invite(owner, { email: fresh(), role: 'owner' });
      expect(role.status).toBe(400);
      expect(role.body.error.details.errors[0].path).toEqual(['role']);
      expect((await invite(owner, { email: fresh(), tokenHash: 'x' })).status).toBe(400);
      expect((await invite(owner, {})).status).toBe(400);
    });

    it('escapes the workgroup name and the message in the HTML part of the mail', async () => {
      const evil = await createWorkgroup(app.strapi, { extranet: true, name: '<script>alert("wg")</script> & Co', members: [[owner, 'owner']] });
      const { mail } = await inviteNew(fresh(), owner, evil, { message: '<img src=x onerror=alert(1)>' });
      expect(mail.html).not.toMatch(/<script|<img/i);
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;wg&quot;)&lt;/script&gt; &amp; Co');
      expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(mail.text).toContain('<script>alert("wg")</script> & Co');
    });
  });

  describe('inviting people who already have an account', () => {
    it('adds an employee at once, grants extranet-users and mails a notice', async () => {
      const employee = await createUser(app.strapi, { kind: 'employee' });
      const before = smtp.messages.length;
      const res = await invite(owner, { email: `  ${employee.email.toUpperCase()} ` });
      expect(res.status).toBe(201);
      expect(res.body.meta).toEqual({ outcome: 'added', notice: 'queued' });
      expect(res.body.data).toMatchObject({ role: 'member', status: 'active', user: { id: employee.id, kind: 'employee' } });
      const notice = await smtp.nextTo(employee.email, before);
      expect(notice.subject).toBe('You were added to the workgroup "Acme supply chain"');
      expect(notice.text).not.toMatch(/extranet\/invitations\//);
      const me = await app.http().get('/api/extranet/me').set(bearer(employee));
      expect(me.body.data.extranetGroups).toContain('extranet-users');
      expect(me.body.data.workgroups.map((w: any) => w.documentId)).toContain(wg.documentId);
      expect(await app.strapi.db.query(INVITATION).count({ where: { email: employee.email } })).toBe(0);
    });

    it('invites an existing external by mail: nothing is granted until the token and the account password are given', async () => {
      const { res, token, invitation } = await inviteNew(external.email);
      expect(res.body.meta).toEqual({ outcome: 'invited' });
      const memberships = () =>
        app.strapi.db.query('plugin::extranet.membership').count({ where: { workgroup: { documentId: wg.documentId }, user: { id: external.id } } });
      expect(await memberships()).toBe(0);
      const before = await app.http().get('/api/extranet/me').set(bearer(external));
      expect(before.body.data.workgroups.map((w: any) => w.documentId)).not.toContain(wg.documentId);

      // The token alone proves the mailbox, not the account: a wrong password changes nothing.
      const wrong = await c.accept({ token, password: 'Not-the-password-123' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.details.errors[0].path).toEqual(['password']);
      expect(await memberships()).toBe(0);
      expect((await app.strapi.db.query(INVITATION).findOne({ where: { documentId: invitation.documentId } })).status).toBe('pending');

      // The right password accepts as that account; profile fields of the form are ignored.
      const ok = await c.accept({ token, password: 'Correct-horse-battery-9', firstname: 'Mallory' });
      expect(ok.status).toBe(200);
      expect(ok.body.user).toMatchObject({ id: external.id, email: external.email });
      expect(ok.body.user.firstname).not.toBe('Mallory');
      const after = await app.http().get('/api/extranet/me').set({ Authorization: `Bearer ${ok.body.jwt}` });
      expect(after.body.data.workgroups.map((w: any) => w.documentId)).toContain(wg.documentId);
      const row = await app.strapi.db.query(INVITATION).findOne({ where: { documentId: invitation.documentId }, populate: ['acceptedBy'] });
      expect(row).toMatchObject({ status: 'accepted', tokenHash: null });
      expect(row.acceptedBy.id).toBe(external.id);
    });

    it('gives a squatter nothing: an account registered for someone else\'s address is not added when that address is invited', async () => {
      const victim = fresh('victim', 'partner-co.example');
      const squat = await app
        .http()
        .post('/api/auth/local/register')
        .send({ username: `squatter-${process.pid}`, email: victim, password: 'Squatter-password-1' });
      expect(squat.status).toBe(200);
      const { res } = await inviteNew(victim);
      expect(res.body.meta).toEqual({ outcome: 'invited' });
      expect(
        await app.strapi.db.query('plugin::extranet.membership').count({ where: { user: { id: squat.body.user.id } } })
      ).toBe(0);
      const me = await app.http().get('/api/extranet/me').set({ Authorization: `Bearer ${squat.body.jwt}` });
      expect(me.body.data.workgroups).toEqual([]);
      const docs = await app.http().get('/api/documents').set({ Authorization: `Bearer ${squat.body.jwt}` });
      expect(docs.body.data ?? []).toEqual([]);
    });

    it("ends the squatter's sessions when the mailbox's owner resets the password and accepts", async () => {
      const victim = fresh('owner-of-mailbox', 'partner-co.example');
      const squat = await app.http().post('/api/auth/local/register')
        .send({ username: `squatter2-${process.pid}`, email: victim, password: 'Squatter-password-1' });
      expect(squat.status).toBe(200);
      const id = squat.body.user.id;
      // The session the squatter opened at sign-up, a minute before the rest of this story.
      const session = { Authorization: `Bearer ${app.strapi.plugin('users-permissions').service('jwt').issue({ id, iat: Math.floor(Date.now() / 1000) - 60 })}` };
      expect((await app.http().get('/api/users/me').set(session)).status).toBe(200);

      const { token } = await inviteNew(victim);
      // The real owner resets the password (forgot-password mails the same address) and accepts.
      await app.strapi.plugin('users-permissions').service('user').edit(id, { password: 'Owner-new-password-1' });
      const accepted = await c.accept({ token, password: 'Owner-new-password-1' });
      expect(accepted.status).toBe(200);

      for (const path of ['/api/users/me', '/api/extranet/me', '/api/documents']) {
        const res = await app.http().get(path).set(session);
        expect(res.status).toBe(401);
      }
      const fresh_ = await app.http().get('/api/extranet/me').set({ Authorization: `Bearer ${accepted.body.jwt}` });
      expect(fresh_.status).toBe(200);
      expect(fresh_.body.data.workgroups.map((w: any) => w.documentId)).toContain(wg.documentId);
      const row = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id } });
      expect(row.extranetTokensValidAfter).toBeTruthy();
    });

    it('answers 409 AlreadyMember for an active member', async () => {
      const res = await invite(owner, { email: member.email });
      expect(res.status).toBe(409);
      expect(res.body.error.name).toBe('AlreadyMember');
    });
  });

  describe('intranet and archived workgroups', () => {
    it('an intranet workgroup takes employees and refuses externals and new addresses (422 ExternalNotAllowed)', async () => {
      const intranet = await createWorkgroup(app.strapi, { extranet: false, members: [[owner, 'owner']] });
      const colleague = await createUser(app.strapi, { kind: 'employee' });
      const beforeNotice = smtp.messages.length;
      const added = await invite(owner, { email: colleague.email }, intranet);
      expect(added.status).toBe(201);
      expect(added.body.meta.outcome).toBe('added');
      await smtp.nextTo(colleague.email, beforeNotice);
      // Joining an intranet group grants no extranet access.
      const me = await app.http().get('/api/extranet/me').set(bearer(colleague));
      expect(me.body.data.extranetGroups).toEqual([]);
      const before = smtp.messages.length;
      for (const email of [external.email, fresh()]) {
        const res = await invite(owner, { email }, intranet);
        expect(res.status).toBe(422);
        expect(res.body.error.name).toBe('ExternalNotAllowed');
      }
      await new Promise((r) => setTimeout(r, 200));
      expect(smtp.messages.length).toBe(before);
    });

    it('an archived workgroup refuses invitations (409 WorkgroupArchived), even from an admin, and sends nothing', async () => {
      const archived = await createWorkgroup(app.strapi, { extranet: true, archived: true, members: [[owner, 'owner']] });
      const before = smtp.messages.length;
      for (const by of [owner, admin]) {
        const res = await invite(by, { email: fresh() }, archived);
        expect(res.status).toBe(409);
        expect(res.body.error.name).toBe('WorkgroupArchived');
      }
      await new Promise((r) => setTimeout(r, 200));
      expect(smtp.messages.length).toBe(before);
    });

    it('an invitation to a group archived since then can be neither resent nor accepted', async () => {
      const group = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner']] });
      const { token, invitation, email } = await inviteNew(fresh(), owner, group);
      await app.strapi.db.query('plugin::extranet.workgroup').update({ where: { documentId: group.documentId }, data: { archived: true } });
      const res = await c.accept({ token, ...form });
      expect(res.status).toBe(409);
      expect(res.body.error.name).toBe('WorkgroupArchived');
      expect(await usersWithEmail(app, email)).toBe(0);
      const before = smtp.messages.length;
      const resend = await c.as(admin).post(`/invitations/${invitation.documentId}/resend`);
      expect(resend.status).toBe(409);
      expect(resend.body.error.name).toBe('WorkgroupArchived');
      expect(smtp.messages.length).toBe(before);
    });
  });

  describe('pending list, cancel and resend', () => {
    it('lists pending invitations to managers and admins only, without tokens', async () => {
      const { email, token } = await inviteNew();
      const list = await c.as(owner).get(`/workgroups/${wg.documentId}/invitations`);
      expect(list.status).toBe(200);
      const entry = list.body.data.find((i: any) => i.email === email);
      expect(entry).toMatchObject({ status: 'pending', role: 'member', invitedBy: { id: owner.id } });
      expect(JSON.stringify(list.body)).not.toMatch(/tokenHash|token"/);
      expect(JSON.stringify(list.body)).not.toContain(token);
      expect(list.body.data.every((i: any) => i.status === 'pending')).toBe(true);
      expect(await pending(wg, moderator)).toContain(email);
      expect(await pending(wg, admin)).toContain(email);
      expect((await c.as(member).get(`/workgroups/${wg.documentId}/invitations`)).status).toBe(403);
      expect((await c.as(outsider).get(`/workgroups/${wg.documentId}/invitations`)).status).toBe(404);
    });

    it('cancelling kills the link; only managers may cancel (others 404)', async () => {
      const { invitation, token, link, email } = await inviteNew();
      expect((await c.as(member).del(`/invitations/${invitation.documentId}`)).status).toBe(404);
      expect((await c.as(outsider).del(`/invitations/${invitation.documentId}`)).status).toBe(404);
      expect((await c.as(member).post(`/invitations/${invitation.documentId}/resend`)).status).toBe(404);

      const res = await c.as(moderator).del(`/invitations/${invitation.documentId}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ documentId: invitation.documentId, status: 'cancelled' });
      expect(await pending()).not.toContain(email);
      expect((await app.http().get(pathOf(link))).status).toBe(410);
      const accept = await c.accept({ token, ...form });
      expect(accept.status).toBe(410);
      expect(accept.body.error.name).toBe('InvitationInvalid');
      expect(await usersWithEmail(app, email)).toBe(0);

      const again = await c.as(owner).del(`/invitations/${invitation.documentId}`);
      expect(again.status).toBe(409);
      expect((await c.as(owner).post(`/invitations/${invitation.documentId}/resend`)).status).toBe(409);
      expect((await c.as(owner).del('/invitations/nosuchinvitation')).status).toBe(404);
      expect(await activityTypes()).toContainEqual(['invitation.cancelled', invitation.documentId]);
    });

    it('resending mails a new link and kills the old one', async () => {
      const { invitation, token: oldToken, link: oldLink, email } = await inviteNew();
      const before = smtp.messages.length;
      const res = await c.as(owner).post(`/invitations/${invitation.documentId}/resend`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ documentId: invitation.documentId, status: 'pending' });
      const mail = await smtp.nextTo(email, before);
      const newLink = invitationLink(mail);
      expect(newLink).not.toBe(oldLink);
      expect((await app.http().get(pathOf(oldLink))).status).toBe(410);
      expect((await c.accept({ token: oldToken, ...form })).status).toBe(410);
      expect((await app.http().get(pathOf(newLink))).status).toBe(200);
      expect((await c.accept({ token: tokenOf(newLink), ...form })).status).toBe(200);
      expect(await activityTypes()).toContainEqual(['invitation.resent', invitation.documentId]);
    });
  });

  describe('expiry', () => {
    it('an expired link shows the neutral page, is marked expired once, cannot be accepted, and can be re-sent', async () => {
      const { invitation, link, token, email } = await inviteNew();
      await app.strapi.db.query(INVITATION).update({ where: { documentId: invitation.documentId }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect((await app.http().get(pathOf(link))).status).toBe(410);
      expect((await app.http().get(pathOf(link))).status).toBe(410);
      const accepted = await c.accept({ token, ...form });
      expect(accepted.status).toBe(410);
      expect(accepted.body.error.name).toBe('InvitationInvalid');
      const row = await app.strapi.db.query(INVITATION).findOne({ where: { documentId: invitation.documentId } });
      expect(row.status).toBe('expired');
      expect((await activityTypes()).filter(([type, id]: string[]) => type === 'invitation.expired' && id === invitation.documentId)).toHaveLength(1);
      expect(await pending()).not.toContain(email);

      const before = smtp.messages.length;
      const resent = await c.as(owner).post(`/invitations/${invitation.documentId}/resend`);
      expect(resent.status).toBe(200);
      expect(resent.body.data.status).toBe('pending');
      expect(new Date(resent.body.data.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const renewed = invitationLink(await smtp.nextTo(email, before));
      expect((await app.http().get(pathOf(renewed))).status).toBe(200);
    });

    it('the pending list marks what expired while nobody looked', async () => {
      const { invitation, email } = await inviteNew();
      await app.strapi.db.query(INVITATION).update({ where: { documentId: invitation.documentId }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await pending()).not.toContain(email);
      const row = await app.strapi.db.query(INVITATION).findOne({ where: { documentId: invitation.documentId } });
      expect(row.status).toBe('expired');
    });
  });

  describe('concurrency', () => {
    it('two (or more) concurrent accepts of one token make exactly one user and one membership', async () => {
      const { token, email } = await inviteNew();
      const answers = await Promise.all([1, 2, 3, 4].map(() => c.accept({ token, ...form })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 410, 410, 410]);
      expect(answers.filter((a) => a.status === 410).every((a) => a.body.error.name === 'InvitationInvalid')).toBe(true);
      expect(await usersWithEmail(app, email)).toBe(1);
      const user = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email } });
      const memberships = await app.strapi.db.query('plugin::extranet.membership').count({ where: { user: { id: user.id } } });
      expect(memberships).toBe(1);
    });
  });

  describe('answers that reveal nothing', () => {
    it('every bad token answers the same 410 InvitationInvalid', async () => {
      const used = await inviteNew();
      expect((await c.accept({ token: used.token, ...form })).status).toBe(200);
      const answers = await Promise.all(
        [randomToken(), 'short', `${used.token}x`, used.token].map((token) => c.accept({ token, ...form }))
      );
      for (const a of answers) {
        expect(a.status).toBe(410);
        expect(a.body).toEqual(answers[0].body);
      }
    });
  });

  describe('rate limits of accepting', () => {
    it('allows 30 attempts per client address in 15 minutes, over both accept routes, then answers 429', async () => {
      const one = '127.250.0.1';
      for (let i = 0; i < 30; i += 1) {
        const res = i % 2
          ? await c.accept({ token: randomToken(), ...form }, clientAgent(one))
          : await c.submitPage(`${publicUrl}/extranet/invitations/${randomToken()}`, form, clientAgent(one));
        expect(res.status).toBe(410);
      }
      const json = await c.accept({ token: randomToken(), ...form }, clientAgent(one));
      expect(json.status).toBe(429);
      expect(json.body.error.name).toBe('RateLimitError');
      expect(Number(json.headers['retry-after'])).toBeGreaterThan(0);
      const page = await c.submitPage(`${publicUrl}/extranet/invitations/${randomToken()}`, form, clientAgent(one));
      expect(page.status).toBe(429);
      expect(page.text).toContain('Too many attempts');
      // Another client is not affected.
      expect((await c.accept({ token: randomToken(), ...form }, clientAgent('127.250.0.2'))).status).toBe(410);
    });

    it('allows 10 attempts per token in 15 minutes, whatever the address, then answers 429', async () => {
      const { token, invitation } = await inviteNew();
      for (let i = 0; i < 10; i += 1) {
        expect((await c.accept({ token, ...form, password: 'short' })).status).toBe(400);
      }
      const blocked = await c.accept({ token, ...form });
      expect(blocked.status).toBe(429);
      expect((await c.submitPage(`${publicUrl}/extranet/invitations/${token}`, { ...form, passwordConfirmation: PASSWORD })).status).toBe(429);
      const row = await app.strapi.db.query(INVITATION).findOne({ where: { documentId: invitation.documentId } });
      expect(row.status).toBe('pending');
      // Other tokens from the same addresses still work.
      const other = await inviteNew();
      expect((await c.accept({ token: other.token, ...form })).status).toBe(200);
    });
  });
});

describe('invitations and the seat limit', () => {
  let smtp: SmtpListener;
  let app: TestApp;
  let c: ReturnType<typeof clientOf>;
  let owner: TestUser;

  beforeAll(async () => {
    smtp = await startSmtp();
    ({ app } = await boot(smtp.port, { EXTRANET_SEAT_LIMIT: '3' }));
    c = clientOf(app);
    owner = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] }); // seat 1 of 3
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('parallel accepts at the last seat: exactly one succeeds, the others get 409 SeatLimitReached', async () => {
    const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner']] });
    const invited = [];
    for (let i = 0; i < 5; i += 1) {
      const email = fresh('seat');
      const before = smtp.messages.length;
      const res = await c.as(owner).post(`/workgroups/${wg.documentId}/invitations`, { email });
      expect(res.status).toBe(201);
      invited.push({ email, token: tokenOf(invitationLink(await smtp.nextTo(email, before))) });
    }
    expect((await c.accept({ token: invited[0].token, ...form })).status).toBe(200); // seat 2 of 3

    const answers = await Promise.all(invited.slice(1).map(({ token }) => c.accept({ token, ...form })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.body.error).toMatchObject({ name: 'SeatLimitReached', details: { limit: 3 } });
    }
    const holders = await app.strapi.db.query('plugin::users-permissions.user').count({ where: { extranetGroups: { key: 'extranet-users' } } });
    expect(holders).toBe(3);
    // The losers' invitations are untouched: still pending, no user made for them.
    const losers = invited.slice(1).filter((_, i) => answers[i].status === 409);
    const list = (await c.as(owner).get(`/workgroups/${wg.documentId}/invitations`)).body.data.map((i: any) => i.email);
    for (const { email } of losers) {
      expect(list).toContain(email);
      expect(await usersWithEmail(app, email)).toBe(0);
    }

    // Inviting checks the limit too: a new address and an employee without a seat are refused.
    const full = await c.as(owner).post(`/workgroups/${wg.documentId}/invitations`, { email: fresh('late') });
    expect(full.status).toBe(409);
    expect(full.body.error.name).toBe('SeatLimitReached');
    const employee = await createUser(app.strapi, { kind: 'employee' });
    const employeeFull = await c.as(owner).post(`/workgroups/${wg.documentId}/invitations`, { email: employee.email });
    expect(employeeFull.status).toBe(409);
    expect(employeeFull.body.error.name).toBe('SeatLimitReached');
  });
});

describe('invitations and the e-mail domain lists', () => {
  let smtp: SmtpListener;
  let app: TestApp;
  let c: ReturnType<typeof clientOf>;
  let owner: TestUser;
  let wg: any;

  beforeAll(async () => {
    smtp = await startSmtp();
    ({ app } = await boot(smtp.port, {
      EXTRANET_ALLOWED_EMAIL_DOMAINS: 'acme.example,globex.example',
      EXTRANET_BLOCKED_EMAIL_DOMAINS: 'spam.acme.example',
    }));
    c = clientOf(app);
    owner = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
    wg = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner']] });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const invite = (email: string) => c.as(owner).post(`/workgroups/${wg.documentId}/invitations`, { email });

  it('invites new externals only from allowed domains (and their subdomains), never from blocked ones', async () => {
    expect((await invite(fresh('a', 'acme.example'))).status).toBe(201);
    expect((await invite(`  ${fresh('b', 'EU.Acme.Example')} `)).status).toBe(201);
    expect((await invite(fresh('c', 'globex.example'))).status).toBe(201);
    for (const email of [fresh('d', 'spam.acme.example'), fresh('e', 'other.example'), ` ${fresh('f', 'SPAM.acme.example')}`, fresh('g', 'notacme.example')]) {
      const res = await invite(email);
      expect(res.status).toBe(422);
      expect(res.body.error.name).toBe('EmailDomainNotAllowed');
    }
    const list = (await c.as(owner).get(`/workgroups/${wg.documentId}/invitations`)).body.data;
    expect(list).toHaveLength(3);
  });

  it('does not apply the lists to employees, who are added whatever their domain', async () => {
    const employee = await createUser(app.strapi, { kind: 'employee' });
    expect(employee.email).toMatch(/@northwind\.example$/);
    const res = await invite(employee.email);
    expect(res.status).toBe(201);
    expect(res.body.meta.outcome).toBe('added');
  });
});

describe('invitations when mail delivery fails: the outbox keeps the mail (SPEC §11)', () => {
  const OUTBOX = 'plugin::extranet.outbox-mail';
  let app: TestApp;
  let c: ReturnType<typeof clientOf>;
  let owner: TestUser;
  let smtpPort: number;
  let smtp: SmtpListener | undefined;
  let superToken: string;

  beforeAll(async () => {
    smtpPort = await freePort(); // nobody listens there yet
    ({ app } = await boot(smtpPort, { EXTRANET_MAIL_RETRY_DELAY_SECONDS: '1' }));
    c = clientOf(app);
    owner = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
    superToken = await superAdminToken(app);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const mailsOf = (invitationId: number) => app.strapi.db.query(OUTBOX).findMany({ where: { invitation: invitationId }, orderBy: { id: 'asc' } });
  const adminList = (wg: any) => app.http().get(`/extranet/manage/workgroups/${wg.documentId}/invitations`).set('Authorization', `Bearer ${superToken}`);
  it('answers 201 with the SMTP server down, shows the mail queued to the admin, and delivers it once the server is back', async () => {
    const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner']] });
    const email = fresh('unlucky');
    const res = await c.as(owner).post(`/workgroups/${wg.documentId}/invitations`, { email });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ email, status: 'pending', mails: [{ kind: 'invitation', status: 'queued' }] });
    const row = await app.strapi.db.query(INVITATION).findOne({ where: { documentId: res.body.data.documentId } });
    // No secret waits in the queue: the row names the invitation; the token is minted at each attempt.
    const [queued] = await mailsOf(row.id);
    expect(queued).toMatchObject({ kind: 'invitation', status: 'queued', recipient: email });
    expect(JSON.stringify(queued)).not.toMatch(/extranet\/invitations\//);

    // The worker tries, fails, and keeps it queued with the error.
    const tried = await until(() => mailsOf(row.id), (rows) => rows[0].attempts >= 2);
    expect(tried[0]).toMatchObject({ status: 'queued', lastError: expect.any(String) });
    expect(tried[0].attempts).toBeGreaterThanOrEqual(2);
    const listed = await adminList(wg);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({ documentId: res.body.data.documentId, mails: [expect.objectContaining({ status: 'queued', lastError: expect.any(String) })] }),
    ]);

    smtp = await startSmtp(smtpPort);
    const link = invitationLink(await smtp.nextTo(email, 0, 30000));
    const sent = await until(() => mailsOf(row.id), (rows) => rows[0].status === 'sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 'sent', lastError: null });
    expect(sent[0].sentAt).toBeTruthy();
    expect((await adminList(wg)).body.data[0].mails).toEqual([]);
    expect((await app.strapi.db.query(INVITATION).findOne({ where: { id: row.id } })).tokenHash).toBe(createHash('sha256').update(tokenOf(link)).digest('hex'));
    const accepted = await c.accept({ token: tokenOf(link), ...form });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.email).toBe(email);
    expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('marks a mail failed after mailRetries, and resend puts that same mail back in the queue', async () => {
    await smtp?.stop();
    smtp = undefined;
    const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner']] });
    const email = fresh('given-up');
    const res = await c.as(owner).post(`/workgroups/${wg.documentId}/invitations`, { email });
    expect(res.status).toBe(201);
    const row = await app.strapi.db.query(INVITATION).findOne({ where: { documentId: res.body.data.documentId } });
    // As if the retries had run out: marked failed while no worker holds it.
    await until(
      async () => (await app.strapi.db.query(OUTBOX).updateMany({ where: { invitation: row.id, leaseUntil: { $null: true } }, data: { status: 'failed', attempts: 6, lastError: 'connect ECONNREFUSED' } })).count,
      (count) => count === 1
    );
    const listed = await adminList(wg);
    expect(listed.body.data[0].mails).toEqual([expect.objectContaining({ status: 'failed', lastError: 'connect ECONNREFUSED' })]);

    smtp = await startSmtp(smtpPort);
    const resent = await app.http().post(`/extranet/manage/invitations/${res.body.data.documentId}/resend`).set('Authorization', `Bearer ${superToken}`);
    expect(resent.status).toBe(200);
    const link = invitationLink(await smtp.nextTo(email, 0, 30000));
    const mails = await until(() => mailsOf(row.id), (rows) => rows[0].status === 'sent');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await c.accept({ token: tokenOf(link), ...form })).status).toBe(200);
  });
});
