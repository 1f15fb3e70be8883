/**
 * SPEC §4 "Files", §3 (archive) and §9 in the admin media library (`/upload/...`, admin JWTs): a
 * content editor limited by the plugin's RBAC conditions reads, through a file's `related`, only
 * the items and workgroups its role reaches; it changes or deletes a file of scoped items, or
 * attaches an upload to an item, only where it may update each item, never in an archived
 * workgroup (a super admin neither); malformed queries answer 400; the plugin's bookkeeping
 * columns are never shown to admin users. Real HTTP, real uploads on disk, stored state checked.
 */
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from './helpers/strapi';
import { createItem, createTopic, createUser, createWorkgroup } from './helpers/factories';

const DOC = 'api::document.document';
const WORKGROUP = 'plugin::extranet.workgroup';
const USER = 'plugin::users-permissions.user';
const FILE = 'plugin::upload.file';
const CM = '/content-manager/collection-types';
const UPLOADS = path.join(__dirname, '..', 'public', 'uploads');
const ADMIN_PASSWORD = 'Editor-password-2026';
const HIDDEN = ['extranetUploader', 'extranetUploaderExternal', 'extranetAudience', 'extranetTokensValidAfter', 'extranetLastSeenAt'];

describe('admin media library with the extranet RBAC conditions', () => {
  let app: TestApp;
  let strapi: Core.Strapi;
  let editor: Record<string, string>;
  let root: Record<string, string>;
  let readerAuth: Record<string, string>;
  let managed: any;
  let unmanaged: any;
  const docs: Record<string, any> = {};
  const files: Record<string, any> = {};

  const login = async (email: string) => {
    const res = await app.http().post('/admin/login').send({ email, password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    return { Authorization: `Bearer ${res.body.data.token}` };
  };
  const row = (id: number) => strapi.db.query(FILE).findOne({ where: { id } });
  const bytesOf = (file: { hash: string; ext: string }) => fs.readFileSync(path.join(UPLOADS, `${file.hash}${file.ext}`), 'utf8');
  const fileCount = () => strapi.db.query(FILE).count();
  const relatedOf = async (id: number) =>
    ((await strapi.db.query(FILE).findOne({ where: { id }, populate: { related: true } })).related ?? []).map((r: any) => `${r.__type}#${r.id}`).sort();
  const adminUpload = (auth: Record<string, string>, name: string, content: string, fields: Record<string, string> = {}, query = '') => {
    const req = app.http().post(`/upload${query}`).set(auth);
    for (const [key, value] of Object.entries(fields)) req.field(key, value);
    return req.attach('files', Buffer.from(content), { filename: name, contentType: 'text/plain' });
  };
  const rename = (auth: Record<string, string>, id: number, name: string) =>
    app.http().post(`/upload?id=${id}`).set(auth).field('fileInfo', JSON.stringify({ name, caption: 'edited' }));
  const listFiles = async (auth: Record<string, string>, query: string) => {
    const res = await app.http().get(`/upload/files?pageSize=100&${query}`).set(auth);
    expect(res.status).toBe(200);
    return new Map<string, any>(res.body.results.map((f: any) => [f.name, f]));
  };
  const names = (related: any[] | undefined) => (related ?? []).map((r) => r.title ?? r.name).sort();

  beforeAll(async () => {
    app = await startApp();
    strapi = app.strapi;

    const roles = strapi.service('admin::role') as any;
    const role = await roles.create({ name: 'Workgroup editors (media)', description: 'Their workgroups, and the media library' });
    const explorer = (action: string) => `plugin::content-manager.explorer.${action}`;
    await roles.assignPermissions(role.id, [
      ...['read', 'create', 'update', 'delete'].map((action) => ({
        action: explorer(action),
        subject: DOC,
        properties: action === 'delete' ? {} : { fields: ['title', 'body', 'file', 'extranet', 'workgroup'] },
        conditions: ['plugin::extranet.workgroup-member'],
      })),
      ...['read', 'update'].map((action) => ({
        action: explorer(action),
        subject: WORKGROUP,
        properties: { fields: ['name', 'description', 'image', 'keywords', 'topic', 'extranet', 'archived', 'archivedAt', 'owner'] },
        conditions: ['plugin::extranet.workgroup-manager'],
      })),
      // The media library, without conditions.
      ...['read', 'assets.create', 'assets.update', 'assets.download', 'assets.copy-link'].map((action) => ({
        action: `plugin::upload.${action}`,
        subject: null,
        properties: {},
        conditions: [],
      })),
    ]);
    // A second role reads every document but updates only those of its workgroups.
    const reader = await roles.create({ name: 'Readers (media)', description: 'Read all, update their workgroups' });
    await roles.assignPermissions(reader.id, [
      { action: explorer('read'), subject: DOC, properties: { fields: ['title', 'body', 'file', 'extranet', 'workgroup'] }, conditions: [] },
      { action: explorer('update'), subject: DOC, properties: { fields: ['title', 'body', 'file', 'extranet', 'workgroup'] }, conditions: ['plugin::extranet.workgroup-member'] },
      ...['read', 'assets.create', 'assets.update'].map((action) => ({ action: `plugin::upload.${action}`, subject: null, properties: {}, conditions: [] })),
    ]);
    const admins = strapi.service('admin::user') as any;
    const readerUser = await admins.create({
      email: 'media-reader@northwind.example', firstname: 'Media', lastname: 'Reader', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [reader.id],
    });
    const editorUser = await admins.create({
      email: 'media-editor@northwind.example', firstname: 'Media', lastname: 'Editor', password: ADMIN_PASSWORD, isActive: true, registrationToken: null, roles: [role.id],
    });
    await admins.create({
      email: 'media-root@northwind.example', firstname: 'Root', lastname: 'Admin', password: ADMIN_PASSWORD, isActive: true, registrationToken: null,
      roles: [(await roles.getSuperAdmin()).id],
    });

    const owner = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
    const topic = await createTopic(strapi, 'Media suppliers');
    managed = await createWorkgroup(strapi, { extranet: true, topic, name: 'Globex rollout', members: [[owner, 'owner']] });
    unmanaged = await createWorkgroup(strapi, { extranet: true, topic, name: 'Acme supply chain', members: [[owner, 'owner']] });
    await strapi.documents(WORKGROUP).update({ documentId: managed.documentId, data: { managers: [editorUser.id, readerUser.id] } as any });
    docs.managed = await createItem(strapi, DOC, { title: 'Globex plan', extranet: true, workgroup: managed.documentId });
    docs.unmanaged = await createItem(strapi, DOC, { title: 'Acme charter', body: 'Acme secret body', extranet: true, workgroup: unmanaged.documentId });
    docs.siteWide = await createItem(strapi, DOC, { title: 'Extranet guide for partners', extranet: true });

    editor = await login('media-editor@northwind.example');
    root = await login('media-root@northwind.example');
    readerAuth = await login('media-reader@northwind.example');

    // Files uploaded by the super admin in the media library, attached by trusted code.
    for (const name of ['globex.txt', 'acme.txt', 'acme-image.txt', 'loose.txt']) {
      const res = await adminUpload(root, name, `bytes of ${name}`);
      expect(res.status).toBe(201);
      files[name] = res.body[0];
    }
    await strapi.documents(DOC).update({ documentId: docs.managed.documentId, data: { file: files['globex.txt'].id } as any });
    await strapi.documents(DOC).update({ documentId: docs.unmanaged.documentId, data: { file: files['acme.txt'].id } as any });
    await strapi.documents(WORKGROUP).update({ documentId: unmanaged.documentId, data: { image: files['acme-image.txt'].id } as any });
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe("reading through a file's related (F5)", () => {
    it('populates only the items and workgroups the editor reaches, through every spelling and nesting', async () => {
      const deep =
        'populate[related][on][api::document.document][populate][workgroup][populate][topic][populate][workgroups]=true' +
        '&populate[related][on][plugin::extranet.workgroup][populate][topic][populate][workgroups]=true';
      for (const query of [deep, 'populate=related', 'populate[related]=true', 'populate=*']) {
        const listed = await listFiles(editor, query);
        expect([query, names(listed.get('acme.txt')?.related)]).toEqual([query, []]);
        expect([query, names(listed.get('acme-image.txt')?.related)]).toEqual([query, []]);
        expect([query, names(listed.get('globex.txt')?.related)]).toEqual([query, ['Globex plan']]);
        expect(JSON.stringify([...listed.values()])).not.toMatch(/Acme charter|Acme secret body|Acme supply chain/);
      }
      const listed = await listFiles(editor, deep);
      const globex = listed.get('globex.txt').related[0];
      expect(globex.workgroup.name).toBe('Globex rollout');
      expect(names(globex.workgroup.topic.workgroups)).toEqual(['Globex rollout']);

      const one = await app.http().get(`/upload/files/${files['acme.txt'].id}?populate=related`).set(editor);
      expect(one.status).toBe(200);
      expect(one.body.related ?? []).toEqual([]);
    });

    it('lets a super admin populate everything (control)', async () => {
      const listed = await listFiles(root, 'populate[related][on][api::document.document][populate][workgroup]=true&populate[related][on][plugin::extranet.workgroup]=true');
      expect(names(listed.get('acme.txt').related)).toEqual(['Acme charter']);
      expect(listed.get('acme.txt').related[0].workgroup.name).toBe('Acme supply chain');
      expect(names(listed.get('acme-image.txt').related)).toEqual(['Acme supply chain']);
    });

    it("never shows the plugin's bookkeeping columns to admin users (media library, content manager)", async () => {
      const owner = await strapi.db.query(USER).findOne({ where: { username: { $notNull: true } }, orderBy: { id: 'asc' } });
      await strapi.db.query(USER).update({ where: { id: owner.id }, data: { extranetLastSeenAt: new Date(), extranetTokensValidAfter: new Date() } });
      await strapi.db.query(FILE).update({ where: { id: files['globex.txt'].id }, data: { extranetUploader: owner.id, extranetUploaderExternal: false } });

      const answers = [
        await app.http().get('/upload/files?pageSize=100&populate=related').set(editor),
        await app.http().get(`/upload/files/${files['globex.txt'].id}`).set(editor),
        await app.http().get('/upload/files?pageSize=100').set(root),
        await app.http().get(`${CM}/${DOC}?page=1&pageSize=100`).set(editor),
        await app.http().get(`${CM}/${DOC}?page=1&pageSize=100`).set(root),
        await app.http().get(`${CM}/${DOC}/${docs.managed.documentId}`).set(editor),
        await app.http().get(`${CM}/${USER}?page=1&pageSize=100`).set(root),
        await app.http().get(`${CM}/${USER}/${owner.documentId}`).set(root),
      ];
      for (const res of answers) {
        expect(res.status).toBe(200);
        const text = JSON.stringify(res.body);
        for (const field of HIDDEN) expect([res.req.path, text.includes(`"${field}"`)]).toEqual([res.req.path, false]);
      }
      // Still stored: hidden, not dropped.
      expect((await row(files['globex.txt'].id)).extranetUploader).toBe(owner.id);
      expect((await strapi.db.query(DOC).findOne({ where: { id: docs.managed.id } })).extranetAudience).toBe(managed.id);
      expect((await strapi.db.query(USER).findOne({ where: { id: owner.id } })).extranetLastSeenAt).toBeTruthy();
    });
  });

  describe('malformed queries through a morph relation (F6)', () => {
    it('answers 400 naming the field, never 500, for an editor and a super admin', async () => {
      for (const auth of [editor, root]) {
        for (const query of ['sort=related.title', 'sort=related', 'filters[related][id]=1', 'filters[folder][files][related][id]=1']) {
          const res = await app.http().get(`/upload/files?${query}`).set(auth);
          expect([query, res.status]).toEqual([query, 400]);
          expect(res.body.error.name).toBe('ValidationError');
          expect(res.body.error.message).toMatch(/related/);
        }
      }
    });
  });

  describe('changing files of items (F7)', () => {
    it("refuses the info, the bytes and the deletion of a file of an item the editor may not update (403): nothing changes", async () => {
      for (const name of ['acme.txt', 'acme-image.txt']) {
        const before = await row(files[name].id);
        const info = await rename(editor, before.id, 'edited-by-globex-editor.txt');
        const bytes = await adminUpload(editor, 'r.txt', 'REPLACED BY GLOBEX EDITOR', {}, `?id=${before.id}`);
        const put = await app.http().put(`/upload/files/${before.id}`).set(editor).send({ fileInfo: { name: 'x.txt' } });
        const removed = await app.http().delete(`/upload/files/${before.id}`).set(editor);
        expect([name, info.status, bytes.status, put.status, removed.status]).toEqual([name, 403, 403, 403, 403]);
        expect(await row(before.id)).toEqual(before);
        expect(bytesOf(before)).toBe(`bytes of ${name}`);
      }
    });

    it('refuses an editor who reads the item but may not update it (403), on a change and on attach: nothing changes', async () => {
      const before = await row(files['acme.txt'].id);
      const count = await fileCount();
      const info = await rename(readerAuth, before.id, 'edited-by-reader.txt');
      const attach = await adminUpload(readerAuth, 'r.txt', 'reader bytes', { ref: DOC, refId: String(docs.unmanaged.id), field: 'file' });
      expect([info.status, attach.status]).toEqual([403, 403]);
      expect(await row(before.id)).toEqual(before);
      expect(await fileCount()).toBe(count);
      expect(await relatedOf(before.id)).toEqual([`${DOC}#${docs.unmanaged.id}`]);
      // Its own workgroup's file: allowed.
      expect((await rename(readerAuth, files['globex.txt'].id, 'globex.txt')).status).toBe(200);
    });

    it('refuses a bulk delete that holds one such file, of files or of a folder: nothing is deleted', async () => {
      const folder = await app.http().post('/upload/folders').set(root).send({ name: 'Partners', parent: null });
      expect(folder.status).toBe(201);
      const moved = await app.http().post('/upload/actions/bulk-move').set(root).send({ fileIds: [files['acme.txt'].id, files['loose.txt'].id], destinationFolderId: folder.body.data.id });
      expect(moved.status).toBe(200);
      const before = await Promise.all(['loose.txt', 'acme.txt'].map((name) => row(files[name].id)));
      const byFiles = await app.http().post('/upload/actions/bulk-delete').set(editor).send({ fileIds: before.map((f) => f.id) });
      const byFolder = await app.http().post('/upload/actions/bulk-delete').set(editor).send({ folderIds: [folder.body.data.id] });
      expect([byFiles.status, byFolder.status]).toEqual([403, 403]);
      for (const file of before) {
        expect(await row(file.id)).toEqual(file);
        expect(bytesOf(file)).toBe(`bytes of ${file.name}`);
      }
      expect(await strapi.db.query('plugin::upload.folder').findOne({ where: { id: folder.body.data.id } })).toBeTruthy();
    });

    it("lets the editor change a file of its own workgroup's item, and a file attached to nothing (Strapi's RBAC)", async () => {
      for (const name of ['globex.txt', 'loose.txt']) {
        const res = await rename(editor, files[name].id, `renamed-${name}`);
        expect([name, res.status]).toEqual([name, 200]);
        expect((await row(files[name].id)).name).toBe(`renamed-${name}`);
      }
    });

    it('keeps the files of an archived workgroup read-only, for a super admin too (409): nothing changes', async () => {
      await strapi.db.query(WORKGROUP).update({ where: { id: managed.id }, data: { archived: true } });
      try {
        const before = await row(files['globex.txt'].id);
        for (const auth of [editor, root]) {
          const info = await rename(auth, before.id, 'archived-edit.txt');
          const bytes = await adminUpload(auth, 'r.txt', 'REPLACED IN AN ARCHIVED GROUP', {}, `?id=${before.id}`);
          const removed = await app.http().delete(`/upload/files/${before.id}`).set(auth);
          expect([info.status, bytes.status, removed.status]).toEqual([409, 409, 409]);
          expect(info.body.error.name).toBe('WorkgroupArchived');
          const attach = await adminUpload(auth, 'late.txt', 'late bytes', { ref: DOC, refId: String(docs.managed.id), field: 'file' });
          expect(attach.status).toBe(409);
        }
        expect(await row(before.id)).toEqual(before);
        expect(bytesOf(before)).toBe('bytes of globex.txt');
        expect(await relatedOf(before.id)).toEqual([`${DOC}#${docs.managed.id}`]);
      } finally {
        await strapi.db.query(WORKGROUP).update({ where: { id: managed.id }, data: { archived: false } });
      }
    });

    it('refuses attaching an upload to an item the editor cannot read (404, like a missing one): nothing is stored', async () => {
      for (const target of [docs.unmanaged, docs.siteWide]) {
        const count = await fileCount();
        const res = await adminUpload(editor, 'r.txt', 'editor bytes', { ref: DOC, refId: String(target.id), field: 'file' });
        const missing = await adminUpload(editor, 'r.txt', 'editor bytes', { ref: DOC, refId: '999999', field: 'file' });
        expect([res.status, missing.status]).toEqual([404, 404]);
        expect(res.body.error).toEqual(missing.body.error);
        expect(await fileCount()).toBe(count);
      }
      const onGroup = await adminUpload(editor, 'r.txt', 'editor bytes', { ref: WORKGROUP, refId: String(unmanaged.id), field: 'image' });
      expect(onGroup.status).toBe(404);
      expect(await relatedOf(files['acme-image.txt'].id)).toEqual([`${WORKGROUP}#${unmanaged.id}`]);
    });

    it('attaches an upload to an item of its own workgroup', async () => {
      const res = await adminUpload(editor, 'globex-2.txt', 'globex bytes', { ref: DOC, refId: String(docs.managed.id), field: 'file' });
      expect(res.status).toBe(201);
      expect(await relatedOf(res.body[0].id)).toEqual([`${DOC}#${docs.managed.id}`]);
    });
  });
});
