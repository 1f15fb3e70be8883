/**
 * SPEC §9: the admin panel's JSON API (`/extranet/manage/...`). Every route needs a signed-in
 * admin user (401) holding the route's action (403); the condition "Manager of the workgroup"
 * limits an editor to the workgroups listing them in `managers` (404 outside, exactly like a
 * missing one); bad input answers 400 naming the field; the services' rules answer their SPEC §8
 * errors. Every test checks the stored state too.
 */
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from './helpers/strapi';
import { addMember, createItem, createTopic, createUser, createWorkgroup, type TestUser } from './helpers/factories';
import { invitationLink, startSmtp, tokenOf, type SmtpListener } from './helpers/smtp';
import manageRoutes from '../plugins/extranet/server/src/routes/admin/manage';
import { ACTIONS, WORKGROUP_MANAGER_CONDITION } from '../plugins/extranet/shared/permissions';

const WORKGROUP = 'plugin::extranet.workgroup';
const INVITATION = 'plugin::extranet.invitation';
const MEMBERSHIP = 'plugin::extranet.membership';
const USER = 'plugin::users-permissions.user';
const DOCUMENT = 'api::document.document';
const API = '/extranet/manage';
const ADMIN_PASSWORD = 'Editor-password-2026';

type Auth = Record<string, string>;

