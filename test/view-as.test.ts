/**
 * SPEC §10 "view as": `X-Extranet-View-As: <userId>` from an extranet admin answers every read
 * (REST, GraphQL, the plugin's routes) exactly as that person's own request would, their
 * users-permissions role included; writes answer 403 and change nothing; anyone else 403; a bad
 * id 400 and an unknown one 404, naming the header. Each use is in the activity; the viewed
 * person's lastSeenAt is untouched and their messages stay private. Then the admin pages'
 * "Why?" and "View as…" routes (`/extranet/manage/...`, `governance-read`).
 */
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from './helpers/strapi';
import { bearer, createItem, createTopic, createUser, createWorkgroup, type TestUser } from './helpers/factories';
import { ACTIONS, WORKGROUP_MANAGER_CONDITION } from '../plugins/extranet/shared/permissions';

const HEADER = 'X-Extranet-View-As';
const ACTIVITY = 'plugin::extranet.activity';
const MEMBERSHIP = 'plugin::extranet.membership';
const USER = 'plugin::users-permissions.user';
const DOCUMENT = 'api::document.document';
const WORKGROUP = 'plugin::extranet.workgroup';
const PERMISSION = 'plugin::users-permissions.permission';
const ADMIN_PASSWORD = 'Editor-password-2026';

