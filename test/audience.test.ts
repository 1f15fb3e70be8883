/**
 * The audience column (access/audience.ts): what the read door scopes with. It is the plugin's
 * alone: a payload naming it changes nothing, it is right after every create, update, move,
 * publish and workgroup deletion, and the bootstrap backfill repairs rows written around the
 * plugin. Every check reads the stored rows.
 */
import { removeTempDb, removeUploads, startApp, tempDbFile, type TestApp } from './helpers/strapi';
import { bearer, createItem, createUser, createWorkgroup, type TestUser } from './helpers/factories';
import { backfillAudiences } from '../plugins/extranet/server/src/access/audience';
import { itemAudience, workgroupAudience } from '../plugins/extranet/server/src/access/rule';

const DOC = 'api::document.document';
const POST = 'api::post.post';
const ACTIVITY = 'plugin::extranet.activity';
const governance = () => ({ scoped: (app.strapi.config.get('plugin::extranet') as any).scoped });

let app: TestApp;

/** Every stored row of `uid` with its audience and what it should be. */
const storedAudiences = async (uid: string) => {
  const rows: any[] = await app.strapi.db.query(uid as any).findMany({
    select: ['id', 'documentId', 'extranet', 'extranetAudience', 'publishedAt'],
    populate: { workgroup: { select: ['id', 'extranet'] } },
  });
  return rows.map((r) => ({
    id: r.id,
    documentId: r.documentId,
    publishedAt: r.publishedAt,
    stored: r.extranetAudience,
    wanted:
      uid === ACTIVITY
        ? workgroupAudience(r.workgroup ? { id: r.workgroup.id, extranet: r.workgroup.extranet } : null)
        : itemAudience({ extranet: r.extranet, workgroupId: r.workgroup?.id ?? null }),
  }));
};
const expectAllRight = async () => {
  for (const uid of [DOC, POST, ACTIVITY]) {
    const rows = await storedAudiences(uid);
    expect(rows.filter((r) => r.stored !== r.wanted)).toEqual([]);
  }
};
const audienceOf = async (uid: string, documentId: string) =>
  (await storedAudiences(uid)).filter((r) => r.documentId === documentId).map((r) => r.stored);

