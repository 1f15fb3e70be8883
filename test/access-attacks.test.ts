/**
 * One test per known way of making Strapi say more than it should (DESIGN "Known Strapi
 * advisories"), aimed at the scoped types: each must answer 400, or answer only what the
 * caller may read.
 */
import { startApp, type TestApp } from './helpers/strapi';
import { bearer, createItem, createUser, createWorkgroup, grantToRole, PASSWORD, type TestUser } from './helpers/factories';

describe('attack shapes against the scoped REST API', () => {
  let app: TestApp;
  let partner: TestUser;
  let otherPartner: TestUser;
  let employee: TestUser;
  let mine: any;
  let theirs: any;
  let visible: string[];

  beforeAll(async () => {
    app = await startApp();
    const s = app.strapi;
    partner = await createUser(s, { kind: 'external', groups: ['extranet-users'] });
    otherPartner = await createUser(s, { kind: 'external', groups: ['extranet-users'] });
    employee = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    mine = await createWorkgroup(s, { extranet: true, name: 'Acme', members: [[employee, 'owner'], [partner, 'member']] });
    theirs = await createWorkgroup(s, { extranet: true, name: 'Secret Globex deal', members: [[otherPartner, 'member']] });
    const a = await createItem(s, 'api::document.document', { title: 'Acme plan', workgroup: mine.documentId });
    const b = await createItem(s, 'api::document.document', { title: 'Partner guide', extranet: true });
    await createItem(s, 'api::document.document', { title: 'Globex price list', workgroup: theirs.documentId });
    await createItem(s, 'api::document.document', { title: 'Internal salaries', extranet: false });
    await createItem(s, 'api::task.task', { title: 'Acme task', workgroup: mine.documentId, assignee: partner.id });
    await createItem(s, 'api::task.task', { title: 'Globex task', workgroup: theirs.documentId, assignee: otherPartner.id });
    await s.documents('plugin::extranet.invitation').create({
      data: { email: 'x@y.example', workgroup: theirs.documentId, tokenHash: 'abcdef', status: 'pending' } as any,
    });
    visible = [a.documentId, b.documentId].sort();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const get = (path: string, user: TestUser = partner) => app.http().get(path).set(bearer(user));
  const ids = (res: any) => res.body.data.map((d: any) => d.documentId).sort();
  const text = (res: any) => JSON.stringify(res.body);

  it('$or and $and cannot widen the scope', async () => {
    const res = await get('/api/documents?filters[$or][0][extranet][$eq]=false&filters[$or][1][id][$gt]=0');
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(visible);
    const and = await get('/api/documents?filters[$and][0][workgroup][id][$gt]=0&filters[$and][1][extranet][$in][0]=false&filters[$and][1][extranet][$in][1]=true');
    expect(and.body.data.map((d: any) => d.title)).toEqual(['Acme plan']);
  });

  it('a relation filter toward another workgroup finds nothing, and the total says so', async () => {
    const res = await get(`/api/documents?filters[workgroup][name][$eq]=${encodeURIComponent('Secret Globex deal')}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    expect(res.body.meta.pagination.total).toBe(0);
    const byId = await get(`/api/documents?filters[workgroup][documentId][$eq]=${theirs.documentId}`);
    expect(byId.body.meta.pagination.total).toBe(0);
  });

  it('$not over a relation is refused rather than answered', async () => {
    const res = await get('/api/documents?filters[$not][workgroup][name][$eq]=Acme');
    expect(res.status).toBe(400);
  });

  it('$not is carried through $or and $and: a negated relation filter is refused at any depth', async () => {
    for (const path of [
      '/api/documents?filters[$not][$or][0][workgroup][name][$eq]=Acme',
      '/api/documents?filters[$not][$and][0][workgroup][name][$eq]=Acme',
      '/api/documents?filters[$not][$or][0][title][$eq]=x&filters[$not][$or][1][workgroup][name][$eq]=Acme',
      '/api/documents?filters[$not][$and][0][$or][0][workgroup][name][$eq]=Acme',
      '/api/documents?filters[$not][$or][0][$and][0][workgroup][name][$eq]=Acme',
      '/api/documents?filters[$or][0][$not][$and][0][workgroup][name][$eq]=Acme',
    ]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect([path, res.body.error.message]).toEqual([path, expect.stringContaining('$not cannot be combined with this relation')]);
    }
    // The same shapes without the relation are answered.
    const plain = await get('/api/documents?filters[$not][$or][0][title][$eq]=Acme%20plan');
    expect(plain.status).toBe(200);
    expect(plain.body.data.map((d: any) => d.title)).toEqual(['Partner guide']);
  });

  it('$null under a scoped relation is refused', async () => {
    const res = await get('/api/documents?filters[workgroup][id][$null]=true');
    expect(res.status).toBe(400);
  });

  it('filters through a workgroup into memberships, invitations or users are refused', async () => {
    for (const path of [
      '/api/documents?filters[workgroup][memberships][role][$eq]=owner',
      '/api/documents?filters[workgroup][invitations][email][$startsWith]=x',
      '/api/documents?filters[workgroup][invitations][tokenHash][$startsWith]=a',
      '/api/documents?filters[workgroup][owner][email][$startsWith]=a',
      '/api/tasks?filters[assignee][email][$startsWith]=e',
    ]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
    }
  });

  it('private fields cannot be filtered, directly or through an alias (CVE-2023-22894, CVE-2023-34235)', async () => {
    for (const path of [
      '/api/tasks?filters[assignee][password][$startsWith]=$',
      '/api/tasks?filters[assignee][resetPasswordToken][$null]=false',
      '/api/tasks?filters[t1.password][$startsWith]=$',
      '/api/tasks?filters[assignee][t1.password][$startsWith]=$',
    ]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
    }
  });

  it('lookup and where parameters cannot replace the scope (CVE-2024-56143, CVE-2026-27886)', async () => {
    for (const path of [
      '/api/documents?lookup[extranet]=true',
      '/api/documents?where[extranet]=true',
      `/api/documents?lookup[workgroup][documentId]=${theirs.documentId}`,
      '/api/documents?filters[workgroup][$or][0][id][$gt]=0',
    ]) {
      const res = await get(path);
      if (res.status === 200) {
        expect(ids(res).every((id: string) => visible.includes(id))).toBe(true);
      } else {
        expect([path, res.status]).toEqual([path, 400]);
      }
      expect(text(res)).not.toMatch(/Globex|salaries/);
    }
  });

  it('sorting on a relation is refused, so order cannot betray hidden rows', async () => {
    expect((await get('/api/documents?sort=workgroup.name:asc')).status).toBe(400);
    expect((await get('/api/documents?sort[0][workgroup][name]=desc')).status).toBe(400);
    expect((await get('/api/documents?sort=title:asc')).status).toBe(200);
  });

  it('populate through the workgroup never reaches other rows or people', async () => {
    const shapes = [
      'populate=*',
      'populate[workgroup][populate]=*',
      'populate[workgroup][populate][memberships][populate][user]=true',
      'populate[workgroup][populate][invitations]=true',
      'populate[workgroup][populate][topic][populate][workgroups]=true',
      'populate=workgroup.topic.workgroups',
      'populate[0]=workgroup&populate[1]=workgroup.owner',
    ];
    for (const shape of shapes) {
      const res = await get(`/api/documents?${shape}`);
      expect([shape, res.status]).toEqual([shape, 200]);
      expect(ids(res)).toEqual(visible);
      const body = text(res);
      expect([shape, body]).not.toEqual([shape, expect.stringMatching(/Secret Globex|tokenHash|abcdef|x@y\.example|password/)]);
      expect(body).not.toContain(otherPartner.email);
    }
    const withWorkgroup = await get('/api/documents?populate=workgroup');
    const populated = withWorkgroup.body.data.find((d: any) => d.title === 'Acme plan');
    expect(populated.workgroup.name).toBe('Acme');
  });

  it('an unreadable item answers 404 exactly like a missing one, never 403', async () => {
    const hidden = await createItem(app.strapi, 'api::document.document', { title: 'Hidden', workgroup: theirs.documentId });
    const res = await get(`/api/documents/${hidden.documentId}`);
    const missing = await get('/api/documents/doesnotexist0000000000000');
    expect(res.status).toBe(404);
    expect(res.body).toEqual(missing.body);
    const wg = await get(`/api/extranet/workgroups/${theirs.documentId}`);
    expect(wg.status).toBe(404);
  });

  it('counts reveal nothing: pagination totals match what is listed', async () => {
    const res = await get('/api/documents?pagination[pageSize]=1&pagination[withCount]=true');
    expect(res.body.meta.pagination.total).toBe(visible.length);
    const tasks = await get('/api/tasks');
    expect(tasks.body.meta.pagination.total).toBe(1);
  });

  it('the plugin\'s own routes answer the same shapes with the same scope', async () => {
    for (const path of [
      '/api/extranet/workgroups?filters[memberships][role][$eq]=owner',
      '/api/extranet/workgroups?filters[invitations][email][$startsWith]=x',
      '/api/extranet/workgroups?sort=memberships.role:asc',
    ]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
    }
    const list = await get('/api/extranet/workgroups?populate=*&pagination[withCount]=true');
    expect(list.status).toBe(200);
    expect(list.body.data.map((w: any) => w.name)).toEqual(['Acme']);
    expect(list.body.meta.pagination.total).toBe(1);
    expect(JSON.stringify(list.body)).not.toMatch(/memberships|invitations|tokenHash|x@y\.example/);
    const byTopic = await get(`/api/extranet/topics?filters[workgroups][name][$eq]=${encodeURIComponent('Secret Globex deal')}`);
    expect(byTopic.body.data).toEqual([]);
    const topics = await get('/api/extranet/topics?populate[workgroups]=true&pagination[pageSize]=100');
    expect(JSON.stringify(topics.body)).not.toContain('Secret Globex');
  });

  it('an extranet admin sees everything but may not read other people\'s messages', async () => {
    const admin = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
    await app.http().post('/api/extranet/messages').set(bearer(employee)).send({ to: partner.id, body: 'private note' });
    // What a partner is refused (a sort through the workgroup, $null under it) an admin may ask.
    const sorted = await get('/api/documents?sort=workgroup.name:asc&pagination[pageSize]=100', admin);
    expect(sorted.status).toBe(200);
    expect(sorted.body.data.map((d: any) => d.title)).toEqual(expect.arrayContaining(['Acme plan', 'Globex price list', 'Internal salaries']));
    const unbound = await get('/api/documents?filters[workgroup][id][$null]=true&pagination[pageSize]=100', admin);
    expect(unbound.status).toBe(200);
    expect(unbound.body.data.map((d: any) => d.title)).toEqual(expect.arrayContaining(['Partner guide', 'Internal salaries']));
    const snoop = await get(`/api/extranet/messages?with=${partner.id}`, admin);
    expect(snoop.body.data).toEqual([]);
    const mine = await get(`/api/extranet/messages?with=${partner.id}`, employee);
    expect(mine.body.data.map((m: any) => m.body)).toEqual(['private note']);
  });

  it('the login rate limit cannot be dodged by changing the case of the identifier (CVE-2025-64526)', async () => {
    const user = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'], name: 'ratelimited' });
    // users-permissions allows 10 attempts a minute per client on /auth/local; varying the
    // identifier's case or adding a body.email must not open a fresh bucket.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const identifier = i % 2 ? user.email.toUpperCase() : ` ${user.email}`;
      const res = await app.http().post('/api/auth/local').send({ identifier, password: 'wrong-password-1', email: `decoy${i}@example.com` });
      statuses.push(res.status);
    }
    expect(statuses.slice(-2)).toEqual([429, 429]);
    const right = await app.http().post('/api/auth/local').send({ identifier: user.email, password: PASSWORD });
    expect(right.status).toBe(429);
  });

  describe('users\' private fields, with user.find granted to the Extranet role (so the plugin\'s guard answers, not Strapi\'s validator)', () => {
    beforeAll(async () => {
      await grantToRole(app.strapi, 'extranet', 'plugin::users-permissions.user.find');
    });

    // Every logical nesting under a relation to users, through a direct one and one through the workgroup.
    const NESTINGS = [
      '[email][$startsWith]=e',
      '[$or][0][email][$startsWith]=e',
      '[$and][0][email][$startsWith]=e',
      '[$or][0][username][$eq]=x&F[$or][1][email][$startsWith]=e',
      '[$or][0][$not][email][$startsWith]=e',
      '[$and][0][$not][email][$startsWith]=e',
      '[$or][0][$and][0][email][$startsWith]=e',
      '[$and][0][$or][0][email][$startsWith]=e',
      '[$or][0][$and][0][$not][email][$startsWith]=e',
      '[$and][0][$or][0][$not][$or][0][email][$startsWith]=e',
      '[$or][0][$not][$and][0][email][$startsWith]=e',
      '[$or][0][$not][$or][0][provider][$eq]=local',
    ];
    const RELATIONS = ['/api/tasks?filters[assignee]', '/api/documents?filters[workgroup][owner]'];
    const shapes = RELATIONS.flatMap((relation) =>
      NESTINGS.map((nesting) => relation + nesting.replace('&F', `&${relation.split('?')[1]}`))
    );

    it.each(shapes)('refuses %s with the plugin\'s 400', async (path) => {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect([path, res.body.error.message]).toEqual([path, expect.stringContaining('not a public field of a user')]);
    });

    it.each([
      ['/api/tasks?filters[$or][0][assignee][email][$startsWith]=e'],
      ['/api/tasks?filters[$and][0][$or][0][assignee][email][$startsWith]=e'],
      ['/api/tasks?filters[$not][assignee][email][$startsWith]=e'],
      ['/api/documents?filters[$or][0][workgroup][owner][$and][0][email][$startsWith]=e'],
    ])('refuses a user-field filter whose relation sits under a logical operator: %s', async (path) => {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect([path, res.body.error.message]).toEqual([path, expect.stringContaining('not a public field of a user')]);
    });

    it('answers the same nestings on a public field', async () => {
      const res = await get(`/api/tasks?filters[assignee][$or][0][$and][0][username][$eq]=${partner.username}`);
      expect(res.status).toBe(200);
      expect(res.body.data.map((t: any) => t.title)).toEqual(['Acme task']);
      const notMine = await get(`/api/tasks?filters[assignee][$or][0][$not][username][$eq]=${partner.username}`);
      expect(notMine.status).toBe(200);
      expect(notMine.body.data).toEqual([]);
    });
  });
});
