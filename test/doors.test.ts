/**
 * Doors nobody named (issue "Every door closed"): writes judged on what they store, whatever the
 * payload's spelling; the content manager behind the workgroup rules; users and tokens. Every
 * test asserts the answer and what is stored afterwards.
 */
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from './helpers/strapi';
import { addMember, bearer, createItem, createTopic, createUser, createWorkgroup, groupId, type TestUser } from './helpers/factories';

const DOCUMENT = 'api::document.document';
const WORKGROUP = 'plugin::extranet.workgroup';
const MEMBERSHIP = 'plugin::extranet.membership';
const INVITATION = 'plugin::extranet.invitation';
const USER = 'plugin::users-permissions.user';
const CM = '/content-manager/collection-types';
const ADMIN_PASSWORD = 'Editor-password-2026';

describe('every door closed', () => {
  let app: TestApp;
  let strapi: Core.Strapi;
  let partner: TestUser;
  let employee: TestUser;
  let owner: TestUser;
  let topic: any;
  let mine: any;
  let archived: any;
  let intranet: any;
  let managed: any;
  let unmanaged: any;
  let siteWide: any;
  let superAuth: Record<string, string>;
  let editorAuth: Record<string, string>;

  const stored = (documentId: string) => strapi.db.query(DOCUMENT).findOne({ where: { documentId }, populate: ['workgroup'] });
  const titled = (title: string) => strapi.db.query(DOCUMENT).findMany({ where: { title } });
  const post = (user: TestUser, data: object) => app.http().post('/api/documents').set(bearer(user)).send({ data });
  const put = (user: TestUser, documentId: string, data: object) =>
    app.http().put(`/api/documents/${documentId}`).set(bearer(user)).send({ data });

  const adminLogin = async (email: string) => {
    const res = await app.http().post('/admin/login').send({ email, password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    return { Authorization: `Bearer ${res.body.data.token}` };
  };

  beforeAll(async () => {
    app = await startApp({ env: { EXTRANET_SEAT_LIMIT: '8' } });
    strapi = app.strapi;
    partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    employee = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
    owner = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
    topic = await createTopic(strapi, 'Doors');
    mine = await createWorkgroup(strapi, { extranet: true, topic, name: 'Mine', members: [[owner, 'owner'], [partner, 'member'], [employee, 'member']] });
    archived = await createWorkgroup(strapi, { extranet: true, topic, name: 'Archived', archived: true, members: [[owner, 'owner'], [partner, 'member'], [employee, 'member']] });
    intranet = await createWorkgroup(strapi, { extranet: false, topic, name: 'Intranet', members: [[owner, 'owner']] });
    managed = await createWorkgroup(strapi, { extranet: true, topic, name: 'Managed', members: [[owner, 'owner']] });
    unmanaged = await createWorkgroup(strapi, { extranet: true, topic, name: 'Unmanaged', members: [[owner, 'owner']] });
    siteWide = await createItem(strapi, DOCUMENT, { title: 'Partner guide', extranet: true });

    const roles = strapi.service('admin::role') as any;
    const admins = strapi.service('admin::user') as any;
    const role = await roles.create({ name: 'Door editors', description: 'Edit the workgroups they manage' });
    await roles.assignPermissions(role.id, ['read', 'create', 'update', 'delete'].map((action) => ({
      action: `plugin::content-manager.explorer.${action}`,
      subject: DOCUMENT,
      properties: action === 'delete' ? {} : { fields: ['title', 'body', 'file', 'extranet', 'workgroup'] },
      conditions: ['plugin::extranet.workgroup-member'],
    })));
    const editor = await admins.create({ email: 'doors-editor@northwind.example', firstname: 'Ed', lastname: 'Itor', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [role.id] });
    await admins.create({ email: 'doors-root@northwind.example', firstname: 'Root', lastname: 'Admin', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [(await roles.getSuperAdmin()).id] });
    await strapi.db.query(WORKGROUP).update({ where: { id: managed.id }, data: { managers: [editor.id] } });
    superAuth = await adminLogin('doors-root@northwind.example');
    editorAuth = await adminLogin('doors-editor@northwind.example');
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('relation payloads with two targets are judged on what Strapi stored', () => {
    const spellings = (stored: any, checked: any) => [
      { documentId: stored.documentId, connect: [checked.documentId] },
      { id: stored.id, connect: [checked.id] },
      { id: stored.id, set: [checked.id] },
    ];

    it('a partner cannot create into an archived workgroup behind a connect to its own', async () => {
      for (const [i, workgroup] of spellings(archived, mine).entries()) {
        const title = `Two targets create ${i}`;
        const res = await post(partner, { title, workgroup });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(await titled(title)).toEqual([]);
      }
    });

    it('a partner cannot move its item into an archived workgroup behind a connect to its own', async () => {
      const doc = await createItem(strapi, DOCUMENT, { title: 'Partner item', extranet: true, workgroup: mine.documentId });
      for (const workgroup of spellings(archived, mine)) {
        const res = await put(partner, doc.documentId, { workgroup });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect((await stored(doc.documentId)).workgroup.id).toBe(mine.id);
      }
    });

    it('an employee cannot store an intranet item in an extranet workgroup behind a connect to an intranet one', async () => {
      for (const [i, workgroup] of spellings(mine, intranet).entries()) {
        const title = `Intranet smuggled ${i}`;
        const res = await post(employee, { title, extranet: false, workgroup });
        expect(res.status).toBe(400);
        expect(await titled(title)).toEqual([]);
      }
    });

    it('a restricted editor cannot plant or move items into a workgroup it does not manage, in the content manager', async () => {
      const res = await app.http().post(`${CM}/${DOCUMENT}`).set(editorAuth)
        .send({ title: 'Planted two targets', extranet: true, workgroup: { documentId: unmanaged.documentId, connect: [managed.documentId] } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await titled('Planted two targets')).toEqual([]);

      const doc = await createItem(strapi, DOCUMENT, { title: 'Managed item', extranet: true, workgroup: managed.documentId });
      const move = await app.http().put(`${CM}/${DOCUMENT}/${doc.documentId}`).set(editorAuth)
        .send({ title: 'Managed item', workgroup: { documentId: unmanaged.documentId, connect: [managed.documentId] } });
      expect(move.status).toBeGreaterThanOrEqual(400);
      expect((await stored(doc.documentId)).workgroup.id).toBe(managed.id);
    });
  });

  describe('site-wide extranet items', () => {
    it('a partner cannot capture a site-wide item into its own workgroup (403), nor edit it', async () => {
      for (const data of [{ workgroup: mine.documentId }, { workgroup: { connect: [mine.documentId] } }, { title: 'Renamed' }]) {
        const res = await put(partner, siteWide.documentId, data);
        expect(res.status).toBe(403);
        const row = await stored(siteWide.documentId);
        expect(row.workgroup).toBeNull();
        expect(row.title).toBe('Partner guide');
      }
    });

    it('an employee with extranet access may move it into a workgroup', async () => {
      const doc = await createItem(strapi, DOCUMENT, { title: 'Site-wide to move', extranet: true });
      const res = await put(employee, doc.documentId, { workgroup: mine.documentId });
      expect(res.status).toBe(200);
      expect((await stored(doc.documentId)).workgroup.id).toBe(mine.id);
    });
  });

  describe("the editors' door: the content manager obeys the workgroup rules", () => {
    it('neither lists, reads nor writes the plugin\'s internal types, even for a super admin', async () => {
      for (const uid of [MEMBERSHIP, INVITATION, 'plugin::extranet.message', 'plugin::extranet.activity', 'plugin::extranet.access-group', 'plugin::extranet.outbox-mail', 'plugin::extranet.notification-setting']) {
        const list = await app.http().get(`${CM}/${uid}`).set(superAuth);
        expect(list.status).toBe(403);
      }
      const before = await strapi.db.query(MEMBERSHIP).count();
      const create = await app.http().post(`${CM}/${MEMBERSHIP}`).set(superAuth)
        .send({ workgroup: intranet.id, user: partner.id, role: 'owner', status: 'active' });
      expect(create.status).toBe(403);
      expect(await strapi.db.query(MEMBERSHIP).count()).toBe(before);

      const invitations = await strapi.db.query(INVITATION).count();
      const forged = await app.http().post(`${CM}/${INVITATION}`).set(superAuth)
        .send({ email: 'forged@partner.example', workgroup: mine.id, role: 'member', status: 'pending', tokenHash: 'a'.repeat(64), expiresAt: '2099-01-01T00:00:00.000Z' });
      expect(forged.status).toBe(403);
      expect(await strapi.db.query(INVITATION).count()).toBe(invitations);
    });

    it("refuses the relation endpoints that lead to the plugin's internal types (403, never 500)", async () => {
      const member = await strapi.db.query(USER).findOne({ where: { id: partner.id } });
      for (const path of [
        `/content-manager/relations/${WORKGROUP}/memberships`,
        `/content-manager/relations/${WORKGROUP}/${mine.documentId}/memberships`,
        `/content-manager/relations/${WORKGROUP}/${mine.documentId}/invitations`,
        `/content-manager/relations/${USER}/${member.documentId}/extranetMemberships`,
      ]) {
        const res = await app.http().get(path).set(superAuth);
        expect(res.status).toBe(403);
      }
      const groups = await app.http().get(`/content-manager/relations/${USER}/${member.documentId}/extranetGroups`).set(superAuth);
      expect(groups.status).toBe(200);
    });

    it('keeps a workgroup\'s site flag (400 on extranet) and its members out of raw relation writes', async () => {
      const flip = await app.http().put(`${CM}/${WORKGROUP}/${mine.documentId}`).set(superAuth).send({ extranet: false });
      expect(flip.status).toBe(400);
      expect(flip.body.error.details.errors[0].path).toEqual(['extranet']);
      expect((await strapi.db.query(WORKGROUP).findOne({ where: { id: mine.id } })).extranet).toBe(true);

      const membership = await strapi.db.query(MEMBERSHIP).findOne({ where: { workgroup: { id: mine.id }, user: { id: partner.id } } });
      const steal = await app.http().put(`${CM}/${WORKGROUP}/${intranet.documentId}`).set(superAuth)
        .send({ memberships: { connect: [{ id: membership.id }] } });
      expect(steal.status).toBe(400);
      const after = await strapi.db.query(MEMBERSHIP).findOne({ where: { id: membership.id }, populate: ['workgroup'] });
      expect(after.workgroup.id).toBe(mine.id);

      const reown = await app.http().put(`${CM}/${WORKGROUP}/${intranet.documentId}`).set(superAuth).send({ owner: partner.id });
      expect(reown.status).toBe(400);
      const row = await strapi.db.query(WORKGROUP).findOne({ where: { id: intranet.id }, populate: ['owner'] });
      expect(row.owner?.id ?? null).not.toBe(partner.id);
    });

    it('creates a workgroup with its owner as an active owner member, and refuses a partner owning an intranet one (422)', async () => {
      const missing = await app.http().post(`${CM}/${WORKGROUP}`).set(superAuth).send({ name: 'No owner', topic: topic.id, extranet: true });
      expect(missing.status).toBe(400);
      expect(await strapi.db.query(WORKGROUP).count({ where: { name: 'No owner' } })).toBe(0);

      const partnerOwned = await app.http().post(`${CM}/${WORKGROUP}`).set(superAuth)
        .send({ name: 'Partner intranet', topic: topic.id, extranet: false, owner: partner.id });
      expect(partnerOwned.status).toBe(422);
      expect(partnerOwned.body.error.name).toBe('ExternalNotAllowed');
      expect(await strapi.db.query(WORKGROUP).count({ where: { name: 'Partner intranet' } })).toBe(0);

      const taken = await app.http().post(`${CM}/${WORKGROUP}`).set(superAuth).send({ name: 'mine', topic: topic.id, extranet: true, owner: owner.id });
      expect(taken.status).toBe(409);
      expect(taken.body.error.name).toBe('WorkgroupNameTaken');

      const ok = await app.http().post(`${CM}/${WORKGROUP}`).set(superAuth).send({ name: 'Made in the admin', topic: topic.id, extranet: true, owner: owner.id });
      expect(ok.status).toBe(201);
      const members = await strapi.db.query(MEMBERSHIP).findMany({ where: { workgroup: { name: 'Made in the admin' } }, populate: ['user'] });
      expect(members.map((m: any) => [m.user.id, m.role, m.status])).toEqual([[owner.id, 'owner', 'active']]);
    });

    it('deletes a workgroup with its memberships, invitations, activity and items in one go', async () => {
      const doomed = await createWorkgroup(strapi, { extranet: true, topic, name: 'Doomed', members: [[owner, 'owner'], [partner, 'member']] });
      await createItem(strapi, DOCUMENT, { title: 'Doomed item', extranet: true, workgroup: doomed.documentId });
      await strapi.db.query(INVITATION).create({ data: { email: 'x@partner.example', workgroup: doomed.id, role: 'member', status: 'pending', expiresAt: new Date(Date.now() + 3600e3) } });
      const res = await app.http().delete(`${CM}/${WORKGROUP}/${doomed.documentId}`).set(superAuth);
      expect(res.status).toBe(200);
      expect(await strapi.db.query(WORKGROUP).count({ where: { id: doomed.id } })).toBe(0);
      for (const uid of [MEMBERSHIP, INVITATION, 'plugin::extranet.activity']) {
        expect(await strapi.db.query(uid).count({ where: { workgroup: { id: doomed.id } } })).toBe(0);
      }
      expect(await titled('Doomed item')).toEqual([]);
      // No orphan rows whose workgroup vanished.
      const orphans = await strapi.db.query(MEMBERSHIP).count({ where: { workgroup: { id: { $null: true } } } });
      expect(orphans).toBe(0);
    });

    it("refuses a topic's deletion while workgroups use it (409 TopicInUse)", async () => {
      const res = await app.http().delete(`${CM}/plugin::extranet.topic/${topic.documentId}`).set(superAuth);
      expect(res.status).toBe(409);
      expect(res.body.error.name).toBe('TopicInUse');
      expect(await strapi.db.query('plugin::extranet.topic').count({ where: { id: topic.id } })).toBe(1);
    });

    it('takes a seat when extranet-users is granted in the user edit view (409 SeatLimitReached past the limit)', async () => {
      const group = await groupId(strapi, 'extranet-users');
      const holders = () => strapi.db.query(USER).count({ where: { extranetGroups: { key: 'extranet-users' } } });
      const fill = async () => {
        while ((await holders()) < 8) await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
      };
      await fill();
      const newcomer = await createUser(strapi, { kind: 'employee' });
      const res = await app.http().put(`${CM}/${USER}/${newcomer.documentId}`).set(superAuth)
        .send({ extranetGroups: { connect: [{ id: group }] } });
      expect(res.status).toBe(409);
      expect(res.body.error.name).toBe('SeatLimitReached');
      expect(await strapi.db.query(USER).count({ where: { id: newcomer.id, extranetGroups: { key: 'extranet-users' } } })).toBe(0);
    });
  });

  describe('people', () => {
    it('never deletes the owner of a workgroup, through the API or the content manager (409 OwnerRequired)', async () => {
      const partnerOwner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      const admin = await createUser(strapi, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
      const owned = await createWorkgroup(strapi, { extranet: true, topic, name: 'Owned by a partner', members: [[partnerOwner, 'owner']] });
      const viaApi = await app.http().delete(`/api/extranet/externals/${partnerOwner.id}`).set(bearer(admin));
      expect(viaApi.status).toBe(409);
      expect(viaApi.body.error.name).toBe('OwnerRequired');
      const viaCm = await app.http().delete(`${CM}/${USER}/${partnerOwner.documentId}`).set(superAuth);
      expect(viaCm.status).toBe(409);
      expect(await strapi.db.query(USER).count({ where: { id: partnerOwner.id } })).toBe(1);
      expect(await strapi.db.query(MEMBERSHIP).count({ where: { workgroup: { id: owned.id }, role: 'owner' } })).toBe(1);
    });

    it('an API token lists, counts and populates no external', async () => {
      const token = await (strapi.service('admin::api-token') as any).create({ name: 'front-end', type: 'full-access', lifespan: null });
      const auth = { Authorization: `Bearer ${token.accessKey}` };
      const users = await app.http().get('/api/users').set(auth);
      expect(users.status).toBe(200);
      const ids = users.body.map((u: any) => u.id);
      expect(ids).toContain(employee.id);
      expect(ids).not.toContain(partner.id);
      const count = await app.http().get('/api/users/count').set(auth);
      expect(Number(count.text)).toBe(await strapi.db.query(USER).count({ where: { role: { type: { $ne: 'extranet' } } } }));
      const task = await createItem(strapi, 'api::task.task', { title: 'Assigned to a partner', extranet: false, assignee: partner.id });
      const populated = await app.http().get(`/api/tasks/${task.documentId}?populate=assignee`).set(auth);
      expect(populated.status).toBe(200);
      expect(populated.body.data.assignee).toBeNull();
    });

    it('a content-API caller never writes a user\'s extranet fields', async () => {
      const res = await app.http().put(`/api/users/${employee.id}`).set(bearer(owner)).send({ visibleToAllExtranet: true });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect((await strapi.db.query(USER).findOne({ where: { id: employee.id } })).visibleToAllExtranet).toBe(false);
    });
  });
  describe('smaller doors', () => {
    it('/me stops naming extranet workgroups once extranet-users is removed', async () => {
      const leaver = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
      await addMember(strapi, mine, leaver, 'member');
      const before = await app.http().get('/api/extranet/me').set(bearer(leaver));
      expect(before.body.data.workgroups.map((w: any) => w.documentId)).toContain(mine.documentId);
      await strapi.db.query(USER).update({ where: { id: leaver.id }, data: { extranetGroups: { set: [] } } });
      const after = await app.http().get('/api/extranet/me').set(bearer(leaver));
      expect(after.status).toBe(200);
      expect(after.body.data.workgroups).toEqual([]);
      expect(await strapi.db.query(MEMBERSHIP).count({ where: { user: { id: leaver.id }, status: 'active' } })).toBe(1);
    });

    it("answers an extranet admin's $not under a relation with 400, not 500", async () => {
      const admin = await createUser(strapi, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
      const res = await app.http().get(`/api/documents?filters[workgroup][$not][documentId][$eq]=${mine.documentId}`).set(bearer(admin));
      expect(res.status).toBe(400);
      expect(res.body.error.details.key).toBe('workgroup.$not');
      const outside = await app.http().get(`/api/documents?filters[$not][workgroup][documentId][$eq]=${mine.documentId}`).set(bearer(admin));
      expect(outside.status).toBe(200);
    });

    it.each([
      ['a body key named constructor', 'post', '/api/extranet/messages', { to: 1, body: 'hi', constructor: 'x' }, 'constructor'],
      ['a nested key named prototype', 'post', '/api/extranet/topics', { data: { name: 'T', prototype: { x: 1 } } }, 'data.prototype'],
      ['an array where a string is expected', 'post', '/api/extranet/messages', { to: 1, body: ['x'] }, 'body'],
      ['an object where a string is expected', 'post', '/api/extranet/workgroups', { data: { name: { a: 1 }, topic: 'x', extranet: true } }, 'name'],
    ])('answers %s with 400 naming the field, and writes nothing', async (_label, method, path, body, field) => {
      const admin = await createUser(strapi, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
      const counts = async () => Promise.all(['plugin::extranet.message', 'plugin::extranet.topic', WORKGROUP].map((uid) => strapi.db.query(uid).count()));
      const before = await counts();
      const res = await (app.http() as any)[method](path).set(bearer(admin)).set('Content-Type', 'application/json').send(JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain(field);
      expect(await counts()).toEqual(before);
    });

    it.each(['/api/extranet/workgroups', '/api/documents', '/api/extranet/topics'])('answers malformed filters and fields on %s with 400, never 500', async (path) => {
      for (const query of ['filters[$or]=1', 'filters[$and]=x', 'fields=constructor']) {
        const res = await app.http().get(`${path}?${query}`).set(bearer(employee));
        expect(res.status).toBe(400);
      }
      // Strapi's sanitizer may drop an unknown filter key before the door sees it: never a 500.
      const res = await app.http().get(`${path}?filters[constructor]=1`).set(bearer(employee));
      expect([200, 400]).toContain(res.status);
    });

    it.each([
      ['populate=__proto__.polluted', 400],
      ['populate=constructor.polluted', 400],
      ['populate[0]=workgroup&populate[1]=__proto__.polluted', 400],
      ['populate[workgroup][populate]=__proto__.polluted', 400],
      // Koa's query parser (qs) drops a bracketed `__proto__` key: the door sees no populate at all.
      ['populate[__proto__][populate]=polluted', 200],
    ])('answers a populate path through a prototype name (%s) with %i, and pollutes no object', async (query, status) => {
      const res = await app.http().get(`/api/documents?${query}`).set(bearer(employee));
      expect(res.status).toBe(status);
      if (status === 400) expect(res.body.error.details).toMatchObject({ param: 'populate', key: expect.stringMatching(/^(__proto__|constructor)$/) });
      expect(({} as Record<string, unknown>).populate).toBeUndefined();
      expect((Object as unknown as Record<string, unknown>).populate).toBeUndefined();
      const after = await app.http().get('/api/documents?populate=workgroup').set(bearer(employee));
      expect(after.status).toBe(200);
    });

    it('answers a message to a partner the caller may not learn of exactly like a missing id (404)', async () => {
      const stranger = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      await createWorkgroup(strapi, { extranet: true, topic, members: [[owner, 'owner'], [stranger, 'member']] });
      const count = () => strapi.db.query('plugin::extranet.message').count();
      const before = await count();
      const hidden = await app.http().post('/api/extranet/messages').set(bearer(partner)).send({ to: stranger.id, body: 'hello' });
      const missing = await app.http().post('/api/extranet/messages').set(bearer(partner)).send({ to: 999999, body: 'hello' });
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(hidden.body.error).toEqual(missing.body.error);
      expect(await count()).toBe(before);
    });
  });
  describe('found by an outside attack', () => {
    it('keeps an archived workgroup and its items read-only in the content manager, for a super admin too (409)', async () => {
      const frozen = await createWorkgroup(strapi, { extranet: true, topic, name: 'Frozen', members: [[owner, 'owner']] });
      const doc = await createItem(strapi, DOCUMENT, { title: 'Frozen item', extranet: true, workgroup: frozen.documentId });
      const loose = await createItem(strapi, DOCUMENT, { title: 'Loose item', extranet: true });
      await strapi.db.query(WORKGROUP).update({ where: { id: frozen.id }, data: { archived: true } });

      const edit = await app.http().put(`${CM}/${DOCUMENT}/${doc.documentId}`).set(superAuth).send({ title: 'Edited while archived' });
      expect(edit.status).toBe(409);
      const plant = await app.http().post(`${CM}/${DOCUMENT}`).set(superAuth).send({ title: 'Planted in archive', extranet: true, workgroup: { connect: [{ id: frozen.id }] } });
      expect(plant.status).toBe(409);
      const move = await app.http().put(`${CM}/${DOCUMENT}/${loose.documentId}`).set(superAuth).send({ workgroup: { connect: [{ id: frozen.id }] } });
      expect(move.status).toBe(409);
      const remove = await app.http().delete(`${CM}/${DOCUMENT}/${doc.documentId}`).set(superAuth);
      expect(remove.status).toBe(409);
      expect((await stored(doc.documentId)).title).toBe('Frozen item');
      expect(await titled('Planted in archive')).toEqual([]);
      expect((await stored(loose.documentId)).workgroup).toBeNull();

      const describe_ = await app.http().put(`${CM}/${WORKGROUP}/${frozen.documentId}`).set(superAuth).send({ description: 'Edited while archived' });
      expect(describe_.status).toBe(409);
      expect((await strapi.db.query(WORKGROUP).findOne({ where: { id: frozen.id } })).description ?? null).toBeNull();
      const unarchive = await app.http().put(`${CM}/${WORKGROUP}/${frozen.documentId}`).set(superAuth).send({ archived: false });
      expect(unarchive.status).toBe(200);
      expect((await strapi.db.query(WORKGROUP).findOne({ where: { id: frozen.id } })).archived).toBe(false);
    });

    it.each([['filters[id][$between]=1'], ['filters[title][$containsi][$or]=1'], ['filters[workgroup][id][$between]=x']])(
      'answers %s with 400',
      async (query) => {
        const res = await app.http().get(`/api/documents?${query}`).set(bearer(employee));
        expect(res.status).toBe(400);
      }
    );

    it.each([['filters[title][$in][a]=1'], ['filters[workgroup][name][$eq][x]=1'], ['filters[title][$null][$or]=1']])(
      'answers %s without a 500 (Strapi may normalise it first)',
      async (query) => {
        const res = await app.http().get(`/api/documents?${query}`).set(bearer(employee));
        expect([200, 400]).toContain(res.status);
      }
    );

    it.each([[[true]], [{ connect: [{ id: true }] }], [{ set: {} }], [{ foo: 1 }]])('answers a relation value %j with 400 on the field and stores nothing', async (workgroup) => {
      const title = `Bad relation ${JSON.stringify(workgroup)}`;
      const res = await post(partner, { title, workgroup });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain('workgroup');
      expect(await titled(title)).toEqual([]);
    });

    it('lets an API token create a user through /api/users, but never with extranet fields', async () => {
      const token = await (strapi.service('admin::api-token') as any).create({ name: 'user admin', type: 'full-access', lifespan: null });
      const auth = { Authorization: `Bearer ${token.accessKey}` };
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
      const ok = await app.http().post('/api/users').set(auth).send({ username: `tok-${process.pid}`, email: `tok-${process.pid}@northwind.example`, password: 'Token-made-user-1', role: role.id });
      expect(ok.status).toBe(201);
      const row = await strapi.db.query(USER).findOne({ where: { username: `tok-${process.pid}` }, populate: ['extranetGroups'] });
      expect(row.visibleToAllExtranet).toBe(false);
      expect(row.extranetGroups).toEqual([]);
      const bad = await app.http().post('/api/users').set(auth).send({ username: `tok2-${process.pid}`, email: `tok2-${process.pid}@northwind.example`, password: 'Token-made-user-1', role: role.id, visibleToAllExtranet: true });
      expect(bad.status).toBe(400);
      expect(await strapi.db.query(USER).count({ where: { username: `tok2-${process.pid}` } })).toBe(0);
    });

    it("refuses to give an external another account's address (400 on email)", async () => {
      const admin = await createUser(strapi, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
      const res = await app.http().put(`/api/extranet/externals/${partner.id}`).set(bearer(admin)).send({ data: { email: employee.email.toUpperCase() } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['email']);
      expect((await strapi.db.query(USER).findOne({ where: { id: partner.id } })).email).toBe(partner.email);
    });

    it('lets "Manager of the workgroup" limit an editor on items too', async () => {
      const roles = strapi.service('admin::role') as any;
      const role = await roles.create({ name: 'Managers on items', description: 'x' });
      await roles.assignPermissions(role.id, [{
        action: 'plugin::content-manager.explorer.read', subject: DOCUMENT,
        properties: { fields: ['title', 'extranet', 'workgroup'] }, conditions: ['plugin::extranet.workgroup-manager'],
      }]);
      const admins = strapi.service('admin::user') as any;
      const user = await admins.create({ email: 'items-manager@northwind.example', firstname: 'I', lastname: 'M', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [role.id] });
      const anotherManaged = await createWorkgroup(strapi, { extranet: true, topic, name: 'Managed by items manager', members: [[owner, 'owner']] });
      await strapi.db.query(WORKGROUP).update({ where: { id: anotherManaged.id }, data: { managers: [user.id] } });
      await createItem(strapi, DOCUMENT, { title: 'Item of the managed group', extranet: true, workgroup: anotherManaged.documentId });
      const auth = await adminLogin('items-manager@northwind.example');
      const res = await app.http().get(`${CM}/${DOCUMENT}?page=1&pageSize=100`).set(auth);
      expect(res.status).toBe(200);
      expect(res.body.results.map((d: any) => d.title)).toEqual(['Item of the managed group']);
    });
  });
});
