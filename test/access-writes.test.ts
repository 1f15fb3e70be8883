import { startApp, type TestApp } from './helpers/strapi';
import { addMember, bearer, createItem, createUser, createWorkgroup, roleId, type TestUser } from './helpers/factories';

const DOC = 'api::document.document';

describe('writes through REST obey the rule', () => {
  let app: TestApp;
  let partner: TestUser;
  let otherPartner: TestUser;
  let employee: TestUser;
  let admin: TestUser;
  let mine: any;
  let theirs: any;
  let intranetGroup: any;
  let archived: any;

  const rowsTitled = (title: string) => app.strapi.db.query(DOC).findMany({ where: { title } });
  const stored = (documentId: string) =>
    app.strapi.db.query(DOC).findOne({ where: { documentId }, populate: { workgroup: true } });

  beforeAll(async () => {
    app = await startApp();
    const s = app.strapi;
    partner = await createUser(s, { kind: 'external', groups: ['extranet-users'] });
    otherPartner = await createUser(s, { kind: 'external', groups: ['extranet-users'] });
    employee = await createUser(s, { kind: 'employee', groups: ['extranet-users'] });
    admin = await createUser(s, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
    mine = await createWorkgroup(s, { extranet: true, members: [[employee, 'owner'], [partner, 'member']] });
    theirs = await createWorkgroup(s, { extranet: true, members: [[otherPartner, 'member']] });
    intranetGroup = await createWorkgroup(s, { extranet: false, members: [[employee, 'owner']] });
    archived = await createWorkgroup(s, { extranet: true, archived: true, members: [[employee, 'owner'], [partner, 'member']] });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const post = (user: TestUser, path: string, data: object) => app.http().post(path).set(bearer(user)).send({ data });
  const put = (user: TestUser, path: string, data: object) => app.http().put(path).set(bearer(user)).send({ data });

  it('lets a partner write into its workgroup, and marks the item extranet', async () => {
    const res = await post(partner, '/api/documents', { title: 'Partner draft', workgroup: mine.documentId });
    expect(res.status).toBe(201);
    expect(res.body.data.extranet).toBe(true);
    expect((await stored(res.body.data.documentId)).workgroup.documentId).toBe(mine.documentId);
  });

  it('refuses a partner writing intranet content, naming the field, and writes nothing', async () => {
    const res = await post(partner, '/api/documents', { title: 'Leak attempt 1', extranet: false, workgroup: mine.documentId });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['extranet']);
    expect(await rowsTitled('Leak attempt 1')).toHaveLength(0);
  });

  it('requires a partner to put its items in one of its workgroups', async () => {
    const res = await post(partner, '/api/documents', { title: 'Site-wide by a partner' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['workgroup']);
    expect(await rowsTitled('Site-wide by a partner')).toHaveLength(0);
  });

  it.each([
    ['a documentId', (wg: any) => wg.documentId],
    ['a numeric id', (wg: any) => wg.id],
    ['connect', (wg: any) => ({ connect: [{ documentId: wg.documentId }] })],
    ['connect by id', (wg: any) => ({ connect: [wg.id] })],
    ['set', (wg: any) => ({ set: [{ documentId: wg.documentId }] })],
    ['an object', (wg: any) => ({ documentId: wg.documentId })],
  ])('refuses to create into a workgroup the caller cannot read, given as %s', async (_shape, ref) => {
    const title = `Planted ${_shape}`;
    const res = await post(partner, '/api/documents', { title, workgroup: ref(theirs) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['workgroup']);
    expect(await rowsTitled(title)).toHaveLength(0);
  });

  it.each([
    ['a documentId', (wg: any) => wg.documentId],
    ['connect', (wg: any) => ({ connect: [{ documentId: wg.documentId }] })],
    ['set by id', (wg: any) => ({ set: [wg.id] })],
  ])('refuses to move an item into a workgroup the caller cannot read, given as %s', async (_shape, ref) => {
    const doc = await createItem(app.strapi, DOC, { workgroup: mine.documentId, extranet: true });
    const res = await put(partner, `/api/documents/${doc.documentId}`, { workgroup: ref(theirs) });
    expect(res.status).toBe(400);
    expect((await stored(doc.documentId)).workgroup.documentId).toBe(mine.documentId);
  });

  it('refuses to move an item into a workgroup of the other site (the invariant)', async () => {
    const doc = await createItem(app.strapi, DOC, { workgroup: mine.documentId, extranet: true });
    const res = await put(employee, `/api/documents/${doc.documentId}`, { workgroup: intranetGroup.documentId });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['extranet']);
    const flip = await put(employee, `/api/documents/${doc.documentId}`, { extranet: false });
    expect(flip.status).toBe(400);
    const after = await stored(doc.documentId);
    expect(after.extranet).toBe(true);
    expect(after.workgroup.documentId).toBe(mine.documentId);
  });

  it('answers 404 to updates and deletes of items the caller cannot read, and changes nothing', async () => {
    const doc = await createItem(app.strapi, DOC, { title: 'Their plan', workgroup: theirs.documentId, extranet: true });
    expect((await put(partner, `/api/documents/${doc.documentId}`, { title: 'Overwritten' })).status).toBe(404);
    expect((await app.http().delete(`/api/documents/${doc.documentId}`).set(bearer(employee))).status).toBe(404);
    expect((await stored(doc.documentId)).title).toBe('Their plan');
  });

  it('answers 404 to publishing a post the caller cannot read', async () => {
    const draft = await createItem(app.strapi, 'api::post.post', { title: 'Unpublished news', workgroup: theirs.documentId, extranet: true });
    const res = await put(partner, `/api/posts/${draft.documentId}?status=published`, { title: 'Published by a stranger' });
    expect(res.status).toBe(404);
    const rows = await app.strapi.db.query('api::post.post').findMany({ where: { documentId: draft.documentId } });
    expect(rows).toHaveLength(1);
    expect(rows[0].publishedAt).toBeNull();
    expect(rows[0].title).toBe('Unpublished news');
  });

  it('makes an archived workgroup read-only for members, not for extranet admins', async () => {
    const doc = await createItem(app.strapi, DOC, { title: 'Archived charter', workgroup: archived.documentId, extranet: true });
    const read = await app.http().get(`/api/documents/${doc.documentId}`).set(bearer(partner));
    expect(read.status).toBe(200);
    const update = await put(partner, `/api/documents/${doc.documentId}`, { title: 'Changed' });
    expect(update.status).toBe(409);
    expect(update.body.error.name).toBe('WorkgroupArchived');
    const create = await post(employee, '/api/documents', { title: 'Into the archive', workgroup: archived.documentId });
    expect(create.status).toBe(409);
    expect(await rowsTitled('Into the archive')).toHaveLength(0);
    const del = await app.http().delete(`/api/documents/${doc.documentId}`).set(bearer(employee));
    expect(del.status).toBe(409);
    expect((await put(admin, `/api/documents/${doc.documentId}`, { title: 'Fixed by the admin' })).status).toBe(200);
  });

  it('sets the author of a ticket to the caller and keeps it there', async () => {
    const res = await post(partner, '/api/tickets', { subject: 'Invoice missing' });
    expect(res.status).toBe(201);
    expect(res.body.data.extranet).toBe(true);
    const row = await app.strapi.db.query('api::ticket.ticket').findOne({ where: { documentId: res.body.data.documentId }, populate: ['author'] });
    expect(row.author.id).toBe(partner.id);
    const forged = await post(partner, '/api/tickets', { subject: 'Forged', author: otherPartner.id });
    expect(forged.status).toBe(400);
    expect((await app.http().get(`/api/tickets/${res.body.data.documentId}`).set(bearer(otherPartner))).status).toBe(404);
  });

  it('never lets a partner write internal content, whatever its role allows', async () => {
    const extranet = await roleId(app.strapi, 'extranet');
    await app.strapi.db.query('plugin::users-permissions.permission').create({
      data: { action: 'api::announcement.announcement.create', role: extranet },
    });
    const res = await post(partner, '/api/announcements', { title: 'Partner news' });
    expect(res.status).toBe(403);
    expect(await app.strapi.db.query('api::announcement.announcement').count({ where: { title: 'Partner news' } })).toBe(0);
  });
});

describe('revocation takes effect on the next request with the same JWT', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const setup = async () => {
    const partner = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
    const workgroup = await createWorkgroup(app.strapi, { extranet: true });
    const membership = await addMember(app.strapi, workgroup, partner);
    const doc = await createItem(app.strapi, DOC, { workgroup: workgroup.documentId, extranet: true });
    const get = () => app.http().get(`/api/documents/${doc.documentId}`).set(bearer(partner));
    expect((await get()).status).toBe(200);
    return { partner, membership, get };
  };

  it('after the membership is removed', async () => {
    const { membership, get } = await setup();
    await app.strapi.documents('plugin::extranet.membership').delete({ documentId: membership.documentId });
    expect((await get()).status).toBe(404);
  });

  it('after extranet-users is withdrawn', async () => {
    const { partner, get } = await setup();
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: partner.id }, data: { extranetGroups: [] } });
    expect((await get()).status).toBe(404);
  });

  it('after the user is blocked', async () => {
    const { partner, get } = await setup();
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: partner.id }, data: { blocked: true } });
    expect((await get()).status).toBe(401);
  });
});
