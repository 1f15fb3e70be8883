/**
 * SPEC §4 ("writes are judged on what they store ... or the write is rolled back") and §8 (never
 * a partial write) for the versions of one document. With draft & publish, a document's draft and
 * published rows may sit in different workgroups (a move prepared in the draft). Strapi's
 * document-level writes (update-and-publish, publish, unpublish, discard, delete, clone) read the
 * other versions through the caller's scope; a version the caller cannot read was skipped, and the
 * write answered 200/204 half done: two published versions of one document, or a published row
 * left behind by a delete. A document is now written only by someone who reads all of it, and
 * the stored outcome is judged again: every row readable by the writer, at most one draft and
 * one published version.
 */
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from './helpers/strapi';
import { bearer, createTopic, createUser, createWorkgroup, type TestUser } from './helpers/factories';

const POST = 'api::post.post';
const WORKGROUP = 'plugin::extranet.workgroup';
const CM = '/content-manager/collection-types';
const ADMIN_PASSWORD = 'Editor-password-2026';
const POST_FIELDS = ['title', 'body', 'extranet', 'workgroup'];

describe('document-level writes act on every version of the document, or not at all', () => {
  let app: TestApp;
  let strapi: Core.Strapi;
  let eddie: TestUser; // employee in the extranet, member of both groups
  let emma: TestUser; // employee in the extranet, owner of Globex only
  let carl: TestUser; // partner, member of Globex
  let paula: TestUser; // partner, member of Acme
  let erin: TestUser; // extranet admin
  let acme: any;
  let globex: any;
  let editorAuth: Record<string, string>; // content editor managing Globex only
  let superAuth: Record<string, string>;

  /** The rows of a document as trusted code: title, workgroup, published or draft, by id. */
  const rows = async (documentId: string) => {
    const found = await strapi.db.query(POST).findMany({ where: { documentId }, populate: { workgroup: true }, orderBy: { id: 'asc' } });
    return found.map((r: any) => ({ title: r.title, workgroup: r.workgroup?.name ?? null, published: r.publishedAt !== null }));
  };

  const put = (user: TestUser, path: string, data: object) => app.http().put(path).set(bearer(user)).send({ data });

  /** A published post in Acme whose draft eddie moved to Globex: the state the attack started from. */
  const split = async (title: string) => {
    const created = await app.http().post('/api/posts').set(bearer(eddie)).send({ data: { title, workgroup: acme.documentId } });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    const moved = await put(eddie, `/api/posts/${documentId}?status=draft`, { title: `${title} (draft)`, workgroup: globex.documentId });
    expect(moved.status).toBe(200);
    expect(await rows(documentId)).toEqual([
      { title: `${title} (draft)`, workgroup: 'Globex', published: false },
      { title, workgroup: 'Acme', published: true },
    ]);
    return documentId as string;
  };

  const gql = (user: TestUser, query: string, variables: Record<string, unknown>) =>
    app.http().post('/graphql').set(bearer(user)).send({ query, variables });

  const login = async (email: string) => {
    const res = await app.http().post('/admin/login').send({ email, password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    return { Authorization: `Bearer ${res.body.data.token}` };
  };

  beforeAll(async () => {
    app = await startApp();
    strapi = app.strapi;
    eddie = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
    emma = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
    carl = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    paula = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    erin = await createUser(strapi, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
    const topic = await createTopic(strapi, 'Suppliers');
    acme = await createWorkgroup(strapi, { extranet: true, topic, name: 'Acme', members: [[eddie, 'owner'], [paula, 'member']] });
    globex = await createWorkgroup(strapi, { extranet: true, topic, name: 'Globex', members: [[emma, 'owner'], [eddie, 'member'], [carl, 'member']] });

    const roles = strapi.service('admin::role') as any;
    const role = await roles.create({ name: 'Globex editors', description: 'Edit the workgroups they manage' });
    await roles.assignPermissions(
      role.id,
      ['read', 'create', 'update', 'delete', 'publish'].map((action) => ({
        action: `plugin::content-manager.explorer.${action}`,
        subject: POST,
        properties: ['delete', 'publish'].includes(action) ? {} : { fields: POST_FIELDS },
        conditions: ['plugin::extranet.workgroup-member'],
      }))
    );
    const admins = strapi.service('admin::user') as any;
    const editor = await admins.create({ email: 'globex-editor@northwind.example', firstname: 'Gl', lastname: 'Editor', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [role.id] });
    const superAdminRole = await roles.getSuperAdmin();
    await admins.create({ email: 'root@northwind.example', firstname: 'Root', lastname: 'Admin', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [superAdminRole.id] });
    await strapi.documents(WORKGROUP).update({ documentId: globex.documentId, data: { managers: [editor.id] } as any });
    editorAuth = await login('globex-editor@northwind.example');
    superAuth = await login('root@northwind.example');
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('moves a published post to another workgroup through its draft and a publish, by someone who reads both versions', async () => {
    const documentId = await split('Moving post');
    const res = await put(eddie, `/api/posts/${documentId}`, { title: 'Moved post' });
    expect(res.status).toBe(200);
    expect(await rows(documentId)).toEqual([
      { title: 'Moved post', workgroup: 'Globex', published: false },
      { title: 'Moved post', workgroup: 'Globex', published: true },
    ]);
  });

  it('refuses (403) an update-and-publish by a partner who reads only the draft, and stores nothing: no second published version', async () => {
    const documentId = await split('Acme price list');
    const res = await put(carl, `/api/posts/${documentId}`, { title: 'carl overwrote' });
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('ForbiddenError');
    expect(await rows(documentId)).toEqual([
      { title: 'Acme price list (draft)', workgroup: 'Globex', published: false },
      { title: 'Acme price list', workgroup: 'Acme', published: true },
    ]);
    // The partner still reads its version, and the version it cannot read still answers 404.
    expect((await app.http().get(`/api/posts/${documentId}?status=draft`).set(bearer(carl))).status).toBe(200);
    expect((await app.http().get(`/api/posts/${documentId}`).set(bearer(carl))).status).toBe(404);
  });

  it('refuses (403) a draft edit by a partner who reads only the published version (Strapi would add a second draft)', async () => {
    const documentId = await split('Acme draft plan');
    const res = await put(paula, `/api/posts/${documentId}?status=draft`, { title: 'paula draft', workgroup: acme.documentId });
    expect(res.status).toBe(403);
    expect(await rows(documentId)).toEqual([
      { title: 'Acme draft plan (draft)', workgroup: 'Globex', published: false },
      { title: 'Acme draft plan', workgroup: 'Acme', published: true },
    ]);
  });

  it('refuses (403) a delete by an employee who reads only the draft, and deletes nothing: no orphan published version', async () => {
    const documentId = await split('Acme roadmap');
    const res = await app.http().delete(`/api/posts/${documentId}`).set(bearer(emma));
    expect(res.status).toBe(403);
    expect(await rows(documentId)).toEqual([
      { title: 'Acme roadmap (draft)', workgroup: 'Globex', published: false },
      { title: 'Acme roadmap', workgroup: 'Acme', published: true },
    ]);
  });

  it('lets someone who reads every version delete the whole document', async () => {
    const documentId = await split('Short-lived post');
    const res = await app.http().delete(`/api/posts/${documentId}`).set(bearer(eddie));
    expect(res.status).toBe(204);
    expect(await rows(documentId)).toEqual([]);
  });

  it('refuses the same writes through GraphQL (FORBIDDEN) and stores nothing', async () => {
    const documentId = await split('GraphQL post');
    const update = await gql(carl, 'mutation($id: ID!) { updatePost(documentId: $id, data: { title: "carl via graphql" }) { title } }', { id: documentId });
    expect(update.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const remove = await gql(emma, 'mutation($id: ID!) { deletePost(documentId: $id) { documentId } }', { id: documentId });
    expect(remove.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await rows(documentId)).toEqual([
      { title: 'GraphQL post (draft)', workgroup: 'Globex', published: false },
      { title: 'GraphQL post', workgroup: 'Acme', published: true },
    ]);
  });

  describe('in the content manager', () => {
    const unchanged = (title: string) => [
      { title: `${title} (draft)`, workgroup: 'Globex', published: false },
      { title, workgroup: 'Acme', published: true },
    ];

    it('refuses (403) a publish by an editor who manages only the draft\'s workgroup, and stores nothing', async () => {
      const documentId = await split('CM publish');
      const res = await app.http().post(`${CM}/${POST}/${documentId}/actions/publish`).set(editorAuth).send({ title: 'editor published' });
      expect(res.status).toBe(403);
      expect(await rows(documentId)).toEqual(unchanged('CM publish'));
    });

    it('refuses every other document-level write of that editor (update, unpublish, discard, delete, clone) and stores nothing', async () => {
      const documentId = await split('CM others');
      const update = await app.http().put(`${CM}/${POST}/${documentId}`).set(editorAuth).send({ title: 'editor edit' });
      expect(update.status).toBe(403);
      const unpublish = await app.http().post(`${CM}/${POST}/${documentId}/actions/unpublish`).set(editorAuth).send({});
      expect([403, 404]).toContain(unpublish.status);
      const discard = await app.http().post(`${CM}/${POST}/${documentId}/actions/discard`).set(editorAuth).send({});
      expect([403, 404]).toContain(discard.status);
      const remove = await app.http().delete(`${CM}/${POST}/${documentId}`).set(editorAuth);
      expect(remove.status).toBe(403);
      const clone = await app.http().post(`${CM}/${POST}/clone/${documentId}`).set(editorAuth).send({ title: 'editor clone' });
      expect(clone.status).toBe(403);
      expect(await rows(documentId)).toEqual(unchanged('CM others'));
      expect(await strapi.db.query(POST).count({ where: { title: 'editor clone' } })).toBe(0);
    });

    it('lets a super admin, who reads every version, publish the move', async () => {
      const documentId = await split('CM super publish');
      const res = await app.http().post(`${CM}/${POST}/${documentId}/actions/publish`).set(superAuth).send({ title: 'published by root' });
      expect(res.status).toBe(200);
      expect(await rows(documentId)).toEqual([
        { title: 'published by root', workgroup: 'Globex', published: false },
        { title: 'published by root', workgroup: 'Globex', published: true },
      ]);
    });
  });

  describe('a document left with two published versions (by the flaw, before this rule)', () => {
    /** The attack's outcome, written as trusted code: a second published row, in Globex. */
    const doubled = async (title: string) => {
      const documentId = await split(title);
      await strapi.db.query(POST).create({ data: { documentId, title: `${title} (second)`, extranet: true, workgroup: globex.id, publishedAt: new Date() } });
      expect((await rows(documentId)).filter((r) => r.published)).toHaveLength(2);
      return documentId;
    };

    it('is repaired by a publish of someone who reads every version: one draft, one published', async () => {
      const documentId = await doubled('Doubled post');
      const res = await put(erin, `/api/posts/${documentId}`, { title: 'Repaired post' });
      expect(res.status).toBe(200);
      expect(await rows(documentId)).toEqual([
        { title: 'Repaired post', workgroup: 'Globex', published: false },
        { title: 'Repaired post', workgroup: 'Globex', published: true },
      ]);
    });

    it('refuses (409 DocumentConflict) a discard that would give it two drafts as well, and stores nothing', async () => {
      const documentId = await doubled('Doubled discard');
      const before = await rows(documentId);
      const res = await app.http().post(`${CM}/${POST}/${documentId}/actions/discard`).set(superAuth).send({});
      expect(res.status).toBe(409);
      expect(res.body.error.name).toBe('DocumentConflict');
      expect(await rows(documentId)).toEqual(before);
    });
  });
});
