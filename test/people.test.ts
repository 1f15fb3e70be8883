import { startApp, type TestApp } from './helpers/strapi';
import { addMember, bearer, createItem, createUser, createWorkgroup, PASSWORD, type TestUser } from './helpers/factories';

describe('people: contacts, messages, tickets, external accounts, seats', () => {
  let app: TestApp;
  let admin: TestUser;
  let support: TestUser;
  let eddie: TestUser; // employee in the extranet, member of A
  let emma: TestUser; // employee in the extranet, member of B
  let vera: TestUser; // employee visible to all
  let ian: TestUser; // employee without extranet access
  let paula: TestUser; // partner in A
  let carl: TestUser; // partner in B
  let groupA: any;
  let groupB: any;

  beforeAll(async () => {
    app = await startApp({ env: { EXTRANET_SEAT_LIMIT: '50' } });
    const s = app.strapi;
    admin = await createUser(s, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
    support = await createUser(s, { kind: 'employee', groups: ['extranet-users', 'extranet-support'] });
    eddie = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    emma = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    vera = await createUser(s, { kind: 'employee', groups: ['extranet-users'], visibleToAllExtranet: true });
    ian = await createUser(s, { kind: 'employee' });
    paula = await createUser(s, { kind: 'external', groups: ['extranet-users'], name: 'paula' });
    carl = await createUser(s, { kind: 'external', groups: ['extranet-users'], name: 'carl' });
    groupA = await createWorkgroup(s, { extranet: true, name: 'Group A', members: [[eddie, 'owner'], [paula, 'member']] });
    groupB = await createWorkgroup(s, { extranet: true, name: 'Group B', members: [[emma, 'owner'], [carl, 'member']] });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const get = (user: TestUser, path: string) => app.http().get(path).set(bearer(user));
  const send = (from: TestUser, to: TestUser, body = 'Hello') =>
    app.http().post('/api/extranet/messages').set(bearer(from)).send({ to: to.id, body });
  const contactIds = async (user: TestUser, query = '') => {
    const res = await get(user, `/api/extranet/contacts${query}`);
    expect(res.status).toBe(200);
    return { mine: res.body.data.myWorkgroups.map((p: any) => p.id), accessible: res.body.data.accessible.map((p: any) => p.id) };
  };

  describe('messages', () => {
    it('lets two employees always write to each other', async () => {
      expect((await send(ian, emma)).status).toBe(201);
    });

    it('lets a partner and an employee write when they share an active extranet workgroup', async () => {
      const res = await send(paula, eddie, 'About the delivery');
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ from: paula.id, to: eddie.id, body: 'About the delivery' });
      expect((await send(eddie, paula)).status).toBe(201);
    });

    it('refuses partner and employee without a shared workgroup, and two partners even in one group', async () => {
      // A partner may not even learn of an employee outside its groups, nor may an employee
      // outside the extranet learn of a partner: 404, like an unknown id (SPEC §6).
      expect((await send(paula, emma)).status).toBe(404);
      expect((await send(ian, paula)).status).toBe(404);
      // Known, but not writable: 403.
      expect((await send(emma, paula)).status).toBe(403);
      const partnerMate = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      await addMember(app.strapi, groupA, partnerMate);
      expect((await send(paula, partnerMate)).status).toBe(403);
    });

    it('lets anyone in the extranet write to a person visible to all', async () => {
      expect((await send(carl, vera)).status).toBe(201);
    });

    it('shows each side only its own conversations', async () => {
      const conversation = await get(eddie, `/api/extranet/messages?with=${paula.id}`);
      expect(conversation.status).toBe(200);
      expect(conversation.body.data.map((m: any) => m.body)).toEqual(['About the delivery', 'Hello']);
      const snoop = await get(carl, `/api/extranet/messages?with=${paula.id}`);
      expect(snoop.body.data).toEqual([]);
      const adminSnoop = await get(admin, `/api/extranet/messages?with=${paula.id}`);
      expect(adminSnoop.body.data).toEqual([]);
    });

    it('answers 400 naming the field for bad input and 404 for nobody', async () => {
      const bad = await app.http().post('/api/extranet/messages').set(bearer(eddie)).send({ to: 'x', body: '' });
      expect(bad.status).toBe(400);
      expect([...new Set(bad.body.error.details.errors.map((e: any) => e.path.join('.')))].sort()).toEqual(['body', 'to']);
      expect((await app.http().post('/api/extranet/messages').set(bearer(eddie)).send({ to: 999999, body: 'hi' })).status).toBe(404);
      expect((await get(eddie, '/api/extranet/messages')).status).toBe(400);
    });
  });

  describe('contacts', () => {
    it('gives a partner its co-members and the people visible to all, nobody else', async () => {
      const { mine, accessible } = await contactIds(paula);
      expect(mine).toContain(eddie.id);
      expect(accessible).toEqual([vera.id]);
      expect([...mine, ...accessible]).not.toContain(carl.id);
      expect([...mine, ...accessible]).not.toContain(emma.id);
    });

    it('gives an employee in the extranet everyone with extranet access, most recent contact first', async () => {
      await send(emma, vera, 'latest');
      const { mine, accessible } = await contactIds(emma);
      expect(mine).toEqual([carl.id]);
      expect(accessible[0]).toBe(vera.id);
      expect(accessible).toEqual(expect.arrayContaining([paula.id, eddie.id, admin.id, support.id]));
      expect(accessible).not.toContain(ian.id);
      const limited = await contactIds(emma, '?limit=2');
      expect(limited.accessible).toHaveLength(2);
      expect((await get(emma, '/api/extranet/contacts?limit=0')).status).toBe(400);
    });

    it('is closed to people outside the extranet', async () => {
      expect((await get(ian, '/api/extranet/contacts')).status).toBe(403);
    });

    it('never lists a blocked person, neither among co-members nor among the others, even a recent contact', async () => {
      const s = app.strapi;
      const pia = await createUser(s, { kind: 'external', groups: ['extranet-users'] });
      const blockedMate = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
      const liveMate = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
      const blockedVisible = await createUser(s, { kind: 'employee', groups: ['extranet-users'], visibleToAllExtranet: true });
      await createWorkgroup(s, { extranet: true, members: [[liveMate, 'owner'], [pia, 'member'], [blockedMate, 'member']] });
      // Both are recent contacts of pia's from before the block: those are listed first, unless blocked.
      expect((await send(blockedMate, pia, 'before the block')).status).toBe(201);
      expect((await send(pia, blockedVisible, 'before the block')).status).toBe(201);
      for (const person of [blockedMate, blockedVisible]) {
        await s.db.query('plugin::users-permissions.user').update({ where: { id: person.id }, data: { blocked: true } });
      }
      const stored = await s.db.query('plugin::users-permissions.user').findMany({ where: { id: { $in: [blockedMate.id, blockedVisible.id] } } });
      expect(stored.map((u: any) => u.blocked)).toEqual([true, true]);

      const forPia = await contactIds(pia);
      expect(forPia.mine).toEqual([liveMate.id]);
      expect(forPia.accessible).toEqual([vera.id]);
      const forEmployee = await contactIds(liveMate);
      expect(forEmployee.mine).toEqual([pia.id]);
      expect(forEmployee.accessible).toEqual(expect.arrayContaining([vera.id, eddie.id]));
      expect([...forEmployee.mine, ...forEmployee.accessible]).not.toContain(blockedMate.id);
      expect([...forEmployee.mine, ...forEmployee.accessible]).not.toContain(blockedVisible.id);
    });
  });

  it('never lets two partners of different workgroups learn of each other', async () => {
    await createItem(app.strapi, 'api::task.task', { title: 'Carl task', workgroup: groupB.documentId, assignee: carl.id });
    await app.http().post('/api/documents').set(bearer(carl)).send({ data: { title: 'Carl upload', workgroup: groupB.documentId } });
    for (const [me, other, mine] of [[paula, carl, groupA], [carl, paula, groupB]] as const) {
      const answers = [
        await get(me, '/api/extranet/contacts'),
        await get(me, '/api/extranet/me'),
        await get(me, `/api/extranet/workgroups/${mine.documentId}/members`),
        await get(me, '/api/extranet/activity?pagination[pageSize]=100'),
        await get(me, `/api/extranet/workgroups/${mine.documentId}/activity`),
        await get(me, `/api/extranet/messages?with=${other.id}`),
        await get(me, '/api/extranet/workgroups?populate=*'),
        await get(me, '/api/documents?populate=*'),
        await get(me, '/api/tasks?populate=*'),
        await get(me, '/api/tickets?populate=*'),
      ];
      for (const res of answers) {
        const body = JSON.stringify(res.body);
        expect([res.req.path, body.includes(other.username) || body.includes(other.email)]).toEqual([res.req.path, false]);
        expect(body).not.toContain(`"id":${other.id},`);
      }
    }
  });

  describe('tickets (owner mode)', () => {
    it('shows a partner ticket to its author, support and admins only', async () => {
      const raised = await app.http().post('/api/tickets').set(bearer(paula)).send({ data: { subject: 'Invoice 42 missing' } });
      expect(raised.status).toBe(201);
      const id = raised.body.data.documentId;
      for (const [user, status] of [[paula, 200], [support, 200], [admin, 200], [carl, 404], [eddie, 404], [ian, 404]] as const) {
        expect([user.username, (await get(user, `/api/tickets/${id}`)).status]).toEqual([user.username, status]);
      }
      const supportList = await get(support, '/api/tickets');
      expect(supportList.body.data.map((t: any) => t.subject)).toContain('Invoice 42 missing');
      expect((await get(carl, '/api/tickets')).body.data).toEqual([]);
    });
  });

  describe('external accounts and seats', () => {
    it('counts seats for extranet admins only', async () => {
      const res = await get(admin, '/api/extranet/seats');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ limit: 50, used: expect.any(Number), employees: expect.any(Number), externals: expect.any(Number) });
      expect(res.body.data.used).toBe(res.body.data.employees + res.body.data.externals);
      expect((await get(eddie, '/api/extranet/seats')).status).toBe(403);
      expect((await get(paula, '/api/extranet/seats')).status).toBe(403);
    });

    it('lets extranet admins list, edit, block, unblock and delete externals', async () => {
      const victim = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
      const wg = await createWorkgroup(app.strapi, { extranet: true, members: [[victim, 'member']] });
      const list = await get(admin, '/api/extranet/externals?pagination[pageSize]=100');
      expect(list.body.data.map((u: any) => u.id)).toEqual(expect.arrayContaining([paula.id, carl.id, victim.id]));
      expect(list.body.data.map((u: any) => u.id)).not.toContain(eddie.id);
      expect((await get(eddie, '/api/extranet/externals')).status).toBe(403);

      const edit = await app.http().put(`/api/extranet/externals/${victim.id}`).set(bearer(admin)).send({ data: { company: 'Initech', position: 'Buyer' } });
      expect(edit.status).toBe(200);
      expect(edit.body.data).toMatchObject({ company: 'Initech', position: 'Buyer' });
      const badEdit = await app.http().put(`/api/extranet/externals/${victim.id}`).set(bearer(admin)).send({ data: { email: 'not-an-email' } });
      expect(badEdit.status).toBe(400);
      expect(badEdit.body.error.details.errors[0].path).toEqual(['email']);
      expect((await app.http().put(`/api/extranet/externals/${eddie.id}`).set(bearer(admin)).send({ data: { company: 'X' } })).status).toBe(404);

      expect((await app.http().post(`/api/extranet/externals/${victim.id}/block`).set(bearer(admin))).status).toBe(200);
      expect((await get(victim, '/api/extranet/me')).status).toBe(401);
      const login = await app.http().post('/api/auth/local').send({ identifier: victim.email, password: PASSWORD });
      expect(login.status).toBe(400);
      expect((await app.http().post(`/api/extranet/externals/${victim.id}/unblock`).set(bearer(admin))).status).toBe(200);
      expect((await get(victim, '/api/extranet/me')).status).toBe(200);

      const before = (await get(admin, '/api/extranet/seats')).body.data.used;
      expect((await app.http().delete(`/api/extranet/externals/${victim.id}`).set(bearer(admin))).status).toBe(204);
      expect((await get(admin, '/api/extranet/seats')).body.data.used).toBe(before - 1);
      expect(await app.strapi.db.query('plugin::extranet.membership').count({ where: { workgroup: { documentId: wg.documentId } } })).toBe(0);
      expect((await get(victim, '/api/extranet/me')).status).toBe(401);
    });
  });
});
