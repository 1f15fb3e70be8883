import { startApp, type TestApp } from './helpers/strapi';
import { addMember, bearer, createItem, createTopic, createUser, createWorkgroup, type TestUser } from './helpers/factories';
import { bodyOf } from './helpers/contracts';
import type {
  CreateOwnWorkgroup,
  FindTopics,
  GetWorkgroupActivity,
  GetWorkgroupMembers,
} from '../plugins/extranet/shared/contracts';

describe('workgroup life through /api/extranet', () => {
  let app: TestApp;
  let admin: TestUser;
  let creator: TestUser;
  let employee: TestUser;
  let intranetOnly: TestUser;
  let partner: TestUser;
  let topic: any;

  beforeAll(async () => {
    app = await startApp();
    const s = app.strapi;
    admin = await createUser(s, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
    creator = await createUser(s, { kind: 'employee', groups: ['extranet-users', 'group-creators'] });
    employee = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    intranetOnly = await createUser(s, { kind: 'employee' });
    partner = await createUser(s, { kind: 'external', groups: ['extranet-users'] });
    topic = await createTopic(s, 'Suppliers');
  });
  afterAll(async () => {
    await app?.stop();
  });

  const api = (user: TestUser) => ({
    get: (path: string) => app.http().get(`/api/extranet${path}`).set(bearer(user)),
    post: (path: string, body?: object) => app.http().post(`/api/extranet${path}`).set(bearer(user)).send(body ?? {}),
    put: (path: string, body: object) => app.http().put(`/api/extranet${path}`).set(bearer(user)).send(body),
    del: (path: string) => app.http().delete(`/api/extranet${path}`).set(bearer(user)),
  });
  const create = (user: TestUser, data: object) => api(user).post('/workgroups', { data });
  const membersOf = async (documentId: string, user: TestUser = admin) =>
    bodyOf<GetWorkgroupMembers.Response>(await api(user).get(`/workgroups/${documentId}/members`)).data.map((m) => [m.user.id, m.role, m.status]);

  describe('creating', () => {
    it('lets a group creator create an extranet workgroup and makes them its owner', async () => {
      const res = await create(creator, { name: 'Acme', topic: topic.documentId, extranet: true, description: 'Orders' });
      expect(res.status).toBe(201);
      const { data } = bodyOf<CreateOwnWorkgroup.Response>(res);
      expect(data).toMatchObject({ name: 'Acme', extranet: true, archived: false });
      expect(await membersOf(data.documentId)).toEqual([[creator.id, 'owner', 'active']]);
    });

    it('refuses people outside group-creators, and externals without it', async () => {
      expect((await create(employee, { name: 'Nope', topic: topic.documentId, extranet: true })).status).toBe(403);
      expect((await create(partner, { name: 'Nope', topic: topic.documentId, extranet: true })).status).toBe(403);
      expect((await create(intranetOnly, { name: 'Nope', topic: topic.documentId, extranet: false })).status).toBe(403);
    });

    it('answers 400 naming the field for a missing topic, an unknown topic or a bad value', async () => {
      const missing = await create(admin, { name: 'No topic', extranet: true });
      expect(missing.status).toBe(400);
      expect(JSON.stringify(missing.body.error.details)).toContain('topic');
      const unknown = await create(admin, { name: 'Bad topic', topic: 'nosuchtopic', extranet: true });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.details.errors[0].path).toEqual(['topic']);
      const bad = await create(admin, { name: '', topic: topic.documentId, extranet: 'maybe' });
      expect(bad.status).toBe(400);
      const paths = bad.body.error.details.errors.map((e: any) => e.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['name', 'extranet']));
      const noEnvelope = await api(admin).post('/workgroups', { name: 'Flat body' });
      expect(noEnvelope.status).toBe(400);
    });

    it('keeps names unique per topic (409), not across topics', async () => {
      await create(admin, { name: 'Quality board', topic: topic.documentId, extranet: true });
      const clash = await create(admin, { name: 'quality board', topic: topic.documentId, extranet: true });
      expect(clash.status).toBe(409);
      const other = await createTopic(app.strapi, 'Clients');
      expect((await create(admin, { name: 'Quality board', topic: other.documentId, extranet: true })).status).toBe(201);
    });
  });

  describe('editing and deleting', () => {
    it('lets the owner edit, refuses plain members (403) and hides the group from outsiders (404)', async () => {
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[creator, 'owner'], [partner, 'member']] });
      expect((await api(creator).put(`/workgroups/${wg.documentId}`, { data: { description: 'New scope' } })).status).toBe(200);
      expect((await api(partner).put(`/workgroups/${wg.documentId}`, { data: { description: 'Mine now' } })).status).toBe(403);
      expect((await api(employee).put(`/workgroups/${wg.documentId}`, { data: { description: 'Hello' } })).status).toBe(404);
      const site = await api(creator).put(`/workgroups/${wg.documentId}`, { data: { extranet: false } });
      expect(site.status).toBe(400);
      expect(site.body.error.details.errors[0].path).toEqual(['extranet']);
    });

    it('deletes memberships, invitations, activity and items with the workgroup, in one go', async () => {
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[creator, 'owner'], [partner, 'member']] });
      const doc = await createItem(app.strapi, 'api::document.document', { workgroup: wg.documentId });
      await app.strapi.documents('plugin::extranet.invitation').create({ data: { email: 'x@y.example', workgroup: wg.documentId, status: 'pending' } as any });
      expect((await api(partner).del(`/workgroups/${wg.documentId}`)).status).toBe(403);
      expect((await api(creator).del(`/workgroups/${wg.documentId}`)).status).toBe(204);
      const count = (uid: string, where: object) => app.strapi.db.query(uid as any).count({ where });
      expect(await count('plugin::extranet.workgroup', { documentId: wg.documentId })).toBe(0);
      expect(await count('plugin::extranet.membership', { workgroup: { documentId: wg.documentId } })).toBe(0);
      expect(await count('plugin::extranet.invitation', { email: 'x@y.example' })).toBe(0);
      expect(await count('api::document.document', { documentId: doc.documentId })).toBe(0);
      expect((await app.http().get(`/api/documents/${doc.documentId}`).set(bearer(admin))).status).toBe(404);
    });
  });

  describe('members and roles', () => {
    let wg: any;
    let moderator: TestUser;
    let member: TestUser;
    let requester: TestUser;
    beforeAll(async () => {
      moderator = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
      member = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      requester = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
      wg = await createWorkgroup(app.strapi, {
        extranet: true,
        members: [[creator, 'owner'], [moderator, 'moderator'], [member, 'member'], [requester, 'member', 'requested']],
      });
    });

    it('shows members the active people, and managers the pending ones too', async () => {
      expect((await membersOf(wg.documentId, member)).map((m: any) => m[0])).not.toContain(requester.id);
      expect((await membersOf(wg.documentId, moderator)).map((m: any) => m[0])).toContain(requester.id);
      expect((await api(employee).get(`/workgroups/${wg.documentId}/members`)).status).toBe(404);
    });

    it('lets a moderator confirm a join request', async () => {
      const res = await api(moderator).post(`/workgroups/${wg.documentId}/members/${requester.id}/confirm`);
      expect(res.status).toBe(200);
      expect(await membersOf(wg.documentId)).toContainEqual([requester.id, 'member', 'active']);
    });

    it('keeps moderator promotion for the owner', async () => {
      expect((await api(moderator).put(`/workgroups/${wg.documentId}/members/${member.id}`, { role: 'moderator' })).status).toBe(403);
      expect((await api(member).put(`/workgroups/${wg.documentId}/members/${requester.id}`, { role: 'moderator' })).status).toBe(403);
      expect((await api(creator).put(`/workgroups/${wg.documentId}/members/${requester.id}`, { role: 'moderator' })).status).toBe(200);
      expect(await membersOf(wg.documentId)).toContainEqual([requester.id, 'moderator', 'active']);
      const bad = await api(creator).put(`/workgroups/${wg.documentId}/members/${requester.id}`, { role: 'king' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0].path).toEqual(['role']);
    });

    it('always keeps exactly one owner: ownership moves, it is never dropped', async () => {
      expect((await api(creator).del(`/workgroups/${wg.documentId}/members/${creator.id}`)).status).toBe(409);
      expect((await api(admin).put(`/workgroups/${wg.documentId}/members/${creator.id}`, { role: 'member' })).status).toBe(409);
      expect((await api(creator).put(`/workgroups/${wg.documentId}/members/${moderator.id}`, { role: 'owner' })).status).toBe(200);
      const members = await membersOf(wg.documentId);
      expect(members.filter((m: any) => m[1] === 'owner')).toEqual([[moderator.id, 'owner', 'active']]);
      expect(members).toContainEqual([creator.id, 'moderator', 'active']);
    });

    it('lets managers remove members and anyone leave', async () => {
      expect((await api(member).del(`/workgroups/${wg.documentId}/members/${requester.id}`)).status).toBe(403);
      expect((await api(member).del(`/workgroups/${wg.documentId}/members/${member.id}`)).status).toBe(204);
      expect((await membersOf(wg.documentId)).map((m: any) => m[0])).not.toContain(member.id);
      expect((await api(member).get(`/workgroups/${wg.documentId}`)).status).toBe(404);
    });

    it('lets a moderator remove members but not another moderator: only the owner removes moderators', async () => {
      const first = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
      const second = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
      const plain = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const group = await createWorkgroup(app.strapi, {
        extranet: true,
        members: [[creator, 'owner'], [first, 'moderator'], [second, 'moderator'], [plain, 'member']],
      });
      const refused = await api(first).del(`/workgroups/${group.documentId}/members/${second.id}`);
      expect(refused.status).toBe(403);
      expect(await storedMembers(group.documentId)).toEqual(
        [[creator.id, 'owner', 'active'], [first.id, 'moderator', 'active'], [second.id, 'moderator', 'active'], [plain.id, 'member', 'active']].sort(byUser)
      );
      expect((await api(first).del(`/workgroups/${group.documentId}/members/${plain.id}`)).status).toBe(204);
      expect((await api(creator).del(`/workgroups/${group.documentId}/members/${second.id}`)).status).toBe(204);
      expect(await storedMembers(group.documentId)).toEqual([[creator.id, 'owner', 'active'], [first.id, 'moderator', 'active']].sort(byUser));
    });
  });

  /** [user id, role, status] of every stored membership of a workgroup, by user id. */
  const byUser = (a: any[], b: any[]) => a[0] - b[0];
  const storedMembers = async (documentId: string) =>
    (
      await app.strapi.db.query('plugin::extranet.membership').findMany({
        where: { workgroup: { documentId } },
        populate: { user: { select: ['id'] } },
      })
    )
      .map((m: any) => [m.user.id, m.role, m.status])
      .sort(byUser);

  describe('archive', () => {
    it('makes the group and its items read-only except for extranet admins, until unarchived', async () => {
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[creator, 'owner'], [partner, 'member']] });
      const doc = await createItem(app.strapi, 'api::document.document', { workgroup: wg.documentId, title: 'Charter' });
      expect((await api(partner).post(`/workgroups/${wg.documentId}/archive`)).status).toBe(403);
      const archived = await api(creator).post(`/workgroups/${wg.documentId}/archive`);
      expect(archived.status).toBe(200);
      expect(archived.body.data.archived).toBe(true);
      expect(archived.body.data.archivedAt).toEqual(expect.any(String));

      const write = await app.http().put(`/api/documents/${doc.documentId}`).set(bearer(partner)).send({ data: { title: 'x' } });
      expect(write.status).toBe(409);
      expect(write.body.error.name).toBe('WorkgroupArchived');
      expect((await app.http().get(`/api/documents/${doc.documentId}`).set(bearer(partner))).status).toBe(200);
      const edit = await api(creator).put(`/workgroups/${wg.documentId}`, { data: { name: 'Renamed' } });
      expect(edit.status).toBe(409);
      expect(edit.body.error.name).toBe('WorkgroupArchived');
      expect((await app.http().put(`/api/documents/${doc.documentId}`).set(bearer(admin)).send({ data: { title: 'Admin fix' } })).status).toBe(200);

      expect((await api(creator).post(`/workgroups/${wg.documentId}/unarchive`)).status).toBe(200);
      expect((await app.http().put(`/api/documents/${doc.documentId}`).set(bearer(partner)).send({ data: { title: 'Back' } })).status).toBe(200);
    });

    it('keeps the members of an archived group: nobody but an extranet admin leaves it', async () => {
      const leaver = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[creator, 'owner'], [leaver, 'member'], [admin, 'member']] });
      expect((await api(creator).post(`/workgroups/${wg.documentId}/archive`)).status).toBe(200);
      const before = await storedMembers(wg.documentId);
      expect(before).toEqual([[creator.id, 'owner', 'active'], [leaver.id, 'member', 'active'], [admin.id, 'member', 'active']].sort(byUser));

      const leave = await api(leaver).del(`/workgroups/${wg.documentId}/members/${leaver.id}`);
      expect(leave.status).toBe(409);
      expect(leave.body.error.name).toBe('WorkgroupArchived');
      expect(await storedMembers(wg.documentId)).toEqual(before);
      expect((await api(leaver).get(`/workgroups/${wg.documentId}`)).status).toBe(200);

      expect((await api(admin).del(`/workgroups/${wg.documentId}/members/${admin.id}`)).status).toBe(204);
      expect(await storedMembers(wg.documentId)).toEqual([[creator.id, 'owner', 'active'], [leaver.id, 'member', 'active']].sort(byUser));
    });
  });

  describe('topics', () => {
    it('are managed by extranet admins and listed for everyone in the extranet', async () => {
      const res = await api(admin).post('/topics', { data: { name: 'Logistics', sort: 5 } });
      expect(res.status).toBe(201);
      expect((await api(creator).post('/topics', { data: { name: 'Mine' } })).status).toBe(403);
      expect((await api(admin).put(`/topics/${res.body.data.documentId}`, { data: { description: 'Trucks' } })).status).toBe(200);
      const list = await api(partner).get('/topics?pagination[pageSize]=100');
      expect(list.status).toBe(200);
      expect(bodyOf<FindTopics.Response>(list).data.map((t) => t.name)).toContain('Logistics');
      const outsider = await createUser(app.strapi, { kind: 'external' });
      expect((await api(outsider).get('/topics')).body.data).toEqual([]);
      expect((await api(admin).post('/topics', { data: { name: 'logistics' } })).status).toBe(409);
    });

    it('refuses to delete a topic that still has workgroups (409)', async () => {
      const used = await createTopic(app.strapi, 'Used topic');
      await createWorkgroup(app.strapi, { extranet: true, topic: used });
      const res = await api(admin).del(`/topics/${used.documentId}`);
      expect(res.status).toBe(409);
      expect(res.body.error.name).toBe('TopicInUse');
      const free = await createTopic(app.strapi, 'Free topic');
      expect((await api(admin).del(`/topics/${free.documentId}`)).status).toBe(204);
    });
  });

  describe('activity', () => {
    it('records items, members and archive, newest first, for readers of the group only', async () => {
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[creator, 'owner']] });
      const other = await createWorkgroup(app.strapi, { extranet: true, members: [[admin, 'owner']] });
      await addMember(app.strapi, wg, partner);
      await app.http().post('/api/documents').set(bearer(partner)).send({ data: { title: 'Delivery plan', workgroup: wg.documentId } });
      await createItem(app.strapi, 'api::document.document', { workgroup: other.documentId, title: 'Secret' });
      await api(creator).post(`/workgroups/${wg.documentId}/archive`);

      const res = await api(partner).get(`/workgroups/${wg.documentId}/activity`);
      expect(res.status).toBe(200);
      const { data: events, meta } = bodyOf<GetWorkgroupActivity.Response>(res);
      expect(events.map((e) => e.type)).toEqual(['workgroup.archived', 'item.created']);
      expect(events.every((e) => e.extranet === true)).toBe(true);
      expect(meta.pagination.total).toBe(2);

      const all = await api(partner).get('/activity?pagination[pageSize]=100');
      expect(JSON.stringify(all.body)).not.toContain('Secret');
      expect(all.body.data.every((e: any) => e.workgroup.documentId !== other.documentId)).toBe(true);
      expect((await api(partner).get(`/workgroups/${other.documentId}/activity`)).status).toBe(404);
      const page = await api(admin).get('/activity?pagination[pageSize]=2&pagination[page]=1');
      expect(page.body.data).toHaveLength(2);
      expect(page.body.meta.pagination.total).toBeGreaterThan(2);
    });

    it('shows employees without extranet access no extranet event', async () => {
      const res = await api(intranetOnly).get('/activity?pagination[pageSize]=100');
      expect(res.status).toBe(200);
      expect(res.body.data.filter((e: any) => e.extranet)).toEqual([]);
    });
  });

  describe('me', () => {
    it('describes the caller with its groups and workgroups', async () => {
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[partner, 'member']], name: 'Partner home' });
      const res = await api(partner).get('/me');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ id: partner.id, kind: 'external', extranetGroups: ['extranet-users'], visibleToAllExtranet: false });
      expect(res.body.data.workgroups).toContainEqual(expect.objectContaining({ documentId: wg.documentId, name: 'Partner home', role: 'member' }));
      expect(JSON.stringify(res.body)).not.toContain('password');
      expect((await app.http().get('/api/extranet/me')).status).toBe(403);
    });
  });
});