describe('admin panel routes', () => {
  let app: TestApp;
  let smtp: SmtpListener;
  let strapi: Core.Strapi;
  const auth: Record<'root' | 'editor' | 'reader' | 'nobody' | 'people', Auth> = {} as any;
  let editorId: number;
  let topic: any;
  let managed: any;
  let unmanaged: any;
  let owner: TestUser;
  let partner: TestUser;
  let employee: TestUser;

  const http = () => app.http();
  const membership = (workgroupId: number, userId: number) =>
    strapi.db.query(MEMBERSHIP).findOne({ where: { workgroup: { id: workgroupId }, user: { id: userId } } });
  const workgroupRow = (documentId: string) =>
    strapi.db.query(WORKGROUP).findOne({ where: { documentId }, populate: { managers: true, owner: true, topic: true } });

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), EXTRANET_PUBLIC_URL: 'http://extranet.test' } });
    strapi = app.strapi;
    const roles = strapi.service('admin::role') as any;
    const admins = strapi.service('admin::user') as any;
    const makeRole = async (name: string, permissions: any[]) => {
      const role = await roles.create({ name, description: name });
      if (permissions.length) await roles.assignPermissions(role.id, permissions);
      return role.id;
    };
    const makeAdmin = async (email: string, roleIds: number[]) =>
      admins.create({ email, firstname: email.split('@')[0], lastname: 'Test', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: roleIds });

    const limited = { conditions: [WORKGROUP_MANAGER_CONDITION] };
    const editorRole = await makeRole('Workgroup managers', [
      { action: ACTIONS.workgroupsRead, ...limited },
      { action: ACTIONS.workgroupsManage, ...limited },
      { action: 'plugin::content-manager.explorer.read', subject: DOCUMENT, properties: { fields: ['title', 'extranet', 'workgroup'] }, conditions: ['plugin::extranet.workgroup-member'] },
    ]);
    const readerRole = await makeRole('Extranet readers', [{ action: ACTIONS.workgroupsRead }]);
    const nobodyRole = await makeRole('No extranet', [{ action: 'plugin::content-manager.explorer.read', subject: DOCUMENT, properties: { fields: ['title'] } }]);
    const peopleRole = await makeRole('People managers', [{ action: ACTIONS.peopleManage }]);
    editorId = (await makeAdmin('editor@northwind.example', [editorRole])).id;
    await makeAdmin('reader@northwind.example', [readerRole]);
    await makeAdmin('nobody@northwind.example', [nobodyRole]);
    await makeAdmin('people@northwind.example', [peopleRole]);
    await makeAdmin('root@northwind.example', [(await roles.getSuperAdmin()).id]);

    for (const [key, email] of Object.entries({ root: 'root', editor: 'editor', reader: 'reader', nobody: 'nobody', people: 'people' })) {
      const res = await http().post('/admin/login').send({ email: `${email}@northwind.example`, password: ADMIN_PASSWORD });
      expect(res.status).toBe(200);
      (auth as any)[key] = { Authorization: `Bearer ${res.body.data.token}` };
    }

    owner = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'], name: 'olivia-owner' });
    partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'], name: 'paul-partner' });
    employee = await createUser(strapi, { kind: 'employee', name: 'ed-employee' });
    topic = await createTopic(strapi, 'Suppliers');
    managed = await createWorkgroup(strapi, { extranet: true, topic, name: 'Managed group', members: [[owner, 'owner'], [partner, 'member']] });
    unmanaged = await createWorkgroup(strapi, { extranet: true, topic, name: 'Unmanaged group', members: [[owner, 'owner']] });
    await strapi.db.query(WORKGROUP).update({ where: { id: managed.id }, data: { managers: [editorId], owner: owner.id } });
  });

  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  describe('RBAC', () => {
    const sample = (path: string) =>
      path.replace(':id', 'nothing-here').replace(':userId', '1').replace(':uid', DOCUMENT).replace(':documentId', 'nothing-here');

    it('registers the five actions under Plugins > Extranet, and the super admin holds them', async () => {
      const provider = (strapi.service('admin::permission') as any).actionProvider;
      for (const action of Object.values(ACTIONS)) {
        expect(provider.get(action)).toMatchObject({ section: 'plugins', pluginName: 'extranet' });
      }
      const superRole = await (strapi.service('admin::role') as any).getSuperAdmin();
      const held = await strapi.db.query('admin::permission').findMany({ where: { role: { id: superRole.id }, action: { $in: Object.values(ACTIONS) } } });
      expect(held.map((p: any) => p.action).sort()).toEqual(Object.values(ACTIONS).sort());
    });

    it('answers 401 to every route without an admin token', async () => {
      for (const route of manageRoutes) {
        const res = await (http() as any)[route.method.toLowerCase()](sample(`/extranet${route.path}`));
        expect([route.path, res.status]).toEqual([route.path, 401]);
      }
    });

    it('answers 403 to every route for an editor without the Extranet actions, and changes nothing', async () => {
      const before = await strapi.db.query(WORKGROUP).count();
      for (const route of manageRoutes) {
        const res = await (http() as any)[route.method.toLowerCase()](sample(`/extranet${route.path}`)).set(auth.nobody).send({ data: { name: 'x' } });
        expect([route.path, res.status, res.body.error?.name]).toEqual([route.path, 403, 'PolicyError']);
      }
      expect(await strapi.db.query(WORKGROUP).count()).toBe(before);
    });

    it('lets workgroups-read read but not write (403)', async () => {
      const list = await http().get(`${API}/workgroups`).set(auth.reader);
      expect(list.status).toBe(200);
      expect(list.body.data.map((w: any) => w.name)).toEqual(['Managed group', 'Unmanaged group']);
      const one = await http().get(`${API}/workgroups/${managed.documentId}`).set(auth.reader);
      expect(one.status).toBe(200);
      expect(one.body.meta.canManage).toBe(false);
      const edit = await http().put(`${API}/workgroups/${managed.documentId}`).set(auth.reader).send({ data: { name: 'Renamed' } });
      expect(edit.status).toBe(403);
      expect((await workgroupRow(managed.documentId)).name).toBe('Managed group');
      const people = await http().get(`${API}/people`).set(auth.reader);
      expect(people.status).toBe(403);
    });

    it('limits a "Manager of the workgroup" editor to its workgroups: lists, reads, and 404 for the others', async () => {
      const list = await http().get(`${API}/workgroups`).set(auth.editor);
      expect(list.status).toBe(200);
      expect(list.body.data.map((w: any) => w.name)).toEqual(['Managed group']);
      expect(list.body.meta.pagination.total).toBe(1);
      expect(list.body.data[0]).toMatchObject({ members: 2, extranet: true, owner: { id: owner.id }, managers: [{ id: editorId }] });

      const mine = await http().get(`${API}/workgroups/${managed.documentId}`).set(auth.editor);
      expect(mine.status).toBe(200);
      expect(mine.body.meta.canManage).toBe(true);

      for (const [method, path, body] of [
        ['get', `/workgroups/${unmanaged.documentId}`, undefined],
        ['get', `/workgroups/${unmanaged.documentId}/members`, undefined],
        ['get', `/workgroups/${unmanaged.documentId}/activity`, undefined],
        ['put', `/workgroups/${unmanaged.documentId}`, { data: { name: 'Taken over' } }],
        ['post', `/workgroups/${unmanaged.documentId}/archive`, undefined],
        ['delete', `/workgroups/${unmanaged.documentId}`, undefined],
        ['put', `/workgroups/${unmanaged.documentId}/members/${owner.id}`, { role: 'member' }],
        ['put', `/workgroups/${unmanaged.documentId}/managers`, { managers: [editorId] }],
      ] as const) {
        const res = await (http() as any)[method](`${API}${path}`).set(auth.editor).send(body);
        expect([path, res.status, res.body.error?.name]).toEqual([path, 404, 'NotFoundError']);
        expect(JSON.stringify(res.body)).not.toContain('Unmanaged group');
      }
      const row = await workgroupRow(unmanaged.documentId);
      expect(row).toMatchObject({ name: 'Unmanaged group', archived: false });
      expect(row.managers).toEqual([]);
      expect((await membership(unmanaged.id, owner.id)).role).toBe('owner');
    });

    it('makes a limited editor who creates a workgroup one of its managers', async () => {
      const res = await http()
        .post(`${API}/workgroups`)
        .set(auth.editor)
        .send({ data: { name: 'Editor group', topic: topic.documentId, extranet: true, owner: owner.id } });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ name: 'Editor group', extranet: true, owner: { id: owner.id }, members: 1, managers: [{ id: editorId }] });
      const row = await workgroupRow(res.body.data.documentId);
      expect(row.managers.map((m: any) => m.id)).toEqual([editorId]);
      expect(row.owner.id).toBe(owner.id);
      expect(await membership(row.id, owner.id)).toMatchObject({ role: 'owner', status: 'active' });
      const list = await http().get(`${API}/workgroups`).set(auth.editor);
      expect(list.body.data.map((w: any) => w.name)).toEqual(['Editor group', 'Managed group']);
    });
  });

  describe('workgroups', () => {
    it('creates a workgroup naming its owner; a super admin does not become a manager', async () => {
      const res = await http()
        .post(`${API}/workgroups`)
        .set(auth.root)
        .send({ data: { name: 'Office move', topic: topic.documentId, extranet: false, owner: employee.id, description: 'Boxes' } });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ name: 'Office move', extranet: false, archived: false, members: 1, managers: [], topic: { name: 'Suppliers' } });
      const row = await workgroupRow(res.body.data.documentId);
      expect(row).toMatchObject({ name: 'Office move', extranet: false, description: 'Boxes' });
      expect(row.owner.id).toBe(employee.id);
      expect(await membership(row.id, employee.id)).toMatchObject({ role: 'owner', status: 'active' });
    });

    it('answers 400 naming the field, and stores nothing', async () => {
      const before = await strapi.db.query(WORKGROUP).count();
      const cases: Array<[any, string]> = [
        [{ topic: topic.documentId, extranet: true, owner: owner.id }, 'name'],
        [{ name: 'No owner', topic: topic.documentId, extranet: true }, 'owner'],
        [{ name: 'Bad owner', topic: topic.documentId, extranet: true, owner: 999999 }, 'owner'],
        [{ name: 'Bad topic', topic: 'nope', extranet: true, owner: owner.id }, 'topic'],
        [{ name: 'No site', topic: topic.documentId, owner: owner.id }, 'extranet'],
        [{ name: 'Extra', topic: topic.documentId, extranet: true, owner: owner.id, archived: true }, 'archived'],
      ];
      for (const [data, field] of cases) {
        const res = await http().post(`${API}/workgroups`).set(auth.root).send({ data });
        expect([field, res.status, res.body.error?.name]).toEqual([field, 400, 'ValidationError']);
        expect(JSON.stringify(res.body.error.details.errors.map((e: any) => e.path))).toContain(field);
      }
      const list = await http().get(`${API}/workgroups?archived=maybe`).set(auth.root);
      expect(list.status).toBe(400);
      expect(list.body.error.details.errors[0].path).toEqual(['archived']);
      expect(await strapi.db.query(WORKGROUP).count()).toBe(before);
    });

    it('keeps names unique per topic (409 WorkgroupNameTaken) and externals out of intranet groups (422 ExternalNotAllowed)', async () => {
      const taken = await http().post(`${API}/workgroups`).set(auth.root).send({ data: { name: 'managed GROUP', topic: topic.documentId, extranet: true, owner: owner.id } });
      expect([taken.status, taken.body.error.name]).toEqual([409, 'WorkgroupNameTaken']);
      const external = await http().post(`${API}/workgroups`).set(auth.root).send({ data: { name: 'Internal', topic: topic.documentId, extranet: false, owner: partner.id } });
      expect([external.status, external.body.error.name]).toEqual([422, 'ExternalNotAllowed']);
      expect(await strapi.db.query(WORKGROUP).count({ where: { name: 'Internal' } })).toBe(0);
    });

    it('filters the list by name, topic, site and archived (archived hidden unless asked for)', async () => {
      const other = await createTopic(strapi, 'Clients');
      const archived = await createWorkgroup(strapi, { extranet: true, topic: other, name: 'Old client group', archived: true });
      const names = async (query: string) => (await http().get(`${API}/workgroups?${query}`).set(auth.root)).body.data.map((w: any) => w.name);
      expect(await names('')).not.toContain('Old client group');
      expect(await names('archived=true')).toEqual(['Old client group']);
      expect(await names(`archived=all&topic=${other.documentId}`)).toEqual(['Old client group']);
      expect(await names('q=office')).toEqual(['Office move']);
      expect(await names('site=intranet')).toEqual(['Office move']);
      expect(await names('site=extranet')).toEqual(['Editor group', 'Managed group', 'Unmanaged group']);
      expect((await workgroupRow(archived.documentId)).archived).toBe(true);
    });

    it('refuses to change the site flag (400 on extranet)', async () => {
      const res = await http().put(`${API}/workgroups/${managed.documentId}`).set(auth.editor).send({ data: { extranet: false } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['extranet']);
      expect((await workgroupRow(managed.documentId)).extranet).toBe(true);
    });

    it('sets the managers, naming existing admin users only', async () => {
      const bad = await http().put(`${API}/workgroups/${unmanaged.documentId}/managers`).set(auth.root).send({ managers: [editorId, 424242] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0].path).toEqual(['managers']);
      expect((await workgroupRow(unmanaged.documentId)).managers).toEqual([]);
      const admins = await http().get(`${API}/admin-users`).set(auth.root);
      expect(admins.body.data.map((a: any) => a.email)).toContain('editor@northwind.example');
    });
  });

  describe('members', () => {
    let group: any;
    let moderator: TestUser;
    let asker: TestUser;
    beforeAll(async () => {
      moderator = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
      asker = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
      group = await createWorkgroup(strapi, { extranet: true, topic, name: 'Members group', members: [[owner, 'owner'], [moderator, 'moderator'], [partner, 'member'], [asker, 'member', 'requested']] });
      await strapi.db.query(WORKGROUP).update({ where: { id: group.id }, data: { managers: [editorId] } });
    });

    it('lists members with kind, role and status', async () => {
      const res = await http().get(`${API}/workgroups/${group.documentId}/members`).set(auth.editor);
      expect(res.status).toBe(200);
      const byId = Object.fromEntries(res.body.data.map((m: any) => [m.user.id, m]));
      expect(byId[owner.id]).toMatchObject({ role: 'owner', status: 'active', user: { kind: 'employee' } });
      expect(byId[partner.id]).toMatchObject({ role: 'member', status: 'active', user: { kind: 'external', username: partner.username } });
      expect(byId[asker.id]).toMatchObject({ status: 'requested' });
    });

    it('changes a role; demoting or removing the only owner answers 409 OwnerRequired', async () => {
      const promote = await http().put(`${API}/workgroups/${group.documentId}/members/${partner.id}`).set(auth.editor).send({ role: 'moderator' });
      expect(promote.status).toBe(200);
      expect((await membership(group.id, partner.id)).role).toBe('moderator');

      const demote = await http().put(`${API}/workgroups/${group.documentId}/members/${owner.id}`).set(auth.editor).send({ role: 'member' });
      expect([demote.status, demote.body.error.name]).toEqual([409, 'OwnerRequired']);
      const remove = await http().delete(`${API}/workgroups/${group.documentId}/members/${owner.id}`).set(auth.editor);
      expect([remove.status, remove.body.error.name]).toEqual([409, 'OwnerRequired']);
      expect((await membership(group.id, owner.id)).role).toBe('owner');

      const badRole = await http().put(`${API}/workgroups/${group.documentId}/members/${partner.id}`).set(auth.editor).send({ role: 'king' });
      expect(badRole.status).toBe(400);
      expect(badRole.body.error.details.errors[0].path).toEqual(['role']);
      const badUser = await http().put(`${API}/workgroups/${group.documentId}/members/abc`).set(auth.editor).send({ role: 'member' });
      expect(badUser.status).toBe(400);
      expect(badUser.body.error.details.errors[0].path).toEqual(['userId']);
    });

    it('transfers ownership: one owner at all times', async () => {
      const res = await http().put(`${API}/workgroups/${group.documentId}/members/${moderator.id}`).set(auth.editor).send({ role: 'owner' });
      expect(res.status).toBe(200);
      expect((await membership(group.id, moderator.id)).role).toBe('owner');
      expect((await membership(group.id, owner.id)).role).toBe('moderator');
      expect((await workgroupRow(group.documentId)).owner.id).toBe(moderator.id);
    });

    it('confirms a request and removes a member', async () => {
      const confirm = await http().post(`${API}/workgroups/${group.documentId}/members/${asker.id}/confirm`).set(auth.editor);
      expect(confirm.status).toBe(200);
      expect((await membership(group.id, asker.id)).status).toBe('active');
      const remove = await http().delete(`${API}/workgroups/${group.documentId}/members/${asker.id}`).set(auth.editor);
      expect(remove.status).toBe(204);
      expect(await membership(group.id, asker.id)).toBeNull();
    });

    it('makes an archived workgroup read-only (409 WorkgroupArchived) until unarchived', async () => {
      const archive = await http().post(`${API}/workgroups/${group.documentId}/archive`).set(auth.editor);
      expect(archive.status).toBe(200);
      expect(archive.body.data.archived).toBe(true);
      expect((await workgroupRow(group.documentId)).archived).toBe(true);

      for (const [method, path, body] of [
        ['put', `/workgroups/${group.documentId}/members/${partner.id}`, { role: 'member' }],
        ['delete', `/workgroups/${group.documentId}/members/${partner.id}`, undefined],
        ['put', `/workgroups/${group.documentId}`, { data: { name: 'Renamed while archived' } }],
      ] as const) {
        const res = await (http() as any)[method](`${API}${path}`).set(auth.editor).send(body);
        expect([path, res.status, res.body.error?.name]).toEqual([path, 409, 'WorkgroupArchived']);
      }
      expect((await membership(group.id, partner.id)).role).toBe('moderator');
      expect((await workgroupRow(group.documentId)).name).toBe('Members group');
      const members = await http().get(`${API}/workgroups/${group.documentId}/members`).set(auth.editor);
      expect(members.status).toBe(200);

      const unarchive = await http().post(`${API}/workgroups/${group.documentId}/unarchive`).set(auth.editor);
      expect(unarchive.status).toBe(200);
      expect((await workgroupRow(group.documentId)).archived).toBe(false);
    });

    it('shows the activity of the workgroup', async () => {
      const res = await http().get(`${API}/workgroups/${group.documentId}/activity`).set(auth.editor);
      expect(res.status).toBe(200);
      expect(res.body.data.map((a: any) => a.type)).toEqual(expect.arrayContaining(['workgroup.archived', 'workgroup.unarchived', 'member.role-changed', 'member.left']));
    });

    it('deletes a workgroup with its memberships and items, in one go', async () => {
      const doomed = await createWorkgroup(strapi, { extranet: true, topic, name: 'Doomed', members: [[owner, 'owner']] });
      const doc = await createItem(strapi, DOCUMENT, { extranet: true, workgroup: doomed.documentId });
      const res = await http().delete(`${API}/workgroups/${doomed.documentId}`).set(auth.root);
      expect(res.status).toBe(204);
      expect(await strapi.db.query(WORKGROUP).findOne({ where: { id: doomed.id } })).toBeNull();
      expect(await strapi.db.query(MEMBERSHIP).count({ where: { workgroup: { id: doomed.id } } })).toBe(0);
      expect(await strapi.db.query(DOCUMENT).findOne({ where: { documentId: doc.documentId } })).toBeNull();
    });
  });

  describe('invitations', () => {
    let group: any;
    const invite = (body: any, who: Auth = auth.editor, target = () => group.documentId) =>
      http().post(`${API}/workgroups/${target()}/invitations`).set(who).send(body);
    const stored = (email: string) => strapi.db.query(INVITATION).findMany({ where: { email }, populate: { invitedByAdmin: true, invitedBy: true }, orderBy: { id: 'asc' } });

    beforeAll(async () => {
      group = await createWorkgroup(strapi, { extranet: true, topic, name: 'Invitations group', members: [[owner, 'owner']] });
      await strapi.db.query(WORKGROUP).update({ where: { id: group.id }, data: { managers: [editorId] } });
    });

    it("sends a pending invitation in the editor's name: recorded as invitedByAdmin, named in the mail, token hashed", async () => {
      const before = smtp.messages.length;
      const res = await invite({ email: 'Nina@Partner.example', role: 'member', message: 'Welcome aboard' });
      expect(res.status).toBe(201);
      expect(res.body.meta.outcome).toBe('invited');
      expect(res.body.data).toMatchObject({ email: 'nina@partner.example', role: 'member', status: 'pending', invitedBy: null, invitedByAdmin: { id: editorId, firstname: 'editor' } });
      expect(JSON.stringify(res.body)).not.toMatch(/token/i);

      const mail = await smtp.nextTo('nina@partner.example', before);
      expect(mail.text).toContain('editor Test');
      expect(mail.text).toContain('Welcome aboard');
      const token = tokenOf(invitationLink(mail));
      const [row] = await stored('nina@partner.example');
      expect(row).toMatchObject({ status: 'pending', message: 'Welcome aboard' });
      expect(row.invitedByAdmin.id).toBe(editorId);
      expect(row.tokenHash).toBe(strapi.plugin('extranet').service('invitation').hashToken(token));
      expect(JSON.stringify(row)).not.toContain(token);

      const page = await http().get(`/extranet/invitations/${token}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('editor Test');

      const list = await http().get(`${API}/workgroups/${group.documentId}/invitations`).set(auth.reader);
      expect(list.status).toBe(200);
      expect(list.body.data.map((i: any) => i.email)).toEqual(['nina@partner.example']);
    });

    it('answers the SPEC §8 errors: InvitationPending, AlreadyMember, EmailDomainNotAllowed, 400 naming the field', async () => {
      const pending = await invite({ email: 'nina@partner.example' });
      expect([pending.status, pending.body.error.name]).toEqual([409, 'InvitationPending']);
      const member = await invite({ email: owner.email });
      expect([member.status, member.body.error.name]).toEqual([409, 'AlreadyMember']);
      for (const [body, field] of [[{ email: 'not-an-address' }, 'email'], [{ email: 'x@partner.example', role: 'owner' }, 'role'], [{ email: 'x@partner.example', token: 'abc' }, 'token']] as const) {
        const res = await invite(body);
        expect([field, res.status]).toEqual([field, 400]);
        expect(res.body.error.details.errors[0].path).toEqual([field]);
      }
      strapi.config.set('plugin::extranet.blockedEmailDomains', ['rival.example']);
      try {
        const blocked = await invite({ email: 'spy@rival.example' });
        expect([blocked.status, blocked.body.error.name]).toEqual([422, 'EmailDomainNotAllowed']);
      } finally {
        strapi.config.set('plugin::extranet.blockedEmailDomains', []);
      }
      expect(await stored('spy@rival.example')).toEqual([]);
      expect(await stored('x@partner.example')).toEqual([]);
      expect(await stored('nina@partner.example')).toHaveLength(1);
    });

    it('adds an employee at once, and refuses externals in an intranet group (422 ExternalNotAllowed)', async () => {
      const colleague = await createUser(strapi, { kind: 'employee' });
      const res = await invite({ email: colleague.email, role: 'moderator' });
      expect(res.status).toBe(201);
      expect(res.body.meta.outcome).toBe('added');
      expect(await membership(group.id, colleague.id)).toMatchObject({ status: 'active', role: 'moderator' });

      const intranet = await createWorkgroup(strapi, { extranet: false, topic, name: 'Intranet invitations', members: [[employee, 'owner']] });
      const refused = await invite({ email: 'new@partner.example' }, auth.root, () => intranet.documentId);
      expect([refused.status, refused.body.error.name]).toEqual([422, 'ExternalNotAllowed']);
      expect(await stored('new@partner.example')).toEqual([]);
    });

    it('resends with a new token (the old link dies) and cancels; a cancelled one answers 409 InvitationClosed', async () => {
      const [row] = await stored('nina@partner.example');
      const oldHash = row.tokenHash;
      const before = smtp.messages.length;
      const resend = await http().post(`${API}/invitations/${row.documentId}/resend`).set(auth.editor);
      expect(resend.status).toBe(200);
      const mail = await smtp.nextTo('nina@partner.example', before);
      const token = tokenOf(invitationLink(mail));
      const [after] = await stored('nina@partner.example');
      expect(after.tokenHash).not.toBe(oldHash);
      expect(after.tokenHash).toBe(strapi.plugin('extranet').service('invitation').hashToken(token));

      const cancel = await http().delete(`${API}/invitations/${row.documentId}`).set(auth.editor);
      expect(cancel.status).toBe(200);
      expect(cancel.body.data.status).toBe('cancelled');
      const [cancelled] = await stored('nina@partner.example');
      expect(cancelled).toMatchObject({ status: 'cancelled', tokenHash: null });
      expect((await http().get(`/extranet/invitations/${token}`)).status).toBe(410);

      const again = await http().post(`${API}/invitations/${row.documentId}/resend`).set(auth.editor);
      expect([again.status, again.body.error.name]).toEqual([409, 'InvitationClosed']);
      const missing = await http().delete(`${API}/invitations/nothing-here`).set(auth.editor);
      expect(missing.status).toBe(404);
    });

    it('keeps invitations of workgroups outside the editor\'s reach at 404, and archived ones at 409', async () => {
      const foreign = await http().post(`${API}/workgroups/${unmanaged.documentId}/invitations`).set(auth.root).send({ email: 'far@partner.example' });
      expect(foreign.status).toBe(201);
      const [row] = await stored('far@partner.example');
      for (const [method, path] of [['delete', `/invitations/${row.documentId}`], ['post', `/invitations/${row.documentId}/resend`], ['get', `/workgroups/${unmanaged.documentId}/invitations`]] as const) {
        const res = await (http() as any)[method](`${API}${path}`).set(auth.editor);
        expect([path, res.status]).toEqual([path, 404]);
      }
      const post = await http().post(`${API}/workgroups/${unmanaged.documentId}/invitations`).set(auth.editor).send({ email: 'other@partner.example' });
      expect(post.status).toBe(404);
      expect((await stored('far@partner.example'))[0].status).toBe('pending');
      expect(await stored('other@partner.example')).toEqual([]);

      await http().post(`${API}/workgroups/${group.documentId}/archive`).set(auth.editor).expect(200);
      const archived = await invite({ email: 'late@partner.example' });
      expect([archived.status, archived.body.error.name]).toEqual([409, 'WorkgroupArchived']);
      expect(await stored('late@partner.example')).toEqual([]);
      await http().post(`${API}/workgroups/${group.documentId}/unarchive`).set(auth.editor).expect(200);
    });
  });

  describe('people', () => {
    it('lists externals by default and searches everyone', async () => {
      const res = await http().get(`${API}/people`).set(auth.people);
      expect(res.status).toBe(200);
      expect(res.body.data.every((p: any) => p.kind === 'external')).toBe(true);
      expect(res.body.data.map((p: any) => p.id)).toContain(partner.id);
      const found = await http().get(`${API}/people?kind=all&q=olivia`).set(auth.people);
      expect(found.body.data).toEqual([expect.objectContaining({ id: owner.id, kind: 'employee', extranetGroups: ['extranet-users'] })]);
    });

    it('blocks and unblocks an external; edits its profile; 404 for an employee', async () => {
      const block = await http().post(`${API}/people/${partner.id}/block`).set(auth.people);
      expect([block.status, block.body.data.blocked]).toEqual([200, true]);
      expect((await strapi.db.query(USER).findOne({ where: { id: partner.id } })).blocked).toBe(true);
      const unblock = await http().post(`${API}/people/${partner.id}/unblock`).set(auth.people);
      expect(unblock.status).toBe(200);
      expect((await strapi.db.query(USER).findOne({ where: { id: partner.id } })).blocked).toBe(false);

      const edit = await http().put(`${API}/people/${partner.id}`).set(auth.people).send({ data: { company: 'Acme Supplies', firstname: 'Paul' } });
      expect(edit.status).toBe(200);
      expect(await strapi.db.query(USER).findOne({ where: { id: partner.id } })).toMatchObject({ company: 'Acme Supplies', firstname: 'Paul' });
      const badEmail = await http().put(`${API}/people/${partner.id}`).set(auth.people).send({ data: { email: 'not an address' } });
      expect(badEmail.status).toBe(400);
      expect(badEmail.body.error.details.errors[0].path).toEqual(['email']);

      const employeeBlock = await http().post(`${API}/people/${employee.id}/block`).set(auth.people);
      expect(employeeBlock.status).toBe(404);
      expect((await strapi.db.query(USER).findOne({ where: { id: employee.id } })).blocked).toBe(false);
    });

    it("sets anyone's extranet groups and visible-to-all; a seat beyond the limit answers 409 SeatLimitReached", async () => {
      const res = await http()
        .put(`${API}/people/${employee.id}/access`)
        .set(auth.people)
        .send({ extranetGroups: ['group-creators', 'extranet-support'], visibleToAllExtranet: true });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ visibleToAllExtranet: true });
      const stored = await strapi.db.query(USER).findOne({ where: { id: employee.id }, populate: { extranetGroups: true } });
      expect(stored.visibleToAllExtranet).toBe(true);
      expect(stored.extranetGroups.map((g: any) => g.key).sort()).toEqual(['extranet-support', 'group-creators']);

      const bad = await http().put(`${API}/people/${employee.id}/access`).set(auth.people).send({ extranetGroups: ['kings'], visibleToAllExtranet: true });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0].path[0]).toBe('extranetGroups');

      const { used } = await strapi.plugin('extranet').service('seat').usage();
      strapi.config.set('plugin::extranet.seatLimit', used);
      try {
        const full = await http().put(`${API}/people/${employee.id}/access`).set(auth.people).send({ extranetGroups: ['extranet-users'], visibleToAllExtranet: false });
        expect([full.status, full.body.error.name]).toEqual([409, 'SeatLimitReached']);
        const after = await strapi.db.query(USER).findOne({ where: { id: employee.id }, populate: { extranetGroups: true } });
        expect(after.visibleToAllExtranet).toBe(true);
        expect(after.extranetGroups.map((g: any) => g.key).sort()).toEqual(['extranet-support', 'group-creators']);
      } finally {
        strapi.config.set('plugin::extranet.seatLimit', 50);
      }
    });

    it('deletes an external with its memberships', async () => {
      const leaving = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      await addMember(strapi, managed, leaving, 'member');
      const res = await http().delete(`${API}/people/${leaving.id}`).set(auth.people);
      expect(res.status).toBe(204);
      expect(await strapi.db.query(USER).findOne({ where: { id: leaving.id } })).toBeNull();
      expect(await strapi.db.query(MEMBERSHIP).count({ where: { user: { id: leaving.id } } })).toBe(0);
    });
  });

  describe('topics and seats', () => {
    it('creates, renames and deletes a topic; a topic in use answers 409 TopicInUse', async () => {
      const created = await http().post(`${API}/topics`).set(auth.root).send({ data: { name: 'Logistics', sort: 5 } });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ name: 'Logistics', sort: 5, workgroups: 0 });
      const missing = await http().post(`${API}/topics`).set(auth.root).send({ data: { sort: 5 } });
      expect(missing.status).toBe(400);
      expect(missing.body.error.details.errors[0].path).toEqual(['name']);
      const renamed = await http().put(`${API}/topics/${created.body.data.documentId}`).set(auth.root).send({ data: { name: 'Freight' } });
      expect(renamed.body.data.name).toBe('Freight');
      const inUse = await http().delete(`${API}/topics/${topic.documentId}`).set(auth.root);
      expect([inUse.status, inUse.body.error.name]).toEqual([409, 'TopicInUse']);
      expect(await strapi.db.query('plugin::extranet.topic').count({ where: { documentId: topic.documentId } })).toBe(1);
      const removed = await http().delete(`${API}/topics/${created.body.data.documentId}`).set(auth.root);
      expect(removed.status).toBe(204);
      expect(await strapi.db.query('plugin::extranet.topic').count({ where: { name: 'Freight' } })).toBe(0);
      const list = await http().get(`${API}/topics`).set(auth.editor);
      expect(list.body.data.find((t: any) => t.name === 'Suppliers').workgroups).toBeGreaterThan(1);
      const editorWrite = await http().post(`${API}/topics`).set(auth.editor).send({ data: { name: 'Nope' } });
      expect(editorWrite.status).toBe(403);
    });

    it('shows the seats as the seat service counts them', async () => {
      const res = await http().get(`${API}/seats`).set(auth.reader);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual(await strapi.plugin('extranet').service('seat').usage());
      expect(res.body.data.used).toBe(res.body.data.employees + res.body.data.externals);
    });
  });

  describe('the side panel: who can read an item', () => {
    it('counts employees and partners through the rule, for an item the editor can read', async () => {
      const world = await createWorkgroup(strapi, { extranet: true, topic, name: 'Audience group' });
      await strapi.db.query(WORKGROUP).update({ where: { id: world.id }, data: { managers: [editorId] } });
      const inside = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      const insider = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
      await addMember(strapi, world, inside);
      await addMember(strapi, world, insider, 'owner');
      const doc = await createItem(strapi, DOCUMENT, { extranet: true, workgroup: world.documentId });
      const intranet = await createItem(strapi, DOCUMENT, { extranet: false });

      const admins = await strapi.db.query(USER).count({ where: { blocked: false, extranetGroups: { key: 'extranet-admins' } } });
      const res = await http().get(`${API}/items/${DOCUMENT}/${doc.documentId}/audience`).set(auth.editor);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        mode: 'workgroup',
        extranet: true,
        workgroup: { documentId: world.documentId, name: 'Audience group', extranet: true, archived: false },
        readers: { employees: 1 + admins, partners: 1 },
      });

      // An intranet item: every employee who is not blocked, no partner.
      const employees = await strapi.db.query(USER).count({ where: { blocked: false, role: { type: { $ne: 'extranet' } } } });
      const root = await http().get(`${API}/items/${DOCUMENT}/${intranet.documentId}/audience`).set(auth.root);
      expect(res.status).toBe(200);
      expect(root.body.data.readers).toEqual({ employees, partners: 0 });

      // The editor cannot read the intranet item in the content manager: 404, like a missing one.
      const hidden = await http().get(`${API}/items/${DOCUMENT}/${intranet.documentId}/audience`).set(auth.editor);
      expect(hidden.status).toBe(404);
      const notScoped = await http().get(`${API}/items/api::announcement.announcement/x/audience`).set(auth.root);
      expect(notScoped.status).toBe(404);
    });
  });

  describe('the access report (governance-read)', () => {
    it('downloads the CSV for an editor holding governance-read, and answers 403 to one without it', async () => {
      const csv = await http().get('/extranet/manage/report?format=csv').set(auth.root);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="extranet-access-report-/);
      expect(csv.text.split('\r\n')[0]).toBe('personId,name,email,company,kind,extranetGroups,workgroup,role,status,sponsor,invitedBy,joinedAt,expiresAt,lastSeenAt');
      expect(csv.text).toContain(`${partner.id},`);
      const json = await http().get('/extranet/manage/report').set(auth.root);
      expect(json.body.data.filter((r: any) => r.personId === partner.id).map((r: any) => r.workgroup)).toContain('Managed group');
      const refused = await http().get('/extranet/manage/report').set(auth.reader);
      expect([refused.status, refused.body.error?.name]).toEqual([403, 'PolicyError']);
    });
  });
});