describe('the audience column', () => {
  let partner: TestUser;
  let employee: TestUser;
  let extranetGroup: any;
  let otherGroup: any;
  let intranetGroup: any;

  beforeAll(async () => {
    // A database of the file's own: the backfill test restarts the app on it.
    app = await startApp({ dbFile: tempDbFile() });
    const s = app.strapi;
    partner = await createUser(s, { kind: 'external', groups: ['extranet-users'] });
    employee = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    extranetGroup = await createWorkgroup(s, { extranet: true, members: [[employee, 'owner'], [partner, 'member']] });
    otherGroup = await createWorkgroup(s, { extranet: true, members: [[employee, 'owner']] });
    intranetGroup = await createWorkgroup(s, { extranet: false, members: [[employee, 'owner']] });
  });
  afterAll(async () => {
    if (app) await removeUploads(app.strapi);
    await app?.stop();
    if (app) removeTempDb(app.dbFile);
  });

  it('follows the row on create: its workgroup, site-wide extranet, intranet', async () => {
    const inGroup = await createItem(app.strapi, DOC, { workgroup: extranetGroup.documentId, extranet: true });
    const siteWide = await createItem(app.strapi, DOC, { extranet: true });
    const intranet = await createItem(app.strapi, DOC, { workgroup: intranetGroup.documentId, extranet: false });
    expect(await audienceOf(DOC, inGroup.documentId)).toEqual([extranetGroup.id]);
    expect(await audienceOf(DOC, siteWide.documentId)).toEqual([-1]);
    expect(await audienceOf(DOC, intranet.documentId)).toEqual([0]);
    await expectAllRight();
  });

  it('cannot be set by a payload, through REST or by server code', async () => {
    // REST: the field is not writable; whatever Strapi answers, nothing stores the caller's value.
    const res = await app
      .http()
      .post('/api/documents')
      .set(bearer(partner))
      .send({ data: { title: 'Spoof over REST', workgroup: extranetGroup.documentId, extranetAudience: -1 } });
    expect([201, 400]).toContain(res.status);
    const spoofed: any[] = await app.strapi.db.query(DOC).findMany({ select: ['extranetAudience'], where: { title: 'Spoof over REST' } });
    if (res.status === 201) {
      expect(res.body.data).not.toHaveProperty('extranetAudience');
      expect(spoofed.map((r) => r.extranetAudience)).toEqual([extranetGroup.id]);
    } else {
      expect(res.body.error.message).toMatch(/extranetAudience/);
      expect(spoofed).toEqual([]);
    }
    // Server code naming it (trusted, so nothing strips it): recomputed in the same transaction.
    const planted = await createItem(app.strapi, DOC, { workgroup: otherGroup.documentId, extranet: true, extranetAudience: -1 });
    expect(await audienceOf(DOC, planted.documentId)).toEqual([otherGroup.id]);
    // The partner is not in otherGroup: a -1 would have shown it the item.
    const list = await app.http().get('/api/documents').query({ 'filters[documentId][$eq]': planted.documentId }).set(bearer(partner));
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([]);
    await app.strapi.documents(DOC as any).update({ documentId: planted.documentId, data: { extranetAudience: 0 } as any });
    expect(await audienceOf(DOC, planted.documentId)).toEqual([otherGroup.id]);
    await expectAllRight();
  });

  it('is never shown, nor filterable, over REST or GraphQL', async () => {
    const doc = await createItem(app.strapi, DOC, { workgroup: extranetGroup.documentId, extranet: true });
    const one = await app.http().get(`/api/documents/${doc.documentId}`).set(bearer(employee));
    expect(one.status).toBe(200);
    expect(one.body.data).not.toHaveProperty('extranetAudience');
    const filtered = await app.http().get('/api/documents').query({ 'filters[extranetAudience][$eq]': -1 }).set(bearer(partner));
    expect(filtered.status).toBe(400);
    const gql = await app
      .http()
      .post('/graphql')
      .set(bearer(employee))
      .send({ query: '{ documents { documentId extranetAudience } }' });
    expect(gql.body.errors?.[0]?.message).toMatch(/extranetAudience/);
  });

  it('follows moves over REST: into another group, to intranet, to site-wide', async () => {
    const created = await app
      .http()
      .post('/api/documents')
      .set(bearer(employee))
      .send({ data: { title: 'Moving', workgroup: extranetGroup.documentId } });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    expect(await audienceOf(DOC, documentId)).toEqual([extranetGroup.id]);
    const put = (data: object) => app.http().put(`/api/documents/${documentId}`).set(bearer(employee)).send({ data });
    expect((await put({ workgroup: otherGroup.documentId })).status).toBe(200);
    expect(await audienceOf(DOC, documentId)).toEqual([otherGroup.id]);
    expect((await put({ workgroup: intranetGroup.documentId, extranet: false })).status).toBe(200);
    expect(await audienceOf(DOC, documentId)).toEqual([0]);
    expect((await put({ workgroup: null, extranet: true })).status).toBe(200);
    expect(await audienceOf(DOC, documentId)).toEqual([-1]);
    // A refused write rolls the audience back with everything else.
    expect((await put({ workgroup: extranetGroup.documentId, extranet: false })).status).toBe(400);
    expect(await audienceOf(DOC, documentId)).toEqual([-1]);
    await expectAllRight();
  });

  it('is right on both rows of a published document (draft & publish)', async () => {
    const post = await createItem(app.strapi, POST, { workgroup: extranetGroup.documentId, extranet: true }, { status: 'published' });
    expect(await audienceOf(POST, post.documentId)).toEqual([extranetGroup.id, extranetGroup.id]);
    // The draft moves; the published row keeps what was published until the next publish.
    await app.strapi.documents(POST as any).update({ documentId: post.documentId, data: { workgroup: intranetGroup.documentId, extranet: false } as any });
    const rows = (await storedAudiences(POST)).filter((r) => r.documentId === post.documentId);
    expect(rows.find((r) => !r.publishedAt)?.stored).toBe(0);
    expect(rows.find((r) => r.publishedAt)?.stored).toBe(extranetGroup.id);
    await app.strapi.documents(POST as any).publish({ documentId: post.documentId });
    expect(await audienceOf(POST, post.documentId)).toEqual([0, 0]);
    await expectAllRight();
  });

  it('carries the workgroup audience on activity, and goes with the workgroup when it is deleted', async () => {
    const doomed = await createWorkgroup(app.strapi, { extranet: true, members: [[employee, 'owner']] });
    const created = await app
      .http()
      .post('/api/documents')
      .set(bearer(employee))
      .send({ data: { title: 'Doomed item', workgroup: doomed.documentId } });
    expect(created.status).toBe(201);
    const activity = (await storedAudiences(ACTIVITY)).filter((r) => r.stored === doomed.id);
    expect(activity.length).toBeGreaterThan(0);
    const intranetActivity = await app.strapi.db.query(ACTIVITY).findMany({ select: ['extranetAudience'], where: { workgroup: { id: intranetGroup.id } } });
    expect(intranetActivity.every((a: any) => a.extranetAudience === 0)).toBe(true);

    const res = await app.http().delete(`/api/extranet/workgroups/${doomed.documentId}`).set(bearer(employee));
    expect(res.status).toBeLessThan(300);
    for (const uid of [DOC, POST, ACTIVITY]) {
      expect((await storedAudiences(uid)).filter((r) => r.stored === doomed.id)).toEqual([]);
    }
    expect(await app.strapi.db.query(DOC).count({ where: { title: 'Doomed item' } })).toBe(0);
    await expectAllRight();
  });

  it('is backfilled at bootstrap, idempotently', async () => {
    // Rows written around the plugin: no audience, a wrong one, a flag changed by hand.
    const a = await createItem(app.strapi, DOC, { workgroup: extranetGroup.documentId, extranet: true });
    const b = await createItem(app.strapi, DOC, { extranet: true });
    const knex = app.strapi.db.connection;
    await knex('documents').where({ document_id: a.documentId }).update({ extranet_audience: null });
    await knex('documents').where({ document_id: b.documentId }).update({ extranet: false });
    await knex('extranet_activities').update({ extranet_audience: 12345 });
    const dbFile = app.dbFile;
    await app.stop();
    app = await startApp({ dbFile });
    expect(await audienceOf(DOC, a.documentId)).toEqual([extranetGroup.id]);
    expect(await audienceOf(DOC, b.documentId)).toEqual([0]);
    await expectAllRight();
    // A second run finds nothing to change.
    const changed = await backfillAudiences(app.strapi, governance());
    expect(Object.values(changed).every((n) => n === 0)).toBe(true);
    expect(Object.keys(changed)).toEqual(expect.arrayContaining([DOC, POST, ACTIVITY]));
    // And the read door scopes with the repaired values: the partner sees `a`, not `b` (now intranet).
    partner = { ...partner, jwt: app.strapi.plugin('users-permissions').service('jwt').issue({ id: partner.id }) };
    const seen = await app.http().get('/api/documents').query({ 'filters[documentId][$in][0]': a.documentId, 'filters[documentId][$in][1]': b.documentId }).set(bearer(partner));
    expect(seen.status).toBe(200);
    expect(seen.body.data.map((d: any) => d.documentId)).toEqual([a.documentId]);
  });
});

