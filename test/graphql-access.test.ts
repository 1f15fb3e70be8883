/**
 * SPEC §4 through the GraphQL door (POST /graphql, @strapi/plugin-graphql): root queries,
 * `_connection` totals, nested association resolvers, filters through relations and mutations
 * answer exactly what the caller may read or write, with the caller's own users-permissions JWT.
 */
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from './helpers/strapi';
import { addMember, bearer, createItem, createTopic, createUser, createWorkgroup, type TestUser } from './helpers/factories';

const DOCUMENT = 'api::document.document';
const TASK = 'api::task.task';

/** Gives a users-permissions role an action unless it already has it (as an administrator would). */
const grant = async (strapi: Core.Strapi, roleType: string, action: string) => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: roleType } });
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  if (!(await permissions.findOne({ where: { action, role: role.id } }))) {
    await permissions.create({ data: { action, role: role.id } });
  }
};

const sorted = (values: string[]) => [...values].sort();

describe('GraphQL: the rule behind /graphql', () => {
  let app: TestApp;
  let strapi: Core.Strapi;

  // People
  let eve: TestUser; // employee in the extranet, owner of both extranet groups
  let paula: TestUser; // partner, member of Acme
  let otto: TestUser; // partner, member of the other partner group
  let ivan: TestUser; // partner, only invited to Acme (not active)
  let vera: TestUser; // employee, visible to all in the extranet
  let hank: TestUser; // intranet-only employee

  // Workgroups and items
  let acme: any;
  let other: any;
  let office: any;
  const docs: Record<string, any> = {};

  const gql = (user: TestUser | null, query: string, variables: Record<string, unknown> = {}) => {
    const req = app.http().post('/graphql');
    if (user) req.set(bearer(user));
    return req.send({ query, variables });
  };
  /** The data of an answer that must have succeeded. */
  const data = async (user: TestUser | null, query: string, variables: Record<string, unknown> = {}) => {
    const res = await gql(user, query, variables);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  };
  const errorCodes = (res: any) => (res.body.errors ?? []).map((e: any) => e.extensions?.code);

  beforeAll(async () => {
    app = await startApp();
    strapi = app.strapi;

    // What the queries below need: the demo grants documents/tasks to both roles; the plugin's
    // bootstrap grants workgroups and topics. Make sure, without widening anything else.
    for (const role of ['extranet', 'authenticated']) {
      for (const action of [
        'api::document.document.find',
        'api::document.document.findOne',
        'api::document.document.create',
        'api::task.task.find',
        'plugin::extranet.workgroup.find',
        'plugin::extranet.workgroup.findOne',
        'plugin::extranet.topic.find',
        'plugin::extranet.topic.findOne',
      ]) {
        await grant(strapi, role, action);
      }
    }

    eve = await createUser(strapi, { kind: 'employee', groups: ['extranet-users', 'group-creators'] });
    paula = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    otto = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    ivan = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    vera = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'], visibleToAllExtranet: true });
    hank = await createUser(strapi, { kind: 'employee' });

    const topic = await createTopic(strapi, 'Suppliers');
    acme = await createWorkgroup(strapi, { extranet: true, topic, name: 'Acme supply chain', members: [[eve, 'owner'], [paula, 'member']] });
    await addMember(strapi, acme, ivan, 'member', 'invited');
    other = await createWorkgroup(strapi, { extranet: true, topic, name: 'Other partner group', members: [[eve, 'owner'], [otto, 'member']] });
    office = await createWorkgroup(strapi, { extranet: false, topic, name: 'Office move', members: [[hank, 'owner']] });

    docs.acme = await createItem(strapi, DOCUMENT, { title: 'Acme charter', extranet: true, workgroup: acme.documentId });
    docs.other = await createItem(strapi, DOCUMENT, { title: 'Other partner secret', extranet: true, workgroup: other.documentId });
    docs.guide = await createItem(strapi, DOCUMENT, { title: 'Partner guide', extranet: true });
    docs.memo = await createItem(strapi, DOCUMENT, { title: 'Internal memo', extranet: false });
    docs.office = await createItem(strapi, DOCUMENT, { title: 'Office plan', extranet: false, workgroup: office.documentId });

    // Tasks a partner may read (they are in Acme), assigned to people it may or may not see.
    for (const [title, assignee] of [
      ['Task for paula', () => paula],
      ['Task for eve', () => eve],
      ['Task for vera', () => vera],
      ['Task for hank', () => hank],
      ['Task for otto', () => otto],
      ['Task for ivan', () => ivan],
    ] as Array<[string, () => TestUser]>) {
      await createItem(strapi, TASK, { title, extranet: true, workgroup: acme.documentId, assignee: assignee().id });
    }
    await createItem(strapi, TASK, { title: 'Other group task', extranet: true, workgroup: other.documentId, assignee: otto.id });
  });

  afterAll(async () => {
    await app?.stop();
  });

  const DOCUMENTS = `{
    documents(sort: "title:asc", pagination: { limit: 100 }) { documentId title }
    documents_connection { pageInfo { total } }
  }`;

  describe('root queries', () => {
    it('give a partner the items of its own extranet workgroups and the site-wide extranet items, nothing else', async () => {
      const result = await data(paula, DOCUMENTS);
      expect(result.documents.map((d: any) => d.title)).toEqual(['Acme charter', 'Partner guide']);
      expect(result.documents_connection.pageInfo.total).toBe(2);
    });

    it('give the other partner its own group, never Acme', async () => {
      const result = await data(otto, DOCUMENTS);
      expect(result.documents.map((d: any) => d.title)).toEqual(['Other partner secret', 'Partner guide']);
      expect(result.documents_connection.pageInfo.total).toBe(2);
    });

    it('give an employee without extranet access the intranet only', async () => {
      const result = await data(hank, DOCUMENTS);
      expect(result.documents.map((d: any) => d.title)).toEqual(['Internal memo', 'Office plan']);
      expect(result.documents_connection.pageInfo.total).toBe(2);
    });

    it('give an employee in the extranet the intranet, the site-wide items and its own groups only', async () => {
      // vera has extranet access but is a member of no group
      const result = await data(vera, DOCUMENTS);
      expect(result.documents.map((d: any) => d.title)).toEqual(['Internal memo', 'Office plan', 'Partner guide']);
      expect(result.documents_connection.pageInfo.total).toBe(3);
      // eve owns both extranet groups
      const owner = await data(eve, DOCUMENTS);
      expect(owner.documents.map((d: any) => d.title)).toEqual(['Acme charter', 'Internal memo', 'Office plan', 'Other partner secret', 'Partner guide']);
      expect(owner.documents_connection.pageInfo.total).toBe(5);
    });

    it('give an anonymous caller no extranet item, even where the Public role may list documents', async () => {
      const refused = await gql(null, DOCUMENTS);
      for (const key of ['acme', 'other', 'guide', 'memo']) expect(JSON.stringify(refused.body)).not.toContain(docs[key].title);
      await grant(strapi, 'public', 'api::document.document.find');
      const result = await data(null, DOCUMENTS);
      expect(result.documents.map((d: any) => d.title)).toEqual(['Internal memo', 'Office plan']);
      expect(result.documents_connection.pageInfo.total).toBe(2);
    });

    it('give a partner invited but not yet active nothing of the group', async () => {
      const result = await data(ivan, DOCUMENTS);
      expect(result.documents.map((d: any) => d.title)).toEqual(['Partner guide']);
      expect(result.documents_connection.pageInfo.total).toBe(1);
    });

    it('answer document(documentId) only for a readable item, and null for the others', async () => {
      const one = `query($id: ID!) { document(documentId: $id) { documentId title } }`;
      for (const key of ['acme', 'guide']) {
        expect((await data(paula, one, { id: docs[key].documentId })).document).toEqual({
          documentId: docs[key].documentId,
          title: docs[key].title,
        });
      }
      const missing = await gql(paula, one, { id: 'nosuchdocumentid0000000000' });
      expect(missing.body.data?.document ?? null).toBeNull();
      for (const key of ['other', 'memo', 'office']) {
        const res = await gql(paula, one, { id: docs[key].documentId });
        expect(res.body.data?.document ?? null).toBeNull();
        expect(JSON.stringify(res.body)).not.toContain(docs[key].title);
        // An unreadable item answers exactly like a missing one.
        expect(res.status).toBe(missing.status);
        expect(errorCodes(res)).toEqual(errorCodes(missing));
      }
      for (const key of ['acme', 'other', 'guide']) {
        const res = await gql(hank, one, { id: docs[key].documentId });
        expect(res.body.data?.document ?? null).toBeNull();
        expect(JSON.stringify(res.body)).not.toContain(docs[key].title);
      }
      expect((await data(hank, one, { id: docs.memo.documentId })).document.title).toBe('Internal memo');
    });
  });

  describe('nested selections', () => {
    it('resolve documents { workgroup } to the workgroups the caller may read', async () => {
      const result = await data(paula, `{ documents(sort: "title:asc") { title workgroup { name extranet } } }`);
      expect(result.documents).toEqual([
        { title: 'Acme charter', workgroup: { name: 'Acme supply chain', extranet: true } },
        { title: 'Partner guide', workgroup: null },
      ]);
      const employee = await data(hank, `{ documents(sort: "title:asc") { title workgroup { name } } }`);
      expect(employee.documents).toEqual([
        { title: 'Internal memo', workgroup: null },
        { title: 'Office plan', workgroup: { name: 'Office move' } },
      ]);
    });

    it('never reach other workgroups through a readable workgroup (topic.workgroups, workgroups_connection)', async () => {
      const query = `{
        extranetWorkgroups { name topic { name workgroups { name } workgroups_connection { nodes { name } } } }
        documents(filters: { title: { eq: "Acme charter" } }) {
          workgroup { topic { workgroups { name } workgroups_connection { nodes { name } } } }
        }
        extranetTopics { name workgroups { name } workgroups_connection { nodes { name } } }
      }`;
      const result = await data(paula, query);
      expect(result.extranetWorkgroups).toEqual([
        { name: 'Acme supply chain', topic: { name: 'Suppliers', workgroups: [{ name: 'Acme supply chain' }], workgroups_connection: { nodes: [{ name: 'Acme supply chain' }] } } },
      ]);
      expect(result.documents).toEqual([
        { workgroup: { topic: { workgroups: [{ name: 'Acme supply chain' }], workgroups_connection: { nodes: [{ name: 'Acme supply chain' }] } } } },
      ]);
      expect(result.extranetTopics).toEqual([
        { name: 'Suppliers', workgroups: [{ name: 'Acme supply chain' }], workgroups_connection: { nodes: [{ name: 'Acme supply chain' }] } },
      ]);

      // An employee without extranet access sees the intranet group only, by every path.
      const employee = await data(hank, query);
      expect(employee.extranetWorkgroups.map((w: any) => w.name)).toEqual(['Office move']);
      expect(employee.extranetWorkgroups[0].topic.workgroups).toEqual([{ name: 'Office move' }]);
      expect(employee.extranetWorkgroups[0].topic.workgroups_connection.nodes).toEqual([{ name: 'Office move' }]);
      expect(employee.extranetTopics[0].workgroups).toEqual([{ name: 'Office move' }]);
      expect(employee.documents).toEqual([]);
    });

    const ASSIGNEES = `{ tasks(sort: "title:asc", pagination: { limit: 100 }) { title assignee { username email } } }`;

    it('with the shipped permissions, tasks { assignee } reveals no person and no e-mail to a partner', async () => {
      const res = await gql(paula, ASSIGNEES);
      expect(res.status).toBe(200);
      const tasks = res.body.data.tasks;
      expect(tasks.map((t: any) => t.title)).toEqual([
        'Task for eve', 'Task for hank', 'Task for ivan', 'Task for otto', 'Task for paula', 'Task for vera',
      ]);
      const body = JSON.stringify(res.body);
      for (const person of [eve, vera, hank, otto, ivan]) expect(body).not.toContain(person.email);
      for (const person of [hank, otto, ivan]) expect(body).not.toContain(person.username);
      // The only assignees it may ever learn: itself, co-members and people visible to all.
      const allowed = new Set([paula.username, eve.username, vera.username]);
      for (const task of tasks) if (task.assignee) expect(allowed.has(task.assignee.username)).toBe(true);
    });

    describe('even where an administrator lets partners resolve users (user.find granted)', () => {
      beforeAll(async () => {
        await grant(strapi, 'extranet', 'plugin::users-permissions.user.find');
        await grant(strapi, 'extranet', 'plugin::users-permissions.user.findOne');
      });

      it('tasks { assignee } shows itself, co-members and visible-to-all people only, never an e-mail', async () => {
        const res = await gql(paula, `{ tasks(sort: "title:asc", pagination: { limit: 100 }) { title assignee { username } } }`);
        expect(res.body.errors).toBeUndefined();
        const byTitle = Object.fromEntries(res.body.data.tasks.map((t: any) => [t.title, t.assignee?.username ?? null]));
        expect(byTitle).toEqual({
          'Task for paula': paula.username,
          'Task for eve': eve.username,
          'Task for vera': vera.username,
          'Task for hank': null,
          'Task for otto': null,
          'Task for ivan': null,
        });

        const withEmail = await gql(paula, ASSIGNEES);
        const body = JSON.stringify(withEmail.body);
        for (const person of [eve, vera, hank, otto, ivan]) expect(body).not.toContain(person.email);
        for (const person of [hank, otto, ivan]) expect(body).not.toContain(person.username);
      });

      it('workgroup { owner } shows the owner of a readable group, without its e-mail, and nothing of the other groups', async () => {
        await strapi.db.query('plugin::extranet.workgroup').update({ where: { id: acme.id }, data: { owner: eve.id } });
        await strapi.db.query('plugin::extranet.workgroup').update({ where: { id: other.id }, data: { owner: otto.id } });
        const res = await gql(paula, `{ extranetWorkgroups { name owner { username } } documents(sort: "title:asc") { title workgroup { owner { username } } } }`);
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data.extranetWorkgroups).toEqual([{ name: 'Acme supply chain', owner: { username: eve.username } }]);
        expect(res.body.data.documents).toEqual([
          { title: 'Acme charter', workgroup: { owner: { username: eve.username } } },
          { title: 'Partner guide', workgroup: null },
        ]);
        const withEmail = JSON.stringify((await gql(paula, `{ extranetWorkgroups { name owner { username email } } }`)).body);
        expect(withEmail).not.toContain(eve.email);
        expect(withEmail).not.toContain(otto.username);
        expect(withEmail).not.toContain('Other partner group');
      });

      it('usersPermissionsUsers lists only the people a partner may see, and no e-mail of others', async () => {
        const res = await gql(paula, `{ usersPermissionsUsers(pagination: { limit: 100 }) { username } }`);
        expect(res.body.errors).toBeUndefined();
        expect(sorted(res.body.data.usersPermissionsUsers.map((u: any) => u.username))).toEqual(
          sorted([paula.username, eve.username, vera.username])
        );
        const withEmail = await gql(paula, `{ usersPermissionsUsers(pagination: { limit: 100 }) { username email } }`);
        const body = JSON.stringify(withEmail.body);
        for (const person of [eve, vera, hank, otto, ivan]) expect(body).not.toContain(person.email);
      });

      it('filtering tasks on an unseen assignee finds nothing', async () => {
        const byName = await gql(paula, `query($u: String) { tasks(filters: { assignee: { username: { eq: $u } } }) { title } }`, {
          u: hank.username,
        });
        expect(byName.body.data?.tasks ?? []).toEqual([]);
        const byEmail = await gql(paula, `query($e: String) { tasks(filters: { assignee: { email: { eq: $e } } }) { title } }`, {
          e: eve.email,
        });
        expect(byEmail.body.data?.tasks ?? []).toEqual([]);
      });
    });
  });

  describe('internal content', () => {
    it('refuses announcements to a partner', async () => {
      await strapi.documents('api::announcement.announcement').create({ data: { title: 'Quarterly results' } });
      const res = await gql(paula, `{ announcements { title } announcements_connection { pageInfo { total } } }`);
      expect(res.body.data?.announcements ?? []).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain('Quarterly results');
      expect(errorCodes(res)).toContain('FORBIDDEN');
    });
  });

  describe('filters through relations', () => {
    it('find nothing by the name or id of a workgroup the caller cannot read', async () => {
      const byName = `query($name: String) {
        documents(filters: { workgroup: { name: { eq: $name } } }) { title }
        documents_connection(filters: { workgroup: { name: { eq: $name } } }) { pageInfo { total } }
        tasks(filters: { workgroup: { name: { eq: $name } } }) { title }
      }`;
      for (const [user, name] of [
        [paula, 'Other partner group'],
        [paula, 'Office move'],
        [otto, 'Acme supply chain'],
        [hank, 'Acme supply chain'],
      ] as Array<[TestUser, string]>) {
        const res = await gql(user, byName, { name });
        expect(res.body.data?.documents ?? []).toEqual([]);
        expect(res.body.data?.documents_connection?.pageInfo.total ?? 0).toBe(0);
        expect(res.body.data?.tasks ?? []).toEqual([]);
      }
      // The same filter on a readable workgroup works (the filter itself is not broken).
      const own = await data(paula, byName, { name: 'Acme supply chain' });
      expect(own.documents).toEqual([{ title: 'Acme charter' }]);
      expect(own.documents_connection.pageInfo.total).toBe(1);
      expect(own.tasks).toHaveLength(6);

      const byId = await gql(paula, `query($id: ID) { documents(filters: { workgroup: { documentId: { eq: $id } } }) { title } }`, {
        id: other.documentId,
      });
      expect(byId.body.data?.documents ?? []).toEqual([]);
    });

    it('do not let a filter on the site flag or an $or widen what is read', async () => {
      const res = await data(
        paula,
        `{ documents(filters: { or: [{ extranet: { eq: false } }, { workgroup: { name: { eq: "Other partner group" } } }, { title: { contains: "" } }] }) { title } }`
      );
      expect(sorted(res.documents.map((d: any) => d.title))).toEqual(['Acme charter', 'Partner guide']);
    });

    it('do not reveal unreadable rows through a sort on a relation', async () => {
      const res = await gql(paula, `{ documents(sort: "workgroup.name:asc") { title } }`);
      const titles = (res.body.data?.documents ?? []).map((d: any) => d.title);
      for (const title of titles) expect(['Acme charter', 'Partner guide']).toContain(title);
      expect(JSON.stringify(res.body)).not.toContain('Other partner');
    });

    it('find no topic through a workgroup the caller cannot read', async () => {
      const res = await gql(otto, `{ extranetTopics(filters: { workgroups: { name: { eq: "Acme supply chain" } } }) { name } }`);
      expect(res.body.data?.extranetTopics ?? []).toEqual([]);
    });
  });
  describe('mutations', () => {
    const CREATE = `mutation($data: DocumentInput!) { createDocument(data: $data) { documentId title extranet } }`;
    const stored = (title: string) => strapi.db.query(DOCUMENT).findMany({ where: { title } });

    it('let a partner create a document in its own workgroup (the permission is there)', async () => {
      const result = await data(paula, CREATE, { data: { title: 'Paula delivery note', workgroup: acme.documentId } });
      expect(result.createDocument).toMatchObject({ title: 'Paula delivery note', extranet: true });
      const [row] = await strapi.db.query(DOCUMENT).findMany({ where: { title: 'Paula delivery note' }, populate: ['workgroup'] });
      expect(row.workgroup.id).toBe(acme.id);
    });

    it('refuse extranet: false from a partner and write nothing', async () => {
      const res = await gql(paula, CREATE, { data: { title: 'Sneaky intranet doc', extranet: false, workgroup: acme.documentId } });
      expect(res.body.data?.createDocument ?? null).toBeNull();
      expect(errorCodes(res)).toContain('BAD_USER_INPUT');
      const alone = await gql(paula, CREATE, { data: { title: 'Sneaky intranet doc', extranet: false } });
      expect(alone.body.data?.createDocument ?? null).toBeNull();
      expect(alone.body.errors?.length).toBeGreaterThan(0);
      expect(await stored('Sneaky intranet doc')).toEqual([]);
    });

    it("refuse a workgroup the partner is not in, by documentId or by id, and write nothing", async () => {
      for (const workgroup of [other.documentId, String(other.id), office.documentId]) {
        const res = await gql(paula, CREATE, { data: { title: 'Planted doc', extranet: true, workgroup } });
        expect(res.body.data?.createDocument ?? null).toBeNull();
        expect(res.body.errors?.length).toBeGreaterThan(0);
      }
      expect(await stored('Planted doc')).toEqual([]);
      expect(await strapi.db.query(DOCUMENT).count({ where: { workgroup: { id: other.id } } })).toBe(1);
    });

    it('refuse to update or delete an item the partner cannot read, and change nothing', async () => {
      const update = await gql(paula, `mutation($id: ID!) { updateDocument(documentId: $id, data: { title: "Hijacked" }) { title } }`, {
        id: docs.other.documentId,
      });
      expect(update.body.data?.updateDocument ?? null).toBeNull();
      expect(update.body.errors?.length).toBeGreaterThan(0);
      // Unreadable answers like missing (SPEC §4: 404, never 403).
      const missing = await gql(paula, `mutation($id: ID!) { updateDocument(documentId: $id, data: { title: "Hijacked" }) { title } }`, {
        id: 'nosuchdocumentid0000000000',
      });
      expect(errorCodes(update)).toEqual(errorCodes(missing));
      expect(errorCodes(update)).not.toContain('FORBIDDEN');
      const moved = await gql(paula, `mutation($id: ID!, $wg: ID) { updateDocument(documentId: $id, data: { workgroup: $wg }) { title } }`, {
        id: docs.acme.documentId,
        wg: other.documentId,
      });
      expect(moved.body.data?.updateDocument ?? null).toBeNull();
      expect(moved.body.errors?.length).toBeGreaterThan(0);
      const [otherRow] = await strapi.db.query(DOCUMENT).findMany({ where: { documentId: docs.other.documentId } });
      expect(otherRow.title).toBe('Other partner secret');
      const [acmeRow] = await strapi.db.query(DOCUMENT).findMany({ where: { documentId: docs.acme.documentId }, populate: ['workgroup'] });
      expect(acmeRow.workgroup.id).toBe(acme.id);
    });
  });
});
