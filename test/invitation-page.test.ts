/**
 * The public invitation pages (GET/POST /extranet/invitations/:token): followed from a real mail,
 * in a real headless Chromium (Debian's, through playwright-core) and as plain HTTP form posts.
 */
import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from './helpers/strapi';
import { bearer, createUser, createWorkgroup, type TestUser } from './helpers/factories';
import { freePort, invitationLink, startSmtp, tokenOf, type SmtpListener } from './helpers/smtp';
import { clientAgent, launchBrowser, listen } from './helpers/browser';

const FRONTEND_URL = 'http://127.0.0.1:3999/welcome?from=invite&lang=en';
const PASSWORD = 'Carla-client-password-26';
const NEUTRAL = 'This invitation is no longer valid';

let sequence = 0;
const fresh = (name = 'guest') => `${name}-${process.pid}-${++sequence}@client.example`;
const pathOf = (link: string) => new URL(link).pathname;

describe('invitation pages', () => {
  let smtp: SmtpListener;
  let app: TestApp;
  let browser: Browser;
  let owner: TestUser;
  let wg: any;

  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await freePort();
    app = await startApp({
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        EXTRANET_PUBLIC_URL: `http://127.0.0.1:${port}`,
        EXTRANET_FRONTEND_URL: FRONTEND_URL,
      },
    });
    await listen(app.strapi, port);
    owner = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: owner.id }, data: { firstname: 'Emma', lastname: 'Account' } });
    wg = await createWorkgroup(app.strapi, { extranet: true, name: 'Globex rollout', members: [[owner, 'owner']] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.stop();
  });

  /** Invites a new address through the API and returns the link read out of the delivered mail. */
  const inviteByMail = async (group = wg, email = fresh()) => {
    const before = smtp.messages.length;
    const res = await app.http().post(`/api/extranet/workgroups/${group.documentId}/invitations`).set(bearer(owner)).send({ email });
    expect(res.status).toBe(201);
    const link = invitationLink(await smtp.nextTo(email, before));
    return { email, link, token: tokenOf(link), invitation: res.body.data };
  };

  const submit = (link: string, body: Record<string, string>) =>
    app.http().post(pathOf(link)).agent(clientAgent()).type('form').send(body);

  /** Console messages about the Content-Security-Policy: the page must cause none. */
  const watchCsp = (page: Page) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    return violations;
  };

  const submitInBrowser = async (page: Page) => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/extranet/invitations/')),
      page.click('button[type=submit]'),
    ]);
    await page.waitForLoadState('load');
    return response;
  };

  it('in Chromium without JavaScript: open the mailed link, correct a mistake, accept, then sign in with the new password', async () => {
    const { email, link } = await inviteByMail();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const violations = watchCsp(page);
    try {
      const opened = await page.goto(link);
      expect(opened!.status()).toBe(200);
      expect(await page.textContent('h1')).toBe('Join the workgroup “Globex rollout”');
      expect(await page.textContent('main')).toContain('Emma Account invited you');
      expect(await page.inputValue('#email')).toBe(email);

      // A mistake first: the form comes back with the message, what was typed, and empty passwords.
      await page.fill('#firstname', 'Carla');
      await page.fill('#lastname', 'Client');
      await page.fill('#company', 'Globex & Sons');
      await page.fill('#position', 'Head of "Operations"');
      await page.fill('#password', PASSWORD);
      await page.fill('#passwordConfirmation', `${PASSWORD}-typo`);
      const wrong = await submitInBrowser(page);
      expect(wrong.status()).toBe(400);
      expect(await page.textContent('[role=alert]')).toContain('The two passwords do not match.');
      expect(await page.inputValue('#firstname')).toBe('Carla');
      expect(await page.inputValue('#company')).toBe('Globex & Sons');
      expect(await page.inputValue('#position')).toBe('Head of "Operations"');
      expect(await page.inputValue('#password')).toBe('');
      expect(await page.inputValue('#passwordConfirmation')).toBe('');

      await page.fill('#password', PASSWORD);
      await page.fill('#passwordConfirmation', PASSWORD);
      const done = await submitInBrowser(page);
      expect(done.status()).toBe(200);
      expect(await page.textContent('h1')).toBe('Welcome to the extranet');
      expect(await page.textContent('main')).toContain('Globex rollout');
      expect(await page.getAttribute('a.button', 'href')).toBe(FRONTEND_URL);
      expect(violations).toEqual([]);

      // The link is spent: opening it again shows the neutral page.
      const reopened = await page.goto(link);
      expect(reopened!.status()).toBe(410);
      expect(await page.textContent('h1')).toBe(NEUTRAL);
    } finally {
      await context.close();
    }

    const login = await app.http().post('/api/auth/local').send({ identifier: email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email, firstname: 'Carla', lastname: 'Client', company: 'Globex & Sons', position: 'Head of "Operations"' });
    const me = await app.http().get('/api/extranet/me').set({ Authorization: `Bearer ${login.body.jwt}` });
    expect(me.body.data).toMatchObject({ kind: 'external', extranetGroups: ['extranet-users'] });
    expect(me.body.data.workgroups).toEqual([expect.objectContaining({ name: 'Globex rollout', role: 'member' })]);
  });

  it('in Chromium with JavaScript on: a hostile workgroup name shows as text, runs nothing, and the hashed stylesheet applies', async () => {
    const hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> & Co';
    const group = await createWorkgroup(app.strapi, { extranet: true, name: hostile, members: [[owner, 'owner']] });
    const { link } = await inviteByMail(group);
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = watchCsp(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      expect((await page.goto(link))!.status()).toBe(200);
      expect(await page.textContent('h1')).toBe(`Join the workgroup “${hostile}”`);
      expect(await page.title()).toBe(`Join ${hostile}`);
      expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
      expect(await page.locator('main img, main script').count()).toBe(0);
      // The inline stylesheet is allowed by its hash: the button is styled.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('button')!).backgroundColor)).toBe('rgb(37, 87, 214)');
      expect(violations).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
    const html = (await app.http().get(pathOf(link))).text;
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt; &amp; Co');
    expect(html).not.toMatch(/<script|<img/i);
  });

  it('every page carries a strict Content-Security-Policy, no-referrer and no-store, and loads nothing from elsewhere', async () => {
    const { link } = await inviteByMail();
    const pages = [
      await app.http().get(pathOf(link)),
      await submit(link, { firstname: 'A', lastname: '', password: 'short', passwordConfirmation: '' }),
      await app.http().get('/extranet/invitations/nonsense'),
      await submit(link, { firstname: 'Ann', lastname: 'Lee', password: PASSWORD, passwordConfirmation: PASSWORD }),
    ];
    expect(pages.map((p) => p.status)).toEqual([200, 400, 410, 200]);
    for (const page of pages) {
      const csp = page.headers['content-security-policy'];
      expect(csp).toMatch(/(^|; )default-src 'none'(;|$)/);
      expect(csp).toMatch(/(^|; )style-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
      expect(csp).toMatch(/(^|; )form-action 'self'(;|$)/);
      expect(csp).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
      expect(csp).toMatch(/(^|; )base-uri 'none'(;|$)/);
      expect(csp).not.toMatch(/unsafe-|script-src|https?:|\*/);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.text).not.toMatch(/<script|<link|<img|<iframe|src=/i);
      const urls = page.text.match(/https?:\/\/[^"'\s<]+/g) ?? [];
      expect(urls.every((u) => u === FRONTEND_URL.replace(/&/g, '&amp;'))).toBe(true);
    }
  });

  it('renders one neutral 410 page for every bad token: unknown, malformed, used, cancelled, replaced, expired', async () => {
    const used = await inviteByMail();
    expect((await submit(used.link, { firstname: 'U', lastname: 'Sed', password: PASSWORD, passwordConfirmation: PASSWORD })).status).toBe(200);
    const cancelled = await inviteByMail();
    expect((await app.http().delete(`/api/extranet/invitations/${cancelled.invitation.documentId}`).set(bearer(owner))).status).toBe(200);
    const replaced = await inviteByMail();
    expect((await app.http().post(`/api/extranet/invitations/${replaced.invitation.documentId}/resend`).set(bearer(owner))).status).toBe(200);
    const expired = await inviteByMail();
    await app.strapi.db.query('plugin::extranet.invitation').update({
      where: { documentId: expired.invitation.documentId },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    const base = pathOf(used.link).replace(used.token, '');
    const paths = [
      `${base}${'A'.repeat(43)}`,
      `${base}not-a-token`,
      `${base}${'x'.repeat(500)}`,
      `${base}%3Cscript%3E`,
      pathOf(used.link),
      pathOf(cancelled.link),
      pathOf(replaced.link),
      pathOf(expired.link),
    ];
    const answers = [];
    for (const path of paths) {
      answers.push(await app.http().get(path));
      answers.push(await app.http().post(path).agent(clientAgent()).type('form').send({ firstname: 'A', lastname: 'B', password: PASSWORD, passwordConfirmation: PASSWORD }));
    }
    for (const answer of answers) {
      expect(answer.status).toBe(410);
      expect(answer.text).toBe(answers[0].text);
    }
    expect(answers[0].text).toContain(NEUTRAL);
    expect(answers[0].text).not.toMatch(/Globex|@client\.example|Emma/);
  });

  it('re-renders the form with every message and the typed values, never the passwords (400), without using the token', async () => {
    const { link, email } = await inviteByMail();
    const cases: Array<[Record<string, string>, string[]]> = [
      [{ firstname: 'Carl', lastname: 'Client', password: 'short-pass', passwordConfirmation: 'short-pass' }, ['The password must be at least 12 characters long.']],
      [{ firstname: 'Carl', lastname: 'Client', password: PASSWORD, passwordConfirmation: 'Another-password-1' }, ['The two passwords do not match.']],
      [{ firstname: ' ', lastname: '', company: '"><b>Globex</b>', password: PASSWORD, passwordConfirmation: PASSWORD }, ['Enter your first name.', 'Enter your last name.']],
    ];
    for (const [body, messages] of cases) {
      const res = await submit(link, body);
      expect(res.status).toBe(400);
      for (const message of messages) expect(res.text).toContain(message);
      expect(res.text).not.toContain(body.password);
      expect(res.text).not.toContain('Another-password-1');
      expect(res.text).toContain(`value="${email}"`);
      if (body.firstname.trim()) expect(res.text).toContain(`value="${body.firstname}"`);
      if (body.company) {
        expect(res.text).toContain('value="&quot;&gt;&lt;b&gt;Globex&lt;/b&gt;"');
        expect(res.text).not.toContain('<b>Globex');
      }
    }
    const ok = await submit(link, { firstname: 'Carl', lastname: 'Client', password: PASSWORD, passwordConfirmation: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Welcome to the extranet');
    expect(ok.text).toContain(`href="${FRONTEND_URL.replace(/&/g, '&amp;')}"`);
  });

  it('shows a page, not JSON, when the group was archived (409)', async () => {
    const group = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner']] });
    const { link } = await inviteByMail(group);
    await app.strapi.db.query('plugin::extranet.workgroup').update({ where: { documentId: group.documentId }, data: { archived: true } });
    const get = await app.http().get(pathOf(link));
    expect(get.status).toBe(409);
    expect(get.text).toContain('This workgroup is archived');
    const post = await submit(link, { firstname: 'Ann', lastname: 'Lee', password: PASSWORD, passwordConfirmation: PASSWORD });
    expect(post.status).toBe(409);
    expect(post.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(post.text).toContain('This workgroup is archived');
  });

  it('asks only for the password when an account exists for the address, and accepts as that account', async () => {
    const taken = await inviteByMail();
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'extranet' } });
    const account = await app.strapi.plugin('users-permissions').service('user').add({
      username: `someone-${sequence}`, email: taken.email.toUpperCase(), password: PASSWORD, provider: 'local', confirmed: true, role: role.id,
    });
    const page = await app.http().get(pathOf(taken.link));
    expect(page.status).toBe(200);
    expect(page.text).toContain('You already have an account with this address');
    expect(page.text).toContain('name="password"');
    expect(page.text).not.toContain('name="firstname"');

    const wrong = await submit(taken.link, { password: 'Wrong-password-000' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('This is not the password of your account.');
    const memberships = () => app.strapi.db.query('plugin::extranet.membership').count({ where: { user: { id: account.id } } });
    expect(await memberships()).toBe(0);

    const ok = await submit(taken.link, { password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Welcome to the extranet');
    expect(await memberships()).toBe(1);
    const users = await app.strapi.db.query('plugin::users-permissions.user').count({ where: { email: { $eqi: taken.email } } });
    expect(users).toBe(1);
  });
});
