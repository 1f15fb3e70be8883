/**
 * SPEC §6 (last bullet) and §4 in the Strapi admin content manager: an admin role whose
 * content-manager permissions carry the plugin's RBAC conditions ("Member of the item's
 * workgroup", "Manager of the workgroup") lists, counts, reads and edits only the rows of the
 * workgroups its user manages; a super admin sees everything; every admin write keeps the
 * site-flag/workgroup invariant.
 */
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from './helpers/strapi';
import { createItem, createTopic, createWorkgroup } from './helpers/factories';

const DOCUMENT = 'api::document.document';
const WORKGROUP = 'plugin::extranet.workgroup';
const CM = '/content-manager/collection-types';
const ADMIN_PASSWORD = 'Editor-password-2026';

const DOCUMENT_FIELDS = ['title', 'body', 'file', 'extranet', 'workgroup'];
const WORKGROUP_FIELDS = ['name', 'description', 'image', 'keywords', 'topic', 'extranet', 'archived', 'archivedAt', 'owner'];

describe('admin content manager with the extranet RBAC conditions', () => {
  let app: TestApp;
  let strapi: Core.Strapi;
  let editorAuth: Record<string, string>;
  let superAuth: Record<string, string>;
  let editorId: number;

  let managed: any;
  let unmanaged: any;
  const docs: Record<string, any> = {};

  const login = async (email: string) => {
    const res = await app.http().post('/admin/login').send({ email, password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.data.token).toEqual(expect.any(String));
    return { Authorization: `Bearer ${res.body.data.token}` };
  };

  const stored = async (documentId: string) =>
    strapi.db.query(DOCUMENT).findOne({ where: { documentId }, populate: ['workgroup'] });

  const list = (auth: Record<string, string>, uid: string, query = '') =>
    app.http().get(`${CM}/${uid}?page=1&pageSize=100&sort=id:ASC${query}`).set(auth);

  beforeAll(async () => {
    app = await startApp();
    strapi = app.strapi;

    // Conditions are registered by the plugin.
    const provider = (strapi.service('admin::permission') as any).conditionProvider;
    expect(provider.has('plugin::extranet.workgroup-member')).toBe(true);
    expect(provider.has('plugin::extranet.workgroup-manager')).toBe(true);

    const roles = strapi.service('admin::role') as any;
    const role = await roles.create({ name: 'Workgroup editors', description: 'Edit the workgroups they manage' });
    const explorer = (action: string) => `plugin::content-manager.explorer.${action}`;
    await roles.assignPermissions(role.id, [
      ...['read', 'create', 'update', 'delete'].map((action) => ({
        action: explorer(action),
        subject: DOCUMENT,
        properties: action === 'delete' ? {} : { fields: DOCUMENT_FIELDS },
        conditions: ['plugin::extranet.workgroup-member'],
      })),
      ...['read', 'update'].map((action) => ({
        action: explorer(action),
        subject: WORKGROUP,
        properties: { fields: WORKGROUP_FIELDS },
        conditions: ['plugin::extranet.workgroup-manager'],
      })),
    ]);

    const admins = strapi.service('admin::user') as any;
    const editor = await admins.create({
      email: 'editor@northwind.example',
      firstname: 'Ed',
      lastname: 'Itor',
      password: ADMIN_PASSWORD,
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
    editorId = editor.id;
    const superAdminRole = await roles.getSuperAdmin();
    await admins.create({
      email: 'root@northwind.example',
      firstname: 'Root',
      lastname: 'Admin',
      password: ADMIN_PASSWORD,
      isActive: true,
      registrationToken: null,
      roles: [superAdminRole.id],
    });

    const topic = await createTopic(strapi, 'Suppliers');
    managed = await createWorkgroup(strapi, { extranet: true, topic, name: 'Managed group' });
    unmanaged = await createWorkgroup(strapi, { extranet: true, topic, name: 'Unmanaged group' });
    await strapi.documents(WORKGROUP).update({ documentId: managed.documentId, data: { managers: [editorId] } as any });

    docs.a = await createItem(strapi, DOCUMENT, { title: 'Managed doc A', extranet: true, workgroup: managed.documentId });
    docs.b = await createItem(strapi, DOCUMENT, { title: 'Managed doc B', extranet: true, workgroup: managed.documentId });
    docs.other = await createItem(strapi, DOCUMENT, { title: 'Unmanaged doc', extranet: true, workgroup: unmanaged.documentId });
    docs.loose = await createItem(strapi, DOCUMENT, { title: 'Loose intranet doc', extranet: false });

    editorAuth = await login('editor@northwind.example');
    superAuth = await login('root@northwind.example');
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('documents ("Member of the item\'s workgroup")', () => {
    it('lists and counts only the documents of the managed workgroup', async () => {
      const res = await list(editorAuth, DOCUMENT);
      expect(res.status).toBe(200);
      expect(res.body.results.map((d: any) => d.title)).toEqual(['Managed doc A', 'Managed doc B']);
      expect(res.body.pagination.total).toBe(2);
    });

    it('finds nothing when filtering on the unmanaged workgroup', async () => {
      const res = await list(editorAuth, DOCUMENT, '&filters[$and][0][workgroup][name][$eq]=Unmanaged%20group');
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([]);
      expect(res.body.pagination.total).toBe(0);
    });

    it('lets a super admin list everything', async () => {
      const res = await list(superAuth, DOCUMENT);
      expect(res.status).toBe(200);
      expect(res.body.results.map((d: any) => d.title).sort()).toEqual(['Loose intranet doc', 'Managed doc A', 'Managed doc B', 'Unmanaged doc']);
      expect(res.body.pagination.total).toBe(4);
    });

    it('reads a managed document and refuses the others', async () => {
      const own = await app.http().get(`${CM}/${DOCUMENT}/${docs.a.documentId}`).set(editorAuth);
      expect(own.status).toBe(200);
      expect(own.body.data).toMatchObject({ documentId: docs.a.documentId, title: 'Managed doc A' });

      for (const key of ['other', 'loose']) {
        const res = await app.http().get(`${CM}/${DOCUMENT}/${docs[key].documentId}`).set(editorAuth);
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain(docs[key].title);
      }
      // Hidden and missing answer alike, in the relation endpoint too.
      const hiddenRelation = await app.http().get(`/content-manager/relations/${DOCUMENT}/${docs.other.documentId}/workgroup`).set(editorAuth);
      const missingRelation = await app.http().get(`/content-manager/relations/${DOCUMENT}/zzzzzzzzzzzzzzzzzzzzzzzz/workgroup`).set(editorAuth);
      expect(hiddenRelation.status).toBe(missingRelation.status);
      expect(JSON.stringify(hiddenRelation.body)).not.toContain('Unmanaged group');
      const superRead = await app.http().get(`${CM}/${DOCUMENT}/${docs.other.documentId}`).set(superAuth);
      expect(superRead.status).toBe(200);
      expect(superRead.body.data.title).toBe('Unmanaged doc');
    });

    it('updates a managed document', async () => {
      const res = await app.http().put(`${CM}/${DOCUMENT}/${docs.a.documentId}`).set(editorAuth).send({ title: 'Managed doc A', body: 'Edited by the editor' });
      expect(res.status).toBe(200);
      expect((await stored(docs.a.documentId)).body).toBe('Edited by the editor');
    });

    it('refuses to update or delete a document of another workgroup, and changes nothing', async () => {
      const update = await app.http().put(`${CM}/${DOCUMENT}/${docs.other.documentId}`).set(editorAuth).send({ title: 'Hijacked' });
      expect(update.status).toBe(404);
      const remove = await app.http().delete(`${CM}/${DOCUMENT}/${docs.other.documentId}`).set(editorAuth);
      expect(remove.status).toBe(404);
      const row = await stored(docs.other.documentId);
      expect(row).toMatchObject({ title: 'Unmanaged doc' });
      expect(row.workgroup.id).toBe(unmanaged.id);
    });

    it('refuses to move a managed document into a workgroup the editor does not manage', async () => {
      const res = await app
        .http()
        .put(`${CM}/${DOCUMENT}/${docs.b.documentId}`)
        .set(editorAuth)
        .send({ title: 'Managed doc B', workgroup: { connect: [{ documentId: unmanaged.documentId }], disconnect: [] } });
      expect([400, 403, 404]).toContain(res.status);
      expect((await stored(docs.b.documentId)).workgroup.id).toBe(managed.id);
    });

    it('refuses to create a document in a workgroup the editor does not manage', async () => {
      const res = await app
        .http()
        .post(`${CM}/${DOCUMENT}`)
        .set(editorAuth)
        .send({ title: 'Planted by the editor', extranet: true, workgroup: { connect: [{ documentId: unmanaged.documentId }] } });
      expect([400, 403, 404]).toContain(res.status);
      expect(await strapi.db.query(DOCUMENT).findMany({ where: { title: 'Planted by the editor' } })).toEqual([]);
    });

    it('offers only the managed workgroup in the relation picker', async () => {
      const res = await app.http().get(`/content-manager/relations/${DOCUMENT}/workgroup?pageSize=100`).set(editorAuth);
      expect(res.status).toBe(200);
      expect(res.body.results.map((w: any) => w.name)).toEqual(['Managed group']);
      expect(res.body.pagination.total).toBe(1);
    });
  });

  describe('workgroups ("Manager of the workgroup")', () => {
    it('lists and counts only the managed workgroup; a super admin sees both', async () => {
      const res = await list(editorAuth, WORKGROUP);
      expect(res.status).toBe(200);
      expect(res.body.results.map((w: any) => w.name)).toEqual(['Managed group']);
      expect(res.body.pagination.total).toBe(1);

      const all = await list(superAuth, WORKGROUP);
      expect(all.status).toBe(200);
      expect(all.body.results.map((w: any) => w.name).sort()).toEqual(['Managed group', 'Unmanaged group']);
      expect(all.body.pagination.total).toBe(2);
    });

    it('reads and updates the managed workgroup only', async () => {
      const own = await app.http().get(`${CM}/${WORKGROUP}/${managed.documentId}`).set(editorAuth);
      expect(own.status).toBe(200);
      expect(own.body.data.name).toBe('Managed group');

      const edit = await app.http().put(`${CM}/${WORKGROUP}/${managed.documentId}`).set(editorAuth).send({ description: 'Managed by Ed' });
      expect(edit.status).toBe(200);
      expect((await strapi.db.query(WORKGROUP).findOne({ where: { id: managed.id } })).description).toBe('Managed by Ed');

      const read = await app.http().get(`${CM}/${WORKGROUP}/${unmanaged.documentId}`).set(editorAuth);
      expect(read.status).toBe(404);
      expect(JSON.stringify(read.body)).not.toContain('Unmanaged group');

      const hijack = await app.http().put(`${CM}/${WORKGROUP}/${unmanaged.documentId}`).set(editorAuth).send({ description: 'Hijacked' });
      expect(hijack.status).toBe(404);
      expect((await strapi.db.query(WORKGROUP).findOne({ where: { id: unmanaged.id } })).description ?? null).toBeNull();
    });
  });

  describe('the site-flag/workgroup invariant in admin writes', () => {
    it('answers 400 to extranet: false on a document of an extranet workgroup, for the editor and the super admin, and changes nothing', async () => {
      for (const auth of [editorAuth, superAuth]) {
        const res = await app.http().put(`${CM}/${DOCUMENT}/${docs.a.documentId}`).set(auth).send({ title: 'Managed doc A', extranet: false });
        expect(res.status).toBe(400);
        const row = await stored(docs.a.documentId);
        expect(row.extranet).toBe(true);
        expect(row.workgroup.id).toBe(managed.id);
      }
    });

    it('answers 400 to a new document in an extranet workgroup with extranet: false', async () => {
      const res = await app
        .http()
        .post(`${CM}/${DOCUMENT}`)
        .set(superAuth)
        .send({ title: 'Contradiction', extranet: false, workgroup: { connect: [{ documentId: managed.documentId }] } });
      expect(res.status).toBe(400);
      expect(await strapi.db.query(DOCUMENT).findMany({ where: { title: 'Contradiction' } })).toEqual([]);
    });
  });
});
