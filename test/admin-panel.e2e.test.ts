/**
 * SPEC §9 in a real browser: Strapi's admin panel (built by `strapi build`, served by the booted
 * app on a port), driven in Debian's Chromium through playwright-core. A super admin runs a
 * workgroup's life from the Extranet pages — the invitation mail is caught by the SMTP listener
 * and accepted on the generated page — a restricted editor sees only its workgroups, an editor
 * without the Extranet actions gets Strapi's "no permissions" page, and the content manager shows
 * the Extranet side panel. Each step checks what the page shows and what the database holds.
 *
 * Set EXTRANET_SCREENSHOTS=1 to (re)write the README's screenshots under docs/.
 */
import path from 'path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from './helpers/strapi';
import { createItem, createTopic, createUser, createWorkgroup, type TestUser } from './helpers/factories';
import { freePort, invitationLink, startSmtp, type SmtpListener } from './helpers/smtp';
import { launchBrowser, listen } from './helpers/browser';
import { ensureAdminBuild } from './helpers/admin-build';
import { ACTIONS, WORKGROUP_MANAGER_CONDITION } from '../plugins/extranet/shared/permissions';
import type { ValidationError } from 'yup';
import { adminCreateWorkgroupSchema } from '../plugins/extranet/shared/validation-schemas';

const WORKGROUP = 'plugin::extranet.workgroup';
const MEMBERSHIP = 'plugin::extranet.membership';
const INVITATION = 'plugin::extranet.invitation';
const USER = 'plugin::users-permissions.user';
const DOCUMENT = 'api::document.document';
const ADMIN_PASSWORD = 'Editor-password-2026';
const PARTNER_PASSWORD = 'Paula-partner-password-26';
const DOCS = path.join(__dirname, '..', 'docs');
const SCREENSHOTS = !!process.env.EXTRANET_SCREENSHOTS;
const LONG = 60000;

jest.setTimeout(300000);

