/**
 * SPEC §4 "Files" and issue 11 ("Files", "Morph relations"): every attack through HTTP, with
 * real multipart uploads written by the local provider under public/uploads. Each test asserts
 * the answer and what is stored afterwards: the file row, its bytes on disk, no orphan file.
 */
import { randomBytes } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import { startApp, type TestApp } from './helpers/strapi';
import { bearer, createTopic, createUser, createWorkgroup, type TestUser } from './helpers/factories';
import { fileUrlKeys, signFileUrl } from '../plugins/extranet/server/src/access/file-urls';

const DOC = 'api::document.document';
const FILE = 'plugin::upload.file';
const WORKGROUP = 'plugin::extranet.workgroup';
const UPLOADS = path.join(__dirname, '..', 'public', 'uploads');

const grant = async (strapi: Core.Strapi, roleType: string, action: string) => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: roleType } });
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  if (!(await permissions.findOne({ where: { action, role: role.id } }))) await permissions.create({ data: { action, role: role.id } });
};

describe('files follow the items they are attached to', () => {
  let app: TestApp;
  let strapi: Core.Strapi;
  let partner: TestUser; // external, member of acme
  let otherPartner: TestUser; // external, member of other
  let employee: TestUser; // employee in the extranet, owner of acme
  let intranetEmployee: TestUser; // employee without extranet access
  let admin: TestUser; // extranet admin
  let readToken: string;
  let fullToken: string;
  let acme: any;
  let other: any;
  let archived: any;
  const docs: Record<string, any> = {};
  /** files by name: their rows as uploaded */
  const files: Record<string, any> = {};

  /**
   * The stored files an upload named `name` could have written (Strapi names them after the upload's
   * name: `into_internal_<random>.txt`), not the whole folder: other test files of this checkout
   * upload into the same public/uploads at the same time.
   */
  const listing = (name: string) => {
    const stem = `${name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9]+/g, '_')}_`;
    return new Set(fs.readdirSync(UPLOADS).filter((file) => file.startsWith(stem)));
  };
  const bytesOf = (file: { hash: string; ext: string }) => fs.readFileSync(path.join(UPLOADS, `${file.hash}${file.ext}`), 'utf8');
  const row = (id: number) => strapi.db.query(FILE).findOne({ where: { id } });
  const rowsNamed = (name: string) => strapi.db.query(FILE).findMany({ where: { name } });
  const auth = (who: TestUser | string | null) => (who === null ? {} : typeof who === 'string' ? { Authorization: `Bearer ${who}` } : bearer(who));

  /** A real multipart upload through the content API. */
  const upload = (who: TestUser | string | null, name: string, content: string, fields: Record<string, string> = {}, contentType = 'text/plain') => {
    const req = app.http().post('/api/upload').set(auth(who));
    for (const [key, value] of Object.entries(fields)) req.field(key, value);
    return req.attach('files', Buffer.from(content), { filename: name, contentType });
  };
  const uploaded = async (who: TestUser | string | null, name: string, content: string, fields: Record<string, string> = {}, contentType = 'text/plain') => {
    const res = await upload(who, name, content, fields, contentType);
    expect(res.status).toBe(201);
    files[name] = res.body[0];
    return res.body[0];
  };
  /** Trusted code attaches a file to an item (as an editor or a seed would). */
  const attach = (documentId: string, fileId: number) => strapi.documents(DOC).update({ documentId, data: { file: fileId } as any });
  const gql = (who: TestUser | string | null, query: string, variables: Record<string, unknown> = {}) =>
    app.http().post('/graphql').set(auth(who)).send({ query, variables });
  const titles = (related: any[] | undefined) => (related ?? []).map((r) => r.title ?? r.name).sort();
  const plainUrl = (file: { hash: string; ext: string }) => `/uploads/${file.hash}${file.ext}`;
  /** GET of a served file, its body as text whatever its content type. */
  const fetchFile = (url: string) =>
    app
      .http()
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });

  beforeAll(async () => {
    app = await startApp();
    strapi = app.strapi;
    // The rule, not the role, decides: every caller may list, read and delete files.
    for (const role of ['public', 'authenticated', 'extranet']) {
      for (const action of ['plugin::upload.content-api.find', 'plugin::upload.content-api.findOne', 'plugin::upload.content-api.destroy']) {
        await grant(strapi, role, action);
      }
    }
    await grant(strapi, 'public', 'api::document.document.find');
    for (const role of ['authenticated', 'extranet']) {
      for (const action of ['plugin::extranet.workgroup.find', 'plugin::extranet.workgroup.findOne']) await grant(strapi, role, action);
    }

    partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    otherPartner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    employee = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
    intranetEmployee = await createUser(strapi, { kind: 'employee' });
    admin = await createUser(strapi, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
    const topic = await createTopic(strapi);
    acme = await createWorkgroup(strapi, { extranet: true, topic, name: 'Acme supply', members: [[employee, 'owner'], [partner, 'member']] });
    other = await createWorkgroup(strapi, { extranet: true, topic, name: 'Hidden partner group', members: [[otherPartner, 'member']] });
    archived = await createWorkgroup(strapi, { extranet: true, topic, archived: true, name: 'Archived group', members: [[employee, 'owner'], [partner, 'member']] });

    const doc = (title: string, data: Record<string, unknown>) => strapi.documents(DOC).create({ data: { title, ...data } as any });
    docs.internal = await doc('Internal salary plan', { extranet: false });
    docs.internal2 = await doc('Internal board minutes', { extranet: false });
    docs.acme = await doc('Acme price list', { extranet: true, workgroup: acme.documentId });
    docs.acme2 = await doc('Acme delivery plan', { extranet: true, workgroup: acme.documentId });
    docs.other = await doc('Other partner contract', { extranet: true, workgroup: other.documentId });
    docs.siteWide = await doc('Site-wide extranet notice', { extranet: true });
    docs.archived = await doc('Archived group report', { extranet: true, workgroup: archived.documentId });

    const tokens = strapi.service('admin::api-token') as any;
    readToken = (await tokens.create({ name: 'files read-only', type: 'read-only', lifespan: null })).accessKey;
    fullToken = (await tokens.create({ name: 'files full-access', type: 'full-access', lifespan: null })).accessKey;

    // An internal file, an Acme file, a site-wide one, another group's one, an archived group's one.
    for (const [name, documentId] of [
      ['internal.txt', docs.internal.documentId],
      ['acme.txt', docs.acme.documentId],
      ['site-wide.txt', docs.siteWide.documentId],
      ['other.txt', docs.other.documentId],
      ['archived.txt', docs.archived.documentId],
    ]) {
      const file = await uploaded(intranetEmployee, name, `bytes of ${name}`);
      await attach(documentId, file.id);
    }
  });

  afterAll(async () => {
    // Its database is its own: stop() removes every file this test uploaded, and the database.
    await app?.stop();
  });

  describe('reading files', () => {
    const listed = async (who: TestUser | string | null) => {
      const res = await app.http().get('/api/upload/files?pagination[pageSize]=100').set(auth(who));
      expect(res.status).toBe(200);
      return (res.body as any[]).map((f) => f.name).filter((n) => n in files || n.endsWith('.txt')).sort();
    };

    it('lists for each caller only the files of items it may read', async () => {
      expect(await listed(partner)).toEqual(expect.arrayContaining(['acme.txt', 'archived.txt', 'site-wide.txt']));
      expect(await listed(partner)).not.toEqual(expect.arrayContaining(['internal.txt']));
      for (const hidden of ['internal.txt', 'other.txt']) expect(await listed(partner)).not.toContain(hidden);
      expect(await listed(otherPartner)).toEqual(expect.arrayContaining(['other.txt', 'site-wide.txt']));
      for (const hidden of ['internal.txt', 'acme.txt', 'archived.txt']) expect(await listed(otherPartner)).not.toContain(hidden);
      expect(await listed(employee)).toEqual(expect.arrayContaining(['internal.txt', 'acme.txt', 'site-wide.txt', 'archived.txt']));
      expect(await listed(employee)).not.toContain('other.txt');
      for (const caller of [intranetEmployee, readToken, null]) {
        const names = await listed(caller as any);
        expect(names).toContain('internal.txt');
        for (const hidden of ['acme.txt', 'site-wide.txt', 'other.txt', 'archived.txt']) expect(names).not.toContain(hidden);
      }
      expect(await listed(admin)).toEqual(expect.arrayContaining(['internal.txt', 'acme.txt', 'site-wide.txt', 'other.txt', 'archived.txt']));
    });

    it('answers 404 for a file the caller may not read, like a missing one', async () => {
      const hidden = await app.http().get(`/api/upload/files/${files['internal.txt'].id}`).set(bearer(partner));
      const missing = await app.http().get('/api/upload/files/999999').set(bearer(partner));
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual(missing.body);
      const token = await app.http().get(`/api/upload/files/${files['acme.txt'].id}`).set(auth(readToken));
      expect(token.status).toBe(404);
      const own = await app.http().get(`/api/upload/files/${files['acme.txt'].id}`).set(bearer(partner));
      expect(own.status).toBe(200);
      expect(own.body.name).toBe('acme.txt');
    });

    it('keeps an external upload attached to nothing to its uploader and extranet admins', async () => {
      const draft = await uploaded(partner, 'partner-draft.txt', 'draft of a partner');
      const stored = await row(draft.id);
      expect(stored.extranetUploader).toBe(partner.id);
      expect(stored.extranetUploaderExternal).toBe(true);
      for (const [who, status] of [
        [partner, 200],
        [admin, 200],
        [otherPartner, 404],
        [employee, 404],
        [intranetEmployee, 404],
        [readToken, 404],
        [null, 404],
      ] as const) {
        const res = await app.http().get(`/api/upload/files/${draft.id}`).set(auth(who as any));
        expect(res.status).toBe(status);
      }
    });

    it('never shows externals an employee upload attached to nothing', async () => {
      const memo = await uploaded(employee, 'employee-memo.txt', 'memo');
      expect((await row(memo.id)).extranetUploaderExternal).toBe(false);
      expect((await app.http().get(`/api/upload/files/${memo.id}`).set(bearer(partner))).status).toBe(404);
      expect((await app.http().get(`/api/upload/files/${memo.id}`).set(bearer(intranetEmployee))).status).toBe(200);
    });

    it('scopes GraphQL uploadFiles and uploadFile', async () => {
      const res = await gql(partner, '{ uploadFiles(pagination: { limit: 100 }) { name } }');
      expect(res.body.errors).toBeUndefined();
      const names = res.body.data.uploadFiles.map((f: any) => f.name);
      expect(names).toContain('acme.txt');
      for (const hidden of ['internal.txt', 'other.txt']) expect(names).not.toContain(hidden);
      const one = await gql(partner, 'query($id: ID!) { uploadFile(id: $id) { name } }', { id: files['internal.txt'].documentId });
      expect(one.body.data?.uploadFile ?? null).toBeNull();
    });
  });

  describe('changing files (POST /api/upload?id=, DELETE, GraphQL)', () => {
    it('does not tell a partner the name or URL of a file it cannot read (empty fileInfo)', async () => {
      const before = await row(files['internal.txt'].id);
      const res = await app.http().post(`/api/upload?id=${before.id}`).set(bearer(partner)).field('fileInfo', '{}');
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('internal.txt');
      expect(await row(before.id)).toEqual(before);
    });

    it('refuses renaming: 404 when unreadable, 403 when readable but not writable, and for API tokens', async () => {
      const cases: Array<[TestUser | string, string, number]> = [
        [partner, 'internal.txt', 404],
        [partner, 'other.txt', 404],
        [partner, 'site-wide.txt', 403], // partners write into their workgroups only
        [intranetEmployee, 'acme.txt', 404],
        [fullToken, 'acme.txt', 404],
        [readToken, 'internal.txt', 403],
      ];
      for (const [who, name, status] of cases) {
        const before = await row(files[name].id);
        const res = await app.http().post(`/api/upload?id=${before.id}`).set(auth(who)).field('fileInfo', JSON.stringify({ name: 'pwned.txt' }));
        expect([name, res.status]).toEqual([name, status]);
        expect(await row(before.id)).toEqual(before);
      }
    });

    it('answers 409 for a file of an archived workgroup', async () => {
      const before = await row(files['archived.txt'].id);
      const res = await app.http().post(`/api/upload?id=${before.id}`).set(bearer(partner)).field('fileInfo', JSON.stringify({ name: 'renamed.txt' }));
      expect(res.status).toBe(409);
      expect(await row(before.id)).toEqual(before);
    });

    it('lets a member rename a file of its own workgroup', async () => {
      const file = await uploaded(partner, 'acme-notes.txt', 'notes', { ref: DOC, refId: String(docs.acme2.id), field: 'file' });
      const res = await app.http().post(`/api/upload?id=${file.id}`).set(bearer(partner)).field('fileInfo', JSON.stringify({ name: 'acme-notes-v2.txt' }));
      expect(res.status).toBe(200);
      expect((await row(file.id)).name).toBe('acme-notes-v2.txt');
    });

    it('lets a member replace the bytes of its workgroup\'s file, and records it as the uploader', async () => {
      const file = await uploaded(employee, 'acme-sheet.txt', 'employee bytes', { ref: DOC, refId: String(docs.acme2.id), field: 'file' });
      expect((await row(file.id)).extranetUploaderExternal).toBe(false);
      const res = await app
        .http()
        .post(`/api/upload?id=${file.id}`)
        .set(bearer(partner))
        .attach('files', Buffer.from('<html>partner bytes</html>'), { filename: 'sheet.html', contentType: 'text/html' });
      expect(res.status).toBe(200);
      const stored = await row(file.id);
      expect(stored.extranetUploader).toBe(partner.id);
      expect(stored.extranetUploaderExternal).toBe(true);
      expect(bytesOf(stored)).toBe('<html>partner bytes</html>');
      const served = await app.http().get(res.body.url);
      expect(served.status).toBe(200);
      expect(served.headers['content-disposition']).toBe('attachment');
    });

    it('refuses replacing bytes before a byte moves: bytes, row and folder unchanged', async () => {
      for (const [who, name, status] of [
        [partner, 'internal.txt', 404],
        [partner, 'site-wide.txt', 403],
        [fullToken, 'acme.txt', 404],
      ] as const) {
        const before = await row(files[name].id);
        const bytes = bytesOf(before);
        const listed = listing('evil.txt');
        const res = await app
          .http()
          .post(`/api/upload?id=${before.id}`)
          .set(auth(who as any))
          .attach('files', Buffer.from('<script>alert(1)</script>'), { filename: 'evil.txt', contentType: 'text/plain' });
        expect([name, res.status]).toEqual([name, status]);
        expect(await row(before.id)).toEqual(before);
        expect(bytesOf(before)).toBe(bytes);
        expect(listing('evil.txt')).toEqual(listed);
      }
    });

    it('refuses deleting: the row and the bytes stay', async () => {
      for (const [who, name, status] of [
        [partner, 'internal.txt', 404],
        [partner, 'site-wide.txt', 403],
        [otherPartner, 'acme.txt', 404],
        [readToken, 'internal.txt', 403],
        [null, 'internal.txt', 403],
      ] as const) {
        const before = await row(files[name].id);
        const res = await app.http().delete(`/api/upload/files/${before.id}`).set(auth(who as any));
        expect([name, res.status]).toEqual([name, status]);
        expect(await row(before.id)).toEqual(before);
        expect(bytesOf(before)).toBe(`bytes of ${name}`);
      }
    });

    it('refuses GraphQL updateUploadFile and deleteUploadFile', async () => {
      for (const name of ['internal.txt', 'site-wide.txt']) {
        const before = await row(files[name].id);
        const update = await gql(partner, 'mutation($id: ID!) { updateUploadFile(id: $id, info: { name: "pwned" }) { name } }', { id: before.id });
        expect(update.body.errors?.length).toBeGreaterThan(0);
        expect(JSON.stringify(update.body)).not.toContain(name);
        const remove = await gql(partner, 'mutation($id: ID!) { deleteUploadFile(id: $id) { name } }', { id: before.id });
        expect(remove.body.data?.deleteUploadFile ?? null).toBeNull();
        expect(await row(before.id)).toEqual(before);
        expect(bytesOf(before)).toBe(`bytes of ${name}`);
      }
    });

    it('lets the uploader delete its own file attached to nothing, and nobody else', async () => {
      const file = await uploaded(partner, 'to-delete.txt', 'temporary');
      const byAnother = await app.http().delete(`/api/upload/files/${file.id}`).set(bearer(otherPartner));
      expect(byAnother.status).toBe(404);
      expect(await row(file.id)).not.toBeNull();
      const res = await app.http().delete(`/api/upload/files/${file.id}`).set(bearer(partner));
      expect(res.status).toBe(200);
      expect(await row(file.id)).toBeNull();
      expect(fs.existsSync(path.join(UPLOADS, `${file.hash}${file.ext}`))).toBe(false);
    });

    it('refuses a file attached to nothing to another person who can read it (403): only its uploader changes it', async () => {
      const file = await uploaded(employee, 'employee-loose.txt', 'loose bytes');
      // Another employee reads an employee's upload attached to nothing (Strapi's behaviour), but does not own it.
      expect((await app.http().get(`/api/upload/files/${file.id}`).set(bearer(intranetEmployee))).status).toBe(200);
      const before = await row(file.id);
      const rename = await app.http().post(`/api/upload?id=${file.id}`).set(bearer(intranetEmployee)).field('fileInfo', JSON.stringify({ name: 'taken.txt' }));
      expect(rename.status).toBe(403);
      const remove = await app.http().delete(`/api/upload/files/${file.id}`).set(bearer(intranetEmployee));
      expect(remove.status).toBe(403);
      expect(await row(file.id)).toEqual(before);
      expect(bytesOf(file)).toBe('loose bytes');
      expect((await app.http().delete(`/api/upload/files/${file.id}`).set(bearer(employee))).status).toBe(200);
      expect(await row(file.id)).toBeNull();
    });
  });

  describe('attaching on upload (ref / refId / field)', () => {
    const attempt = async (who: TestUser | string, fields: Record<string, string>, status: number, name: string) => {
      const listed = listing(name);
      const res = await upload(who, name, 'partner bytes', fields);
      expect([name, res.status]).toEqual([name, status]);
      expect(await rowsNamed(name)).toHaveLength(0);
      expect(listing(name)).toEqual(listed);
      return res;
    };

    it('refuses a document the caller cannot read (404), cannot write (403) or is archived (409); no file stored', async () => {
      await attempt(partner, { ref: DOC, refId: String(docs.internal.id), field: 'file' }, 404, 'into-internal.txt');
      await attempt(partner, { ref: DOC, refId: String(docs.other.id), field: 'file' }, 404, 'into-other.txt');
      await attempt(partner, { ref: DOC, refId: String(docs.siteWide.id), field: 'file' }, 403, 'into-site-wide.txt');
      await attempt(partner, { ref: DOC, refId: String(docs.archived.id), field: 'file' }, 409, 'into-archived.txt');
      await attempt(fullToken, { ref: DOC, refId: String(docs.acme.id), field: 'file' }, 404, 'token-into-acme.txt');
      await attempt(intranetEmployee, { ref: DOC, refId: String(docs.acme.id), field: 'file' }, 404, 'intranet-into-acme.txt');
      await attempt(partner, { ref: WORKGROUP, refId: String(other.id), field: 'image' }, 404, 'into-other-group.png');
      await attempt(partner, { ref: WORKGROUP, refId: String(acme.id), field: 'image' }, 403, 'into-acme-group.png');
      const internal = await strapi.db.query(DOC).findOne({ where: { id: docs.internal.id }, populate: { file: true } });
      expect(internal.file.id).toBe(files['internal.txt'].id);
    });

    it('refuses malformed targets, naming the field', async () => {
      const res = await attempt(partner, { ref: DOC, refId: String(docs.acme.id), field: 'title' }, 400, 'bad-field.txt');
      expect(res.body.error.details.errors[0].path).toEqual(['field']);
      const byDocumentId = await attempt(partner, { ref: DOC, refId: docs.acme.documentId, field: 'file' }, 400, 'bad-ref-id.txt');
      expect(byDocumentId.body.error.details.errors[0].path).toEqual(['refId']);
      const intoMembership = await attempt(partner, { ref: 'plugin::extranet.membership', refId: '1', field: 'user' }, 400, 'bad-ref.txt');
      expect(intoMembership.body.error.details.errors[0].path).toEqual(['field']);
      // found by an outside attack: an unknown content type answered 500
      const unknownType = await attempt(partner, { ref: 'zzz', refId: '1', field: 'file' }, 400, 'unknown-ref.txt');
      expect(unknownType.body.error.details.errors[0].path).toEqual(['ref']);
    });

    it('attaches a partner upload to a document of its own workgroup', async () => {
      const file = await uploaded(partner, 'attached-on-upload.txt', 'partner bytes', { ref: DOC, refId: String(docs.acme2.id), field: 'file' });
      const stored = await strapi.db.query(DOC).findOne({ where: { id: docs.acme2.id }, populate: { file: true } });
      expect(stored.file.id).toBe(file.id);
      expect(bytesOf(file)).toBe('partner bytes');
    });
  });

  describe('temp files of uploads (issue 17: nothing is left in the server\'s temp folder)', () => {
    /**
     * koa-body writes each multipart file to the OS temp folder before Strapi sees it. Other test
     * files (jest workers, other checkouts) upload at the same time, so nothing here counts the temp
     * folder: each upload carries a random marker, and a leftover is a file with exactly its bytes.
     */
    const probe = (label: string) => Buffer.from(`${label} temp-file probe ${randomBytes(16).toString('hex')}`);
    const leftovers = (bytes: Buffer) =>
      fs.readdirSync(os.tmpdir()).filter((name) => {
        const file = path.join(os.tmpdir(), name);
        try {
          const stat = fs.lstatSync(file);
          return stat.isFile() && stat.size === bytes.length && fs.readFileSync(file).equals(bytes);
        } catch {
          return false; // another process's file, gone or unreadable meanwhile
        }
      });

    it('leaves no temp file behind a refused upload, and answers as before', async () => {
      const intoOther = probe('into another workgroup');
      const refused = await app
        .http()
        .post('/api/upload')
        .set(bearer(partner))
        .field('ref', DOC)
        .field('refId', String(docs.other.id))
        .field('field', 'file')
        .attach('files', intoOther, { filename: 'temp-into-other.txt', contentType: 'text/plain' });
      expect(refused.status).toBe(404);
      expect(await rowsNamed('temp-into-other.txt')).toHaveLength(0);
      expect(leftovers(intoOther)).toEqual([]);

      const replaceBytes = probe('replacing a site-wide file');
      const before = await row(files['site-wide.txt'].id);
      const replace = await app
        .http()
        .post(`/api/upload?id=${before.id}`)
        .set(bearer(partner))
        .attach('files', replaceBytes, { filename: 'temp-replace.txt', contentType: 'text/plain' });
      expect(replace.status).toBe(403);
      expect(await row(before.id)).toEqual(before);
      expect(leftovers(replaceBytes)).toEqual([]);
    });

    it('leaves no temp file behind a successful upload, whatever the fields its files are sent under', async () => {
      const [first, second, extra] = [probe('first of files'), probe('second of files'), probe('another field')];
      const res = await app
        .http()
        .post('/api/upload')
        .set(bearer(partner))
        .attach('files', first, { filename: 'temp-first.txt', contentType: 'text/plain' })
        .attach('files', second, { filename: 'temp-second.txt', contentType: 'text/plain' })
        .attach('files.attachment', extra, { filename: 'temp-extra.txt', contentType: 'text/plain' });
      expect(res.status).toBe(201);
      expect(res.body.map((f: any) => f.name).sort()).toEqual(['temp-first.txt', 'temp-second.txt']);
      // The provider has every byte: the temp files were not removed under it.
      for (const [name, bytes] of [['temp-first.txt', first], ['temp-second.txt', second]] as const) {
        const file = res.body.find((f: any) => f.name === name);
        expect(fs.readFileSync(path.join(UPLOADS, `${file.hash}${file.ext}`)).equals(bytes)).toBe(true);
      }
      for (const bytes of [first, second, extra]) expect(leftovers(bytes)).toEqual([]);
    });
  });

  describe('media fields in document writes', () => {
    const partnerDoc = async (file: unknown) =>
      app.http().post('/api/documents').set(bearer(partner)).send({ data: { title: `Takes ${JSON.stringify(file)}`, workgroup: acme.documentId, file } });

    it('refuses taking a file the caller cannot read into its own document, in every spelling', async () => {
      const internal = files['internal.txt'];
      for (const spelling of [internal.id, String(internal.id), { id: internal.id }, [internal.id], { set: [internal.id] }, { connect: [{ id: internal.id }] }, internal.documentId]) {
        const res = await partnerDoc(spelling);

        expect([JSON.stringify(spelling), res.status]).toEqual([JSON.stringify(spelling), 400]);
        expect(res.body.error.details.errors[0].path).toEqual(['file']);
        expect(await strapi.db.query(DOC).findMany({ where: { title: `Takes ${JSON.stringify(spelling)}` } })).toHaveLength(0);
      }
      const stored = await strapi.db.query(FILE).findOne({ where: { id: internal.id }, populate: { related: true } });
      expect(stored.related.map((r: any) => r.id)).toEqual([docs.internal.id]);
    });

    it('refuses it on update too, and through GraphQL; the stored file is unchanged', async () => {
      const res = await app.http().put(`/api/documents/${docs.acme.documentId}`).set(bearer(partner)).send({ data: { file: files['other.txt'].id } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['file']);
      const stored = await strapi.db.query(DOC).findOne({ where: { id: docs.acme.id }, populate: { file: true } });
      expect(stored.file.id).toBe(files['acme.txt'].id);

      const gres = await gql(partner, 'mutation($data: DocumentInput!) { createDocument(data: $data) { documentId } }', {
        data: { title: 'GraphQL takes a file', workgroup: acme.documentId, file: files['internal.txt'].id },
      });
      expect(gres.body.errors?.length).toBeGreaterThan(0);
      expect(await strapi.db.query(DOC).findMany({ where: { title: 'GraphQL takes a file' } })).toHaveLength(0);
    });

    it('refuses an employee outside the extranet taking a partner file into an intranet document', async () => {
      const res = await app.http().put(`/api/documents/${docs.internal2.documentId}`).set(bearer(intranetEmployee)).send({ data: { file: files['acme.txt'].id } });
      expect(res.status).toBe(400);
      const stored = await strapi.db.query(DOC).findOne({ where: { id: docs.internal2.id }, populate: { file: true } });
      expect(stored.file).toBeNull();
    });

    it('lets a partner attach its own upload, and keeps a file already attached', async () => {
      const own = await uploaded(partner, 'own-upload.txt', 'mine');
      const res = await app
        .http()
        .post('/api/documents?populate=file')
        .set(bearer(partner))
        .send({ data: { title: 'Takes its own upload', workgroup: acme.documentId, file: own.id } });
      expect(res.status).toBe(201);
      // Signed in the write's own answer, although the attachment is not committed yet then.
      expect(res.body.data.file.url).toMatch(/\?expires=\d+&signature=/);
      expect((await fetchFile(res.body.data.file.url)).body).toBe('mine');
      const stored = await strapi.db.query(DOC).findOne({ where: { documentId: res.body.data.documentId }, populate: { file: true } });
      expect(stored.file.id).toBe(own.id);
      const edit = await app.http().put(`/api/documents/${res.body.data.documentId}`).set(bearer(partner)).send({ data: { title: 'Own upload, renamed' } });
      expect(edit.status).toBe(200);
    });
  });

  describe('bytes: signed URLs and downloads', () => {
    const get = (url: string) => app.http().get(url);

    it('closes the plain URL of a file of extranet content; its signed URL serves it', async () => {
      const acmeFile = files['acme.txt'];
      const missing = await get('/uploads/no_such_file_0123456789.txt');
      const plain = await get(plainUrl(acmeFile));
      expect(plain.status).toBe(404);
      expect(plain.status).toBe(missing.status);
      expect(plain.text).toBe(missing.text);

      const answer = await app.http().get(`/api/upload/files/${acmeFile.id}`).set(bearer(partner));
      expect(answer.body.url).toMatch(/^\/uploads\/[^?]+\?expires=\d+&signature=[\w-]+$/);
      const signed = await get(answer.body.url);
      expect(signed.status).toBe(200);
      expect(signed.text).toBe('bytes of acme.txt');
      expect(signed.headers['cache-control']).toContain('private');
    });

    it('refuses a tampered, an expired or another file\'s signature, and every spelling of the path', async () => {
      const acmeFile = files['acme.txt'];
      const { url } = (await app.http().get(`/api/upload/files/${acmeFile.id}`).set(bearer(partner))).body;
      const query = url.slice(url.indexOf('?'));
      const keys = fileUrlKeys((process.env.APP_KEYS as string).split(','));
      const expired = signFileUrl(plainUrl(acmeFile), Math.floor(Date.now() / 1000) - 5, keys);
      const valid = signFileUrl(plainUrl(acmeFile), Math.floor(Date.now() / 1000) + 60, keys);
      expect((await get(valid)).status).toBe(200);
      // Any node holding the app's keys signs alike; the second key of a rotation still verifies.
      const [, secondKey] = fileUrlKeys((process.env.APP_KEYS as string).split(','));
      expect((await get(signFileUrl(plainUrl(acmeFile), Math.floor(Date.now() / 1000) + 60, [secondKey]))).status).toBe(200);
      const foreign = signFileUrl(plainUrl(acmeFile), Math.floor(Date.now() / 1000) + 60, fileUrlKeys(['another-app']));
      for (const attempt of [
        `${plainUrl(acmeFile)}${query.replace(/signature=./, 'signature=A')}`,
        `${plainUrl(acmeFile)}${query.replace(/expires=\d+/, 'expires=9999999999')}`,
        expired,
        foreign,
        `${plainUrl(files['other.txt'])}${query}`,
        `/favicon.ico/..${plainUrl(acmeFile)}`,
        `/%75ploads/${acmeFile.hash}${acmeFile.ext}`,
        `/uploads//${acmeFile.hash}${acmeFile.ext}`,
        `/UPLOADS/${acmeFile.hash}${acmeFile.ext}`,
      ]) {
        const res = await get(attempt);
        expect([attempt, res.status]).toEqual([attempt, 404]);
      }
    });

    it('keeps Strapi\'s plain URL for intranet files, and closes it once the file is attached to extranet content', async () => {
      const file = await uploaded(employee, 'moves-to-extranet.txt', 'intranet first');
      await attach(docs.internal2.documentId, file.id);
      const intranet = await get(plainUrl(file));
      expect(intranet.status).toBe(200);
      expect(intranet.text).toBe('intranet first');
      const answer = await app.http().get(`/api/upload/files/${file.id}`).set(bearer(employee));
      expect(answer.body.url).toBe(plainUrl(file));

      await strapi.documents(DOC).update({ documentId: docs.siteWide.documentId, data: { file: file.id } as any });
      expect((await get(plainUrl(file))).status).toBe(404);
      await strapi.documents(DOC).update({ documentId: docs.siteWide.documentId, data: { file: files['site-wide.txt'].id } as any });
      expect((await get(plainUrl(file))).status).toBe(200);
    });

    it('hands signed URLs in document answers, REST and GraphQL', async () => {
      const rest = await app.http().get(`/api/documents/${docs.acme.documentId}?populate=file`).set(bearer(partner));
      expect(rest.body.data.file.url).toMatch(/\?expires=\d+&signature=/);
      expect((await get(rest.body.data.file.url)).status).toBe(200);
      const graph = await gql(partner, 'query($id: ID!) { document(documentId: $id) { file { url } } }', { id: docs.acme.documentId });
      expect(graph.body.data.document.file.url).toMatch(/\?expires=\d+&signature=/);
    });

    it('serves what a browser would run, uploaded by a partner, as a download on both paths', async () => {
      for (const [name, type, content] of [
        ['page.html', 'text/html', '<html><script>alert(document.cookie)</script></html>'],
        ['drawing.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
        ['code.js', 'application/javascript', 'alert(1)'],
        ['data.xml', 'application/xml', '<?xml version="1.0"?><a/>'],
      ]) {
        const file = await uploaded(partner, name, content, {}, type);
        expect((await get(plainUrl(file))).status).toBe(404);
        const signed = await get(file.url);
        expect([name, signed.status]).toEqual([name, 200]);
        expect(signed.headers['content-disposition']).toBe('attachment');
        expect(signed.headers['x-content-type-options']).toBe('nosniff');
        expect(signed.headers['content-type']).toBe('application/octet-stream');
        expect(fs.readFileSync(path.join(UPLOADS, `${file.hash}${file.ext}`), 'utf8')).toBe(content);
      }
      // Once an editor attaches it to intranet content its plain URL opens, still as a download.
      const page = files['page.html'];
      await attach(docs.internal2.documentId, page.id);
      const plain = await get(plainUrl(page));
      expect(plain.status).toBe(200);
      expect(plain.headers['content-disposition']).toBe('attachment');
      expect(plain.headers['x-content-type-options']).toBe('nosniff');
    });

    it('shows an image a partner uploaded, with nosniff', async () => {
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
      const res = await app.http().post('/api/upload').set(bearer(partner)).attach('files', png, { filename: 'pixel.png', contentType: 'image/png' });
      expect(res.status).toBe(201);
      files['pixel.png'] = res.body[0];
      const signed = await get(res.body[0].url);
      expect(signed.status).toBe(200);
      expect(signed.headers['content-disposition']).toBeUndefined();
      expect(signed.headers['content-type']).toBe('image/png');
      expect(signed.headers['x-content-type-options']).toBe('nosniff');
    });

    it('signs the formats of an image (thumbnail...) and closes their plain URLs', async () => {
      const image = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c00' } }).png().toBuffer();
      const res = await app
        .http()
        .post('/api/upload')
        .set(bearer(partner))
        .field('ref', DOC)
        .field('refId', String(docs.acme.id))
        .field('field', 'file')
        .attach('files', image, { filename: 'chart.png', contentType: 'image/png' });
      expect(res.status).toBe(201);
      const file = res.body[0];
      files['chart.png'] = file;
      const thumbnail = file.formats?.thumbnail;
      expect(thumbnail.url).toMatch(/^\/uploads\/thumbnail_[^?]+\?expires=\d+&signature=/);
      expect((await get(thumbnail.url)).status).toBe(200);
      expect((await get(thumbnail.url.replace(/\?.*$/, ''))).status).toBe(404);
      expect((await get(`${thumbnail.url.replace(/\?.*$/, '')}${file.url.slice(file.url.indexOf('?'))}`)).status).toBe(404);
    });
  });

  describe('morph relations (a file\'s related)', () => {
    let shared: any;

    beforeAll(async () => {
      // One file on a readable document, an internal one, another group's one and two workgroups.
      shared = await uploaded(intranetEmployee, 'shared.txt', 'shared bytes');
      await strapi.db.query(FILE).update({
        where: { id: shared.id },
        data: {
          related: [
            { id: docs.acme2.id, __type: DOC, __pivot: { field: 'file' } },
            { id: docs.internal.id, __type: DOC, __pivot: { field: 'file' } },
            { id: docs.other.id, __type: DOC, __pivot: { field: 'file' } },
            { id: acme.id, __type: WORKGROUP, __pivot: { field: 'image' } },
            { id: other.id, __type: WORKGROUP, __pivot: { field: 'image' } },
          ],
        },
      });
    });

    it('populate[file][populate][related] on a readable document shows only readable items', async () => {
      const res = await app.http().get(`/api/documents/${docs.acme2.documentId}?populate[file][populate][related]=true`).set(bearer(partner));
      expect(res.status).toBe(200);
      const related = res.body.data.file.related;
      expect(titles(related)).toEqual(['Acme delivery plan', 'Acme supply']);
      expect(JSON.stringify(res.body)).not.toMatch(/Internal salary|Other partner|Hidden partner/);
    });

    it('populate[image][populate][related] on a workgroup hides internal items and hidden workgroups', async () => {
      const res = await app
        .http()
        .get(`/api/extranet/workgroups/${acme.documentId}?populate[image][populate][related]=true`)
        .set(bearer(partner));
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(/Internal salary|Other partner|Hidden partner/);
      expect(titles(res.body.data.image.related)).toEqual(expect.arrayContaining(['Acme delivery plan']));
    });

    it('/api/upload/files?populate=related shows an API token, a partner and an employee only what they may read', async () => {
      for (const [who, visible, hidden] of [
        [readToken, ['Internal salary plan'], /Acme|Other partner|Hidden partner/],
        [partner, ['Acme delivery plan', 'Acme supply'], /Internal salary|Other partner|Hidden partner/],
        [employee, ['Acme delivery plan', 'Acme supply', 'Internal salary plan'], /Other partner|Hidden partner/],
        [null, ['Internal salary plan'], /Acme|Other partner|Hidden partner/],
      ] as const) {
        const res = await app.http().get(`/api/upload/files/${shared.id}?populate=related`).set(auth(who as any));
        expect(res.status).toBe(200);
        expect(titles(res.body.related)).toEqual([...visible].sort());
        expect(JSON.stringify(res.body)).not.toMatch(hidden);
        const list = await app.http().get('/api/upload/files?populate=related&pagination[pageSize]=100').set(auth(who as any));
        expect(JSON.stringify(list.body)).not.toMatch(hidden);
      }
    });

    it('sorts and filters documents by their file, which is theirs', async () => {
      const sorted = await app.http().get('/api/documents?sort=file.name&filters[file][name][$eq]=shared.txt').set(bearer(partner));
      expect(sorted.status).toBe(200);
      expect(sorted.body.data.map((d: any) => d.title)).toEqual(['Acme delivery plan']);
    });

    it('refuses counting, filtering and sorting through related', async () => {
      for (const query of ['populate[related][count]=true', 'filters[related][title][$eq]=Internal%20salary%20plan', 'sort=related.title']) {
        const res = await app.http().get(`/api/upload/files?${query}`).set(auth(readToken));
        expect([query, res.status]).toEqual([query, 400]);
      }
    });

    it('GraphQL uploadFiles { related } reveals no unreadable item', async () => {
      // Strapi 5.54's resolver of UploadFile.related fails on its own ("Missing schema"): whatever
      // it answers, no hidden title or workgroup name may be in it.
      const query = '{ uploadFiles(pagination: { limit: 100 }) { name related { __typename ... on Document { title } ... on ExtranetWorkgroup { name } } } }';
      const res = await gql(partner, query);
      expect(res.body.data.uploadFiles.map((f: any) => f.name)).toContain('shared.txt');
      expect(JSON.stringify(res.body)).not.toMatch(/Internal salary|Other partner|Hidden partner/);
      const token = await gql(readToken, query);
      expect(JSON.stringify(token.body)).not.toMatch(/Acme|Other partner|Hidden partner/);
    });
  });
});