describe('view as (SPEC §10)', () => {
  let app: TestApp;
  let strapi: Core.Strapi;
  let admin: TestUser;
  let owner: TestUser;
  let partner: TestUser;
  let outsider: TestUser;
  let employee: TestUser;
  let blockedPartner: TestUser;
  let groupA: any;
  let groupB: any;
  const docs: Record<string, any> = {};

  const http = () => app.http();
  const viewAs = (user: { id: number | string }) => ({ ...bearer(admin), [HEADER]: String(user.id) });
  const viewedAsRows = (user: TestUser) =>
    strapi.db.query(ACTIVITY).findMany({ where: { type: 'governance.viewed-as', subjectDocumentId: user.documentId }, populate: { actor: true, actorAdmin: true } });
  /** The documents (by title) and the total a request answers. */
  const documentsOf = (res: any) => ({ status: res.status, titles: (res.body.data ?? []).map((d: any) => d.title).sort(), total: res.body.meta?.pagination?.total });

  beforeAll(async () => {
    app = await startApp();
    strapi = app.strapi;
    admin = await createUser(strapi, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
    owner = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
    partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    outsider = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    employee = await createUser(strapi, { kind: 'employee' });
    blockedPartner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    const topic = await createTopic(strapi);
    groupA = await createWorkgroup(strapi, { extranet: true, topic, name: 'View-as A', members: [[owner, 'owner'], [partner, 'member'], [blockedPartner, 'member']] });
    groupB = await createWorkgroup(strapi, { extranet: true, topic, name: 'View-as B', members: [[owner, 'owner'], [outsider, 'member']] });
    docs.a = await createItem(strapi, DOCUMENT, { title: 'va-A', extranet: true, workgroup: groupA.documentId });
    docs.b = await createItem(strapi, DOCUMENT, { title: 'va-B', extranet: true, workgroup: groupB.documentId });
    docs.site = await createItem(strapi, DOCUMENT, { title: 'va-site', extranet: true });
    docs.intranet = await createItem(strapi, DOCUMENT, { title: 'va-intranet', extranet: false });
    await strapi.documents('api::announcement.announcement').create({ data: { title: 'va-announcement', body: 'Internal' } as any });
    await strapi.db.query(USER).update({ where: { id: blockedPartner.id }, data: { blocked: true } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('reads answer exactly what the person would get', () => {
    it('REST lists, findOne and the role’s permissions (a partner may not list announcements: 403)', async () => {
      for (const person of [partner, outsider, owner, employee]) {
        const own = await http().get('/api/documents?filters[title][$startsWith]=va-').set(bearer(person));
        const viewed = await http().get('/api/documents?filters[title][$startsWith]=va-').set(viewAs(person));
        expect(documentsOf(viewed)).toEqual(documentsOf(own));
        for (const doc of Object.values(docs)) {
          const one = await http().get(`/api/documents/${doc.documentId}`).set(viewAs(person));
          const mine = await http().get(`/api/documents/${doc.documentId}`).set(bearer(person));
          expect([doc.title, one.status]).toEqual([doc.title, mine.status]);
        }
        const announcements = await http().get('/api/announcements').set(viewAs(person));
        const ownAnnouncements = await http().get('/api/announcements').set(bearer(person));
        expect(announcements.status).toBe(ownAnnouncements.status);
      }
      expect(documentsOf(await http().get('/api/documents?filters[title][$startsWith]=va-').set(viewAs(partner))).titles).toEqual(['va-A', 'va-site']);
      expect((await http().get('/api/announcements').set(viewAs(partner))).status).toBe(403);
      expect((await http().get('/api/announcements').set(viewAs(employee))).status).toBe(200);
      // The admin's own answer, for contrast: everything.
      expect(documentsOf(await http().get('/api/documents?filters[title][$startsWith]=va-').set(bearer(admin))).titles).toEqual(['va-A', 'va-B', 'va-intranet', 'va-site']);
    });

    it('GraphQL queries (a POST carrying a query is a read) and the plugin’s own routes', async () => {
      const query = { query: '{ documents(filters: { title: { startsWith: "va-" } }) { title } documents_connection(filters: { title: { startsWith: "va-" } }) { pageInfo { total } } }' };
      const viewed = await http().post('/graphql').set(viewAs(partner)).send(query);
      const own = await http().post('/graphql').set(bearer(partner)).send(query);
      expect(viewed.status).toBe(200);
      expect(viewed.body).toEqual(own.body);
      expect(viewed.body.data.documents.map((d: any) => d.title).sort()).toEqual(['va-A', 'va-site']);

      const me = await http().get('/api/extranet/me').set(viewAs(partner));
      expect(me.status).toBe(200);
      expect(me.body).toEqual((await http().get('/api/extranet/me').set(bearer(partner))).body);
      expect(me.body.data).toMatchObject({ id: partner.id, kind: 'external' });
      const workgroups = await http().get('/api/extranet/workgroups').set(viewAs(partner));
      expect(workgroups.body.data.map((w: any) => w.name)).toEqual(['View-as A']);
      // An extranet admin's route, viewed as a partner: the partner's 403.
      expect((await http().get('/api/extranet/report').set(viewAs(partner))).status).toBe(403);
      expect((await http().get('/api/extranet/report').set(bearer(admin))).status).toBe(200);
    });

    it('follows the person’s access as it is now: an expired membership grants nothing, renewing restores it', async () => {
      const m = await strapi.db.query(MEMBERSHIP).findOne({ where: { workgroup: { id: groupA.id }, user: { id: partner.id } } });
      await strapi.db.query(MEMBERSHIP).update({ where: { id: m.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      try {
        const viewed = await http().get('/api/documents?filters[title][$startsWith]=va-').set(viewAs(partner));
        expect(documentsOf(viewed).titles).toEqual(['va-site']);
        expect((await http().get(`/api/documents/${docs.a.documentId}`).set(viewAs(partner))).status).toBe(404);
      } finally {
        await strapi.db.query(MEMBERSHIP).update({ where: { id: m.id }, data: { expiresAt: null } });
      }
      expect(documentsOf(await http().get('/api/documents?filters[title][$startsWith]=va-').set(viewAs(partner))).titles).toEqual(['va-A', 'va-site']);
    });

    it('answers for a blocked person what that person gets: 401', async () => {
      const viewed = await http().get('/api/documents').set(viewAs(blockedPartner));
      const own = await http().get('/api/documents').set(bearer(blockedPartner));
      expect(own.status).toBe(401);
      expect(viewed.status).toBe(own.status);
      expect(viewed.body.error?.name).toBe(own.body.error?.name);
    });
  });

  describe('records each use, and leaves the person untouched', () => {
    it('writes one activity row per use: who viewed, as whom, which path; only extranet admins read it', async () => {
      const before = (await viewedAsRows(outsider)).length;
      expect((await http().get('/api/extranet/workgroups?x=1').set(viewAs(outsider))).status).toBe(200);
      const rows = await viewedAsRows(outsider);
      expect(rows).toHaveLength(before + 1);
      const row = rows.sort((a: any, b: any) => b.id - a.id)[0];
      expect(row).toMatchObject({ actor: { id: admin.id }, actorAdmin: null, subjectUid: USER, extranet: true });
      expect(row.summary).toBe(`as user ${outsider.id}: GET /api/extranet/workgroups?x=1`);
      const feed = async (user: TestUser) => (await http().get('/api/extranet/activity?pageSize=100').set(bearer(user))).body.data.map((a: any) => a.type);
      expect(await feed(admin)).toContain('governance.viewed-as');
      expect(await feed(outsider)).not.toContain('governance.viewed-as');
      expect(await feed(owner)).not.toContain('governance.viewed-as');
    });

    it('does not touch the viewed person’s lastSeenAt (the person’s own request does)', async () => {
      await strapi.db.query(USER).update({ where: { id: outsider.id }, data: { extranetLastSeenAt: null } });
      expect((await http().get('/api/extranet/me').set(viewAs(outsider))).status).toBe(200);
      expect((await strapi.db.query(USER).findOne({ where: { id: outsider.id } })).extranetLastSeenAt).toBeNull();
      expect((await http().get('/api/extranet/me').set(bearer(outsider))).status).toBe(200);
      expect((await strapi.db.query(USER).findOne({ where: { id: outsider.id } })).extranetLastSeenAt).not.toBeNull();
    });

    it('keeps messages private: the conversation is refused (403) and contacts say nothing of whom the person wrote to', async () => {
      const sent = await http().post('/api/extranet/messages').set(bearer(partner)).send({ to: owner.id, body: 'private note' });
      expect(sent.status).toBe(201);
      const conversation = await http().get(`/api/extranet/messages?with=${owner.id}`).set(viewAs(partner));
      expect(conversation.status).toBe(403);
      expect(conversation.body.error.name).toBe('ForbiddenError');
      expect(JSON.stringify(conversation.body)).not.toContain('private note');
      const own = await http().get('/api/extranet/contacts').set(bearer(partner));
      expect(own.body.data.myWorkgroups.find((p: any) => p.id === owner.id).lastContactAt).not.toBeNull();
      const viewed = await http().get('/api/extranet/contacts').set(viewAs(partner));
      expect(viewed.status).toBe(200);
      const ids = (list: any[]) => list.map((p: any) => p.id).sort();
      expect(ids(viewed.body.data.myWorkgroups)).toEqual(ids(own.body.data.myWorkgroups));
      expect(ids(viewed.body.data.accessible)).toEqual(ids(own.body.data.accessible));
      expect([...viewed.body.data.myWorkgroups, ...viewed.body.data.accessible].every((p: any) => p.lastContactAt === null)).toBe(true);
    });
  });

  describe('refusals', () => {
    it('refuses every write with the header (403) and changes nothing: REST, GraphQL mutations, the plugin’s routes', async () => {
      const count = () => strapi.db.query(DOCUMENT).count();
      const rows = async () => (await viewedAsRows(partner)).length;
      const [documentsBefore, rowsBefore] = [await count(), await rows()];
      const create = await http().post('/api/documents').set(viewAs(partner)).send({ data: { title: 'va-written', extranet: true, workgroup: groupA.documentId } });
      expect(create.status).toBe(403);
      expect(create.body.error.name).toBe('ForbiddenError');
      const update = await http().put(`/api/documents/${docs.a.documentId}`).set(viewAs(partner)).send({ data: { title: 'va-renamed' } });
      expect(update.status).toBe(403);
      const remove = await http().delete(`/api/documents/${docs.site.documentId}`).set(viewAs(admin));
      expect(remove.status).toBe(403);
      const mutation = await http().post('/graphql').set(viewAs(partner)).send({ query: 'mutation { createDocument(data: { title: "va-gql", extranet: true }) { title } }' });
      expect(mutation.status).toBe(403);
      const mixed = await http().post('/graphql').set(viewAs(partner)).send({ query: 'query A { documents { title } } mutation B { deleteDocument(documentId: "x") { documentId } }', operationName: 'A' });
      expect(mixed.status).toBe(403);
      const leave = await http().delete(`/api/extranet/workgroups/${groupA.documentId}/members/me`).set(viewAs(partner));
      expect(leave.status).toBe(403);
      const message = await http().post('/api/extranet/messages').set(viewAs(partner)).send({ to: owner.id, body: 'not me' });
      expect(message.status).toBe(403);
      expect(await count()).toBe(documentsBefore);
      expect((await strapi.db.query(DOCUMENT).findOne({ where: { documentId: docs.a.documentId } })).title).toBe('va-A');
      expect(await strapi.db.query(MEMBERSHIP).count({ where: { workgroup: { id: groupA.id }, user: { id: partner.id }, status: 'active' } })).toBe(1);
      expect(await strapi.db.query('plugin::extranet.message').count({ where: { body: 'not me' } })).toBe(0);
      // A refused write is no use of view-as: nothing recorded either.
      expect(await rows()).toBe(rowsBefore);
    });

    it('refuses the header to anyone but an extranet admin (403): partners, employees, anonymous callers', async () => {
      const rowsBefore = (await viewedAsRows(outsider)).length;
      for (const headers of [
        { ...bearer(partner), [HEADER]: String(outsider.id) },
        { ...bearer(owner), [HEADER]: String(outsider.id) },
        { ...bearer(employee), [HEADER]: String(outsider.id) },
        { [HEADER]: String(outsider.id) },
        { Authorization: 'Bearer not-a-token', [HEADER]: String(outsider.id) },
      ]) {
        const res = await http().get('/api/documents').set(headers);
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('ForbiddenError');
        expect(res.body.error.message).toContain(HEADER);
      }
      expect((await viewedAsRows(outsider)).length).toBe(rowsBefore);
    });

    it('answers 400 for an id that is not a number and 404 for nobody, naming the header', async () => {
      for (const value of ['abc', '', '-3', '1.5', '7, 8', '0']) {
        const res = await http().get('/api/documents').set({ ...bearer(admin), [HEADER]: value });
        expect([value, res.status]).toEqual([value, 400]);
        expect(res.body.error.name).toBe('ValidationError');
        expect(res.body.error.details.errors[0].path).toEqual([HEADER]);
      }
      const missing = await http().get('/api/documents').set({ ...bearer(admin), [HEADER]: '987654' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.name).toBe('NotFoundError');
      expect(missing.body.error.message).toContain(HEADER);
    });

    it('is not allowed by CORS to other origins unless config/middlewares says so', async () => {
      const preflight = await http()
        .options('/api/documents')
        .set({ Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,x-extranet-view-as' });
      expect(String(preflight.headers['access-control-allow-headers'] ?? '').toLowerCase()).not.toContain('x-extranet-view-as');
    });
  });

  describe('the admin pages: "Why?" and "View as…" (governance-read)', () => {
    const auth: Record<string, Record<string, string>> = {};
    let editorId: number;
    let rootId: number;

    beforeAll(async () => {
      const roles = strapi.service('admin::role') as any;
      const admins = strapi.service('admin::user') as any;
      const makeRole = async (name: string, permissions: any[]) => {
        const role = await roles.create({ name, description: name });
        await roles.assignPermissions(role.id, permissions);
        return role.id;
      };
      const limited = { conditions: [WORKGROUP_MANAGER_CONDITION] };
      const editorRole = await makeRole('Governance editors', [
        { action: ACTIONS.workgroupsRead, ...limited },
        { action: ACTIONS.governanceRead, ...limited },
        { action: 'plugin::content-manager.explorer.read', subject: DOCUMENT, properties: { fields: ['title', 'extranet', 'workgroup'] }, conditions: ['plugin::extranet.workgroup-member'] },
      ]);
      const readerRole = await makeRole('Readers without governance', [{ action: ACTIONS.workgroupsRead }]);
      const editor = await admins.create({ email: 'gov-editor@northwind.example', firstname: 'Gov', lastname: 'Editor', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [editorRole] });
      editorId = editor.id;
      await admins.create({ email: 'gov-reader@northwind.example', firstname: 'Gov', lastname: 'Reader', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [readerRole] });
      const root = await admins.create({ email: 'gov-root@northwind.example', firstname: 'Gov', lastname: 'Root', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [(await roles.getSuperAdmin()).id] });
      rootId = root.id;
      for (const key of ['editor', 'reader', 'root']) {
        const res = await http().post('/admin/login').send({ email: `gov-${key}@northwind.example`, password: ADMIN_PASSWORD });
        expect(res.status).toBe(200);
        auth[key] = { Authorization: `Bearer ${res.body.data.token}` };
      }
      await strapi.db.query(WORKGROUP).update({ where: { id: groupA.id }, data: { managers: [editorId] } });
    });

    it('"Why?": the explain service’s answer for an item the editor can read; 404 outside its workgroups; 400 naming the field', async () => {
      const why = (who: string, user: TestUser, doc: any) =>
        http().get(`/extranet/manage/explain?user=${user.id}&type=${DOCUMENT}&documentId=${doc.documentId}`).set(auth[who]);
      const cases: Array<[TestUser, any, boolean, string]> = [
        [partner, docs.a, true, 'workgroup-member'],
        [outsider, docs.a, false, 'not-a-member'],
        [employee, docs.a, false, 'no-extranet-access'],
        [blockedPartner, docs.a, false, 'blocked'],
        [admin, docs.a, true, 'extranet-admin'],
      ];
      for (const [user, doc, allowed, reason] of cases) {
        const res = await why('editor', user, doc);
        expect([user.username, res.status, res.body.data]).toEqual([user.username, 200, { allowed, reason }]);
        // The same as the content API's explain.
        const api = await http().get(`/api/extranet/explain?user=${user.id}&type=${DOCUMENT}&documentId=${doc.documentId}`).set(bearer(admin));
        expect(api.body.data).toEqual(res.body.data);
      }
      expect((await why('editor', partner, docs.b)).status).toBe(404);
      expect((await why('root', partner, docs.b)).body.data).toEqual({ allowed: false, reason: 'not-a-member' });
      expect((await why('reader', partner, docs.a)).status).toBe(403);
      const bad = await http().get(`/extranet/manage/explain?user=abc&type=${DOCUMENT}&documentId=${docs.a.documentId}`).set(auth.root);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0].path).toEqual(['user']);
      const badType = await http().get(`/extranet/manage/explain?user=${partner.id}&type=api::announcement.announcement&documentId=x`).set(auth.root);
      expect(badType.status).toBe(400);
      expect(badType.body.error.details.errors[0].path).toEqual(['type']);
      expect((await http().get(`/extranet/manage/explain?user=999999&type=${DOCUMENT}&documentId=${docs.a.documentId}`).set(auth.root)).status).toBe(404);
    });

    it('"View as…": the workgroup and its items as the person reads them, with their role; recorded in the activity', async () => {
      const view = (who: string, user: TestUser | { id: number }, group = groupA) =>
        http().get(`/extranet/manage/workgroups/${group.documentId}/view-as?user=${user.id}`).set(auth[who]);
      const documentsOfView = (res: any) => res.body.data.types.find((t: any) => t.uid === DOCUMENT);

      const rowsBefore = (await viewedAsRows(partner)).length;
      const asPartner = await view('editor', partner);
      expect(asPartner.status).toBe(200);
      expect(asPartner.body.data).toMatchObject({
        user: { id: partner.id, kind: 'external', blocked: false },
        workgroup: { documentId: groupA.documentId, readable: true },
        membership: { role: 'member', status: 'active', grants: true },
      });
      expect(documentsOfView(asPartner)).toMatchObject({ roleAllows: true, total: 1, items: [{ documentId: docs.a.documentId, title: 'va-A' }] });
      const rows = (await viewedAsRows(partner)).sort((a: any, b: any) => b.id - a.id);
      expect(rows).toHaveLength(rowsBefore + 1);
      expect(rows[0]).toMatchObject({ actor: null, actorAdmin: { id: editorId } });
      expect(rows[0].summary).toContain(groupA.documentId);

      const asOutsider = await view('editor', outsider);
      expect(asOutsider.body.data.workgroup.readable).toBe(false);
      expect(asOutsider.body.data.membership).toBeNull();
      expect(documentsOfView(asOutsider)).toMatchObject({ total: 0, items: [] });

      const asEmployee = await view('editor', employee);
      expect(asEmployee.body.data.workgroup.readable).toBe(false);
      expect(documentsOfView(asEmployee).total).toBe(0);

      const asAdmin = await view('root', admin, groupB);
      expect(asAdmin.body.data.workgroup.readable).toBe(true);
      expect(documentsOfView(asAdmin)).toMatchObject({ total: 1, items: [{ title: 'va-B' }] });
      expect((await viewedAsRows(admin))[0].actorAdmin).toMatchObject({ id: rootId });

      const asBlocked = await view('editor', blockedPartner);
      expect(asBlocked.body.data).toMatchObject({ user: { blocked: true }, workgroup: { readable: false }, types: [] });

      // The person's role: without `find` on events, events are 403 to them, and the page says so.
      expect((await view('editor', partner)).body.data.types.every((t: any) => t.roleAllows)).toBe(true);
      const permission = await strapi.db.query(PERMISSION).findOne({ where: { action: 'api::event.event.find', role: { type: 'extranet' } }, populate: { role: true } });
      await strapi.db.query(PERMISSION).delete({ where: { id: permission.id } });
      try {
        expect((await view('editor', partner)).body.data.types.find((t: any) => t.uid === 'api::event.event').roleAllows).toBe(false);
        expect((await http().get('/api/events').set(viewAs(partner))).status).toBe(403);
      } finally {
        await strapi.db.query(PERMISSION).create({ data: { action: 'api::event.event.find', role: permission.role.id } });
      }
      expect((await http().get('/api/events').set(viewAs(partner))).status).toBe(200);
      expect((await view('editor', outsider, groupB)).status).toBe(404);
      expect((await view('reader', partner)).status).toBe(403);
      expect((await view('editor', { id: 999999 })).status).toBe(404);
      const bad = await http().get(`/extranet/manage/workgroups/${groupA.documentId}/view-as?user=x`).set(auth.editor);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0].path).toEqual(['user']);
    });

    it('lists people to pick, blocked ones included', async () => {
      const res = await http().get(`/extranet/manage/governance/people?q=${encodeURIComponent(blockedPartner.username)}`).set(auth.editor);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([expect.objectContaining({ id: blockedPartner.id, kind: 'external', blocked: true })]);
      expect((await http().get('/extranet/manage/governance/people?q=a&z=1').set(auth.editor)).status).toBe(400);
    });
  });
});