describe('the Extranet admin pages in Chromium', () => {
  let smtp: SmtpListener;
  let app: TestApp;
  let strapi: Core.Strapi;
  let browser: Browser;
  let base: string;
  let rootId: number;
  let owner: TestUser;
  let topic: any;
  let editorGroup: any;
  let otherGroup: any;
  const contexts: BrowserContext[] = [];

  const shoot = async (page: Page, name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: path.join(DOCS, `${name}.png`), fullPage: false });
  };

  /** A signed-in admin session in its own browser context. */
  const signIn = async (email: string) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    contexts.push(context);
    // No onboarding tour over the pages.
    await context.addInitScript(() => {
      window.localStorage.setItem('STRAPI_GUIDED_TOUR', JSON.stringify({ tours: {}, enabled: false, hidden: true, completedActions: [] }));
    });
    const page = await context.newPage();
    page.setDefaultTimeout(LONG);
    await page.goto(`${base}/admin/auth/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password*').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/'));
    return page;
  };

  const openExtranet = async (page: Page) => {
    await page.getByRole('link', { name: 'Extranet' }).first().click();
    await page.getByRole('heading', { name: 'Workgroups' }).waitFor();
  };

  const workgroupRow = (name: string) =>
    strapi.db.query(WORKGROUP).findOne({ where: { name }, populate: { owner: true, managers: true } });

  /** Polls the database until `read` satisfies `ok` (the page answers before we look). */
  const eventually = async <T,>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 15000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (ok(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    ensureAdminBuild();
    smtp = await startSmtp();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startApp({
      env: { SERVE_ADMIN_PANEL: 'true', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), EXTRANET_PUBLIC_URL: base },
    });
    strapi = app.strapi;
    await listen(strapi, port);

    const roles = strapi.service('admin::role') as any;
    const admins = strapi.service('admin::user') as any;
    const makeAdmin = async (email: string, firstname: string, roleIds: number[]) =>
      admins.create({ email, firstname, lastname: 'Admin', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: roleIds });
    rootId = (await makeAdmin('ada@northwind.example', 'Ada', [(await roles.getSuperAdmin()).id])).id;
    const managerRole = await roles.create({ name: 'Workgroup managers', description: 'Manage their workgroups' });
    await roles.assignPermissions(managerRole.id, [
      { action: ACTIONS.workgroupsRead, conditions: [WORKGROUP_MANAGER_CONDITION] },
      { action: ACTIONS.workgroupsManage, conditions: [WORKGROUP_MANAGER_CONDITION] },
    ]);
    const editorId = (await makeAdmin('ed@northwind.example', 'Ed', [managerRole.id])).id;
    const authorRole = await roles.create({ name: 'Authors', description: 'No extranet pages' });
    await roles.assignPermissions(authorRole.id, [{ action: 'plugin::content-manager.explorer.read', subject: DOCUMENT, properties: { fields: ['title'] } }]);
    await makeAdmin('nora@northwind.example', 'Nora', [authorRole.id]);

    owner = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'], name: 'olivia' });
    await strapi.db.query(USER).update({ where: { id: owner.id }, data: { firstname: 'Olivia', lastname: 'Owner' } });
    topic = await createTopic(strapi, 'Suppliers');
    editorGroup = await createWorkgroup(strapi, { extranet: true, topic, name: 'Ed managed group', members: [[owner, 'owner']] });
    otherGroup = await createWorkgroup(strapi, { extranet: true, topic, name: 'Somebody else group', members: [[owner, 'owner']] });
    await strapi.db.query(WORKGROUP).update({ where: { id: editorGroup.id }, data: { managers: [editorId], owner: owner.id } });
    await strapi.db.query(WORKGROUP).update({ where: { id: otherGroup.id }, data: { owner: owner.id } });
    browser = await launchBrowser();
  }, 900000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
    await smtp?.stop();
  });

  it('a super admin runs a workgroup from the Extranet pages, and a partner joins by the mailed link', async () => {
    const page = await signIn('ada@northwind.example');
    await openExtranet(page);
    await page.getByRole('gridcell', { name: 'Ed managed group', exact: true }).waitFor();
    await shoot(page, 'admin-workgroups');

    // Create a workgroup, naming its owner.
    await page.getByRole('button', { name: 'Create workgroup' }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('textbox', { name: /^Name/ }).fill('Acme supply chain');
    await form.getByRole('combobox', { name: /^Topic/ }).click();
    await page.getByRole('option', { name: 'Suppliers' }).click();
    const ownerBox = form.getByRole('combobox', { name: /^Owner/ });
    await ownerBox.click();
    const searches: string[] = [];
    page.on('request', (r) => r.url().includes('/extranet/manage/users') && searches.push(r.url()));
    await ownerBox.pressSequentially('olivia');
    const ownerOption = page.getByRole('option', { name: /Olivia Owner/ });
    // The list may close while the search answers are on their way: open it again until the option shows.
    const deadline = Date.now() + LONG;
    while (!(await ownerOption.isVisible())) {
      if (Date.now() > deadline) throw new Error(`no "Olivia Owner" option; searches sent: ${searches.join(' ')}`);
      await ownerBox.press('ArrowDown');
      await ownerOption.waitFor({ timeout: 1000 }).catch(() => undefined);
    }
    await ownerOption.click();
    await form.getByRole('button', { name: 'Create workgroup' }).click();
    await page.getByRole('heading', { name: 'Acme supply chain' }).waitFor();
    const created = await workgroupRow('Acme supply chain');
    expect(created).toMatchObject({ extranet: true, archived: false });
    expect(created.owner.id).toBe(owner.id);
    expect(created.managers).toEqual([]);
    expect(await strapi.db.query(MEMBERSHIP).findOne({ where: { workgroup: { id: created.id }, user: { id: owner.id } } })).toMatchObject({ role: 'owner', status: 'active' });
    await page.getByRole('gridcell', { name: 'Olivia Owner', exact: true }).waitFor();

    // Invite a partner by e-mail; the mail names the admin user.
    await page.getByRole('tab', { name: 'Pending invitations' }).click();
    let mails = smtp.messages.length;
    await page.getByRole('textbox', { name: /^E-mail address/ }).fill('paula@acme.example');
    await page.getByLabel('Message').fill('Welcome to the supply chain group');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('gridcell', { name: 'paula@acme.example', exact: true }).waitFor();
    await page.getByRole('gridcell', { name: 'Ada Admin', exact: true }).waitFor();
    const mail = await smtp.nextTo('paula@acme.example', mails);
    expect(mail.text).toContain('Ada Admin');
    const invitation = await strapi.db.query(INVITATION).findOne({ where: { email: 'paula@acme.example' }, populate: { invitedByAdmin: true } });
    expect(invitation).toMatchObject({ status: 'pending', role: 'member', message: 'Welcome to the supply chain group' });
    expect(invitation.invitedByAdmin.id).toBe(rootId);
    await shoot(page, 'admin-invitations');

    // The partner accepts on the generated page, in a context of its own.
    const partnerContext = await browser.newContext();
    contexts.push(partnerContext);
    const partnerPage = await partnerContext.newPage();
    await partnerPage.goto(invitationLink(mail));
    await partnerPage.getByText('Ada Admin invited you').waitFor();
    await partnerPage.getByLabel('First name').fill('Paula');
    await partnerPage.getByLabel('Last name').fill('Partner');
    await partnerPage.getByLabel('Company').fill('Acme Supplies');
    await partnerPage.getByLabel(/^Password/).fill(PARTNER_PASSWORD);
    await partnerPage.getByLabel('Confirm the password').fill(PARTNER_PASSWORD);
    await partnerPage.getByRole('button', { name: 'Accept the invitation' }).click();
    await partnerPage.getByRole('heading').first().waitFor();
    const paula = await eventually(() => strapi.db.query(USER).findOne({ where: { email: 'paula@acme.example' }, populate: { role: true } }), Boolean);
    expect(paula.role.type).toBe('extranet');
    expect(await strapi.db.query(MEMBERSHIP).findOne({ where: { workgroup: { id: created.id }, user: { id: paula.id } } })).toMatchObject({ role: 'member', status: 'active' });

    // The admin sees the new member, and makes her a moderator.
    await page.reload();
    await page.getByRole('heading', { name: 'Acme supply chain' }).waitFor();
    await page.getByRole('gridcell', { name: 'Paula Partner', exact: true }).waitFor();
    await page.getByRole('gridcell', { name: 'Acme Supplies', exact: true }).waitFor();
    await shoot(page, 'admin-workgroup');
    await page.getByRole('combobox', { name: 'Role of Paula Partner' }).click();
    await page.getByRole('option', { name: 'Moderator' }).click();
    await page.getByText('Paula Partner is now Moderator').waitFor();
    expect(
      (await eventually(() => strapi.db.query(MEMBERSHIP).findOne({ where: { workgroup: { id: created.id }, user: { id: paula.id } } }), (m: any) => m.role === 'moderator')).role
    ).toBe('moderator');

    // Resend, then cancel, a second invitation.
    await page.getByRole('tab', { name: 'Pending invitations' }).click();
    mails = smtp.messages.length;
    await page.getByRole('textbox', { name: /^E-mail address/ }).fill('quentin@acme.example');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('gridcell', { name: 'quentin@acme.example', exact: true }).waitFor();
    await smtp.nextTo('quentin@acme.example', mails);
    const firstHash = (await strapi.db.query(INVITATION).findOne({ where: { email: 'quentin@acme.example' } })).tokenHash;
    mails = smtp.messages.length;
    await page.getByRole('button', { name: 'Resend the invitation to quentin@acme.example' }).click();
    await page.getByText('Invitation sent again to quentin@acme.example').waitFor();
    const resent = await smtp.nextTo('quentin@acme.example', mails);
    expect(invitationLink(resent)).not.toContain(firstHash);
    const afterResend = await strapi.db.query(INVITATION).findOne({ where: { email: 'quentin@acme.example' } });
    expect(afterResend.status).toBe('pending');
    expect(afterResend.tokenHash).not.toBe(firstHash);
    await page.getByRole('button', { name: 'Cancel the invitation to quentin@acme.example' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('The invitation to quentin@acme.example was cancelled').waitFor();
    await page.getByRole('gridcell', { name: 'quentin@acme.example', exact: true }).waitFor({ state: 'detached' });
    expect(await strapi.db.query(INVITATION).findOne({ where: { email: 'quentin@acme.example' } })).toMatchObject({ status: 'cancelled', tokenHash: null });

    // Archive: the page says so, the database holds it, and the invite form is gone.
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByText('Acme supply chain is archived').waitFor();
    await page.getByRole('button', { name: 'Unarchive', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Send invitation' }).waitFor({ state: 'detached' });
    expect((await workgroupRow('Acme supply chain')).archived).toBe(true);

    // Archived groups leave the list unless asked for.
    await page.getByRole('link', { name: 'Workgroups' }).click();
    await page.getByRole('gridcell', { name: 'Ed managed group', exact: true }).waitFor();
    expect(await page.getByRole('gridcell', { name: 'Acme supply chain', exact: true }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Archived' }).click();
    await page.getByRole('option', { name: 'Archived workgroups' }).click();
    await page.getByRole('gridcell', { name: 'Acme supply chain', exact: true }).waitFor();

    // The other main pages render.
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('gridcell', { name: 'paula@acme.example', exact: true }).waitFor();
    await shoot(page, 'admin-people');
    await page.getByRole('link', { name: 'Seats' }).click();
    await page.getByRole('group', { name: 'Partners' }).getByText('1').waitFor();
    await shoot(page, 'admin-seats');
    await page.getByRole('link', { name: 'Topics' }).click();
    await page.getByRole('gridcell', { name: 'Suppliers', exact: true }).waitFor();
    await shoot(page, 'admin-topics');
  });

  it('the workgroup form checks its body with the shared schema before sending: an empty or too long name is refused next to the field, and nothing is stored', async () => {
    /** What the shared schema (the one the server validates with) says of each field of a body, first message per field. */
    const schemaMessages = async (body: Record<string, unknown>) => {
      const found: Record<string, string> = {};
      try {
        await adminCreateWorkgroupSchema.validate(body, { abortEarly: false });
      } catch (error) {
        for (const inner of (error as ValidationError).inner) if (inner.path && !(inner.path in found)) found[inner.path] = inner.message;
      }
      return found;
    };
    /** The error the design system shows under a field: the text its control is described by. */
    const errorUnder = async (control: Locator) => {
      const id = await control.getAttribute('aria-describedby');
      return id?.endsWith('-error') ? control.page().locator(`[id="${id}"]`).textContent() : null;
    };
    const page = await signIn('ada@northwind.example');
    await openExtranet(page);
    const sent: string[] = [];
    page.on('request', (r) => r.method() !== 'GET' && r.url().includes('/extranet/manage/workgroups') && sent.push(`${r.method()} ${r.url()}`));
    const before = await strapi.db.query(WORKGROUP).count();

    await page.getByRole('button', { name: 'Create workgroup' }).click();
    const form = page.getByRole('dialog');
    const name = form.getByRole('textbox', { name: /^Name/ });
    await form.getByRole('combobox', { name: /^Topic/ }).click();
    await page.getByRole('option', { name: 'Suppliers' }).click();

    // Empty: the schema's messages for the name and the owner (none picked), under their fields.
    const empty = await schemaMessages({ name: '', topic: topic.documentId, extranet: true, description: null, keywords: null });
    expect(empty.name).toMatch(/^name /);
    expect(empty.owner).toMatch(/^owner /);
    await form.getByRole('button', { name: 'Create workgroup' }).click();
    await form.getByText(empty.name, { exact: true }).waitFor();
    await form.getByText(empty.owner, { exact: true }).waitFor();
    expect(await errorUnder(name)).toBe(empty.name);

    // Too long: 121 characters, one past the schema's limit.
    const long = 'L'.repeat(121);
    const tooLong = await schemaMessages({ name: long, topic: topic.documentId, extranet: true, description: null, keywords: null });
    expect(tooLong.name).toBe('name must be at most 120 characters');
    expect(tooLong.owner).toBe(empty.owner);
    await name.fill(long);
    await form.getByRole('button', { name: 'Create workgroup' }).click();
    await form.getByText(tooLong.name, { exact: true }).waitFor();
    expect(await errorUnder(name)).toBe(tooLong.name);

    // Nothing was sent, nothing is stored; the dialog is still open with what was typed.
    expect(sent).toEqual([]);
    expect(await strapi.db.query(WORKGROUP).count()).toBe(before);
    expect(await strapi.db.query(WORKGROUP).count({ where: { name: long } })).toBe(0);
    expect(await name.inputValue()).toBe(long);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('the content manager shows the Extranet side panel: site, workgroup, and who can read the item', async () => {
    const partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    const outsider = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    await createUser(strapi, { kind: 'employee' });
    const group = await createWorkgroup(strapi, { extranet: true, topic, name: 'Panel group', members: [[owner, 'owner'], [partner, 'member']] });
    const doc = await createItem(strapi, DOCUMENT, { title: 'Price list', extranet: true, workgroup: group.documentId });
    // Readers of an item of an extranet workgroup: its active members (one employee, one
    // partner) and extranet admins (none here); not the outsider, nor employees outside.
    expect(outsider.id).toBeGreaterThan(0);

    const page = await signIn('ada@northwind.example');
    await page.goto(`${base}/admin/content-manager/collection-types/${DOCUMENT}/${doc.documentId}`);
    const site = page.getByRole('group', { name: 'Site' });
    await site.waitFor();
    expect(await site.textContent()).toContain('Extranet');
    expect(await page.getByRole('group', { name: 'Workgroup' }).textContent()).toContain('Panel group');
    expect(await page.getByRole('group', { name: 'Employees who can read it' }).textContent()).toMatch(/1$/);
    expect(await page.getByRole('group', { name: 'Partners who can read it' }).textContent()).toMatch(/1$/);
    await shoot(page, 'admin-side-panel');

    // What the database holds: the item in the group; one employee and one partner active in it.
    const stored = await strapi.db.query(DOCUMENT).findOne({ where: { documentId: doc.documentId }, populate: { workgroup: true } });
    expect(stored.workgroup.id).toBe(group.id);
    const members = await strapi.db.query(MEMBERSHIP).findMany({ where: { workgroup: { id: group.id }, status: 'active' }, populate: { user: { populate: { role: true } } } });
    expect(members.map((m: any) => m.user.role.type).sort()).toEqual(['authenticated', 'extranet']);
  });

  it('a restricted editor sees and manages only the workgroups it manages', async () => {
    const page = await signIn('ed@northwind.example');
    await openExtranet(page);
    await page.getByRole('gridcell', { name: 'Ed managed group', exact: true }).waitFor();
    expect(await page.getByRole('gridcell', { name: 'Somebody else group', exact: true }).count()).toBe(0);
    await page.getByText('1 workgroup found').waitFor();
    // No People entry without people-manage.
    expect(await page.getByRole('link', { name: 'People' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Ed managed group' }).click();
    await page.getByRole('heading', { name: 'Ed managed group' }).waitFor();
    await page.getByRole('button', { name: 'Archive', exact: true }).waitFor();

    // A workgroup outside its reach is not found, on the page and on the route.
    await page.goto(`${base}/admin/plugins/extranet/workgroups/${otherGroup.documentId}`);
    await page.getByText('Whoops! Something went wrong. Please, try again.').waitFor();
    const login = await app.http().post('/admin/login').send({ email: 'ed@northwind.example', password: ADMIN_PASSWORD });
    const res = await app.http().get(`/extranet/manage/workgroups/${otherGroup.documentId}`).set('Authorization', `Bearer ${login.body.data.token}`);
    expect(res.status).toBe(404);

    // The database holds the managers that decide it.
    expect((await workgroupRow('Ed managed group')).managers.map((m: any) => m.email)).toEqual(['ed@northwind.example']);
    expect((await workgroupRow('Somebody else group')).managers).toEqual([]);
  });

  it('without workgroups-read: no menu entry, the no-permissions page, and 403 from the routes', async () => {
    const page = await signIn('nora@northwind.example');
    await page.getByRole('link', { name: 'Content Manager' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Extranet' }).count()).toBe(0);
    await page.goto(`${base}/admin/plugins/extranet`);
    await page.getByText("You don't have the permissions to access that content").waitFor();
    expect(await page.getByRole('heading', { name: 'Workgroups' }).count()).toBe(0);

    const login = await app.http().post('/admin/login').send({ email: 'nora@northwind.example', password: ADMIN_PASSWORD });
    const res = await app.http().get('/extranet/manage/workgroups').set('Authorization', `Bearer ${login.body.data.token}`);
    expect(res.status).toBe(403);
    // Nora holds no Extranet action: that is what the pages and routes decide on.
    const held = await strapi.db.query('admin::permission').findMany({ where: { role: { name: 'Authors' } } });
    expect(held.map((p: any) => p.action)).toEqual(['plugin::content-manager.explorer.read']);
  });

  /**
   * SPEC §10 on the pages, used by an editor holding governance-read under "Manager of the
   * workgroup": "Why?" on the side panel, "View as…" on the workgroup page, and the Seats page's
   * access-report download.
   */
  describe('governance: "Why?", "View as…" and the access report', () => {
    let group: any;
    let doc: any;
    let govEditorId: number;
    let pia: TestUser;
    let otto: TestUser;

    beforeAll(async () => {
      const roles = strapi.service('admin::role') as any;
      const role = await roles.create({ name: 'Governance editors', description: 'Why, view as, report' });
      const limited = { conditions: [WORKGROUP_MANAGER_CONDITION] };
      await roles.assignPermissions(role.id, [
        { action: ACTIONS.workgroupsRead, ...limited },
        { action: ACTIONS.governanceRead, ...limited },
        { action: 'plugin::content-manager.explorer.read', subject: DOCUMENT, properties: { fields: ['title', 'extranet', 'workgroup'] }, conditions: ['plugin::extranet.workgroup-member'] },
      ]);
      govEditorId = (
        await (strapi.service('admin::user') as any).create({ email: 'gwen@northwind.example', firstname: 'Gwen', lastname: 'Governance', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [role.id] })
      ).id;
      pia = await createUser(strapi, { kind: 'external', groups: ['extranet-users'], name: 'pia-insider' });
      otto = await createUser(strapi, { kind: 'external', groups: ['extranet-users'], name: 'otto-outsider' });
      await strapi.db.query(USER).update({ where: { id: pia.id }, data: { firstname: 'Pia', lastname: 'Insider' } });
      await strapi.db.query(USER).update({ where: { id: otto.id }, data: { firstname: 'Otto', lastname: 'Outsider' } });
      group = await createWorkgroup(strapi, { extranet: true, topic, name: 'Governed group', members: [[owner, 'owner'], [pia, 'member']] });
      await strapi.db.query(WORKGROUP).update({ where: { id: group.id }, data: { managers: [govEditorId] } });
      doc = await createItem(strapi, DOCUMENT, { title: 'Audit plan', extranet: true, workgroup: group.documentId });
    });

    /** Picks a person in the dialog's "Person" combobox (the server searches as the editor types). */
    const pickPerson = async (page: Page, search: string, option: RegExp) => {
      const dialog = page.getByRole('dialog');
      const box = dialog.getByRole('combobox', { name: /^Person/ });
      await box.click();
      await box.fill('');
      await box.pressSequentially(search);
      const choice = page.getByRole('option', { name: option });
      const deadline = Date.now() + LONG;
      while (!(await choice.isVisible())) {
        if (Date.now() > deadline) throw new Error(`no option ${option}`);
        await box.press('ArrowDown');
        await choice.waitFor({ timeout: 1000 }).catch(() => undefined);
      }
      await choice.click();
    };

    it('"Why?" on the side panel: whether a person can read the item, and the clause that says so', async () => {
      const page = await signIn('gwen@northwind.example');
      await page.goto(`${base}/admin/content-manager/collection-types/${DOCUMENT}/${doc.documentId}`);
      await page.getByRole('group', { name: 'Workgroup' }).waitFor();
      await page.getByRole('button', { name: 'Why?' }).click();
      await pickPerson(page, 'pia', /Pia Insider/);
      const answer = page.getByRole('dialog').getByRole('status', { name: 'Answer' });
      await answer.getByText('Pia Insider can read it').waitFor();
      await answer.getByText("They are an active member of the item's workgroup.").waitFor();
      await pickPerson(page, 'otto', /Otto Outsider/);
      await answer.getByText('Otto Outsider cannot read it').waitFor();
      await answer.getByText("They are not an active member of the item's workgroup.").waitFor();
      // The same verdicts as the explain service, from what the database holds.
      const explain = strapi.plugin('extranet').service('explain');
      expect(await explain.explain(pia.id, DOCUMENT, doc.documentId)).toEqual({ allowed: true, reason: 'workgroup-member' });
      expect(await explain.explain(otto.id, DOCUMENT, doc.documentId)).toEqual({ allowed: false, reason: 'not-a-member' });
    });

    it('"View as…" on the workgroup page: what a person reads of it, recorded in the activity', async () => {
      const page = await signIn('gwen@northwind.example');
      await page.goto(`${base}/admin/plugins/extranet/workgroups/${group.documentId}`);
      await page.getByRole('heading', { name: 'Governed group' }).waitFor();
      const before = await strapi.db.query('plugin::extranet.activity').count({ where: { type: 'governance.viewed-as', actorAdmin: { id: govEditorId } } });
      await page.getByRole('button', { name: 'View as…' }).click();
      await pickPerson(page, 'pia', /Pia Insider/);
      const seen = page.getByRole('region', { name: 'What Pia Insider sees' });
      await seen.getByText('Pia Insider can read this workgroup.').waitFor();
      await seen.getByRole('grid', { name: 'Items Pia Insider would read' }).getByText('Audit plan', { exact: true }).waitFor();
      await seen.getByText('1 item', { exact: true }).first().waitFor();
      await pickPerson(page, 'otto', /Otto Outsider/);
      await page.getByRole('region', { name: 'What Otto Outsider sees' }).getByText('Otto Outsider cannot see this workgroup.').waitFor();
      const rows = await eventually(
        () => strapi.db.query('plugin::extranet.activity').findMany({ where: { type: 'governance.viewed-as', actorAdmin: { id: govEditorId } } }),
        (list: any[]) => list.length >= before + 2
      );
      expect(rows.map((r: any) => r.subjectDocumentId).sort()).toEqual([pia.documentId, otto.documentId].sort());
    });

    it('the Seats page downloads the access report as CSV', async () => {
      const page = await signIn('gwen@northwind.example');
      await page.goto(`${base}/admin/plugins/extranet/seats`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download access report' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^extranet-access-report-\d{4}-\d{2}-\d{2}\.csv$/);
      const file = await download.path();
      const csv = require('fs').readFileSync(file, 'utf8') as string;
      const [header, ...lines] = csv.trim().split(/\r\n/);
      expect(header).toBe('personId,name,email,company,kind,extranetGroups,workgroup,role,status,sponsor,invitedBy,joinedAt,expiresAt,lastSeenAt');
      const piaLine = lines.find((line) => line.startsWith(`${pia.id},`));
      expect(piaLine).toContain('Governed group');
      expect(piaLine).toContain(pia.email);
    });
  });
});
