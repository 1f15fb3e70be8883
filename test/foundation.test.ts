import path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { databaseEnv, removeTempDb, removeUploads, startApp, tempDbFile, type TestApp } from './helpers/strapi';
import { bearer, createItem, createUser, createWorkgroup, PASSWORD } from './helpers/factories';

const attributesOf = (app: TestApp, uid: string) => Object.keys((app.strapi.contentType(uid as any) as any).attributes);

describe('foundation', () => {
  let app: TestApp;
  const dbFile = tempDbFile();

  beforeAll(async () => {
    app = await startApp({ dbFile });
  });
  afterAll(async () => {
    if (app) await removeUploads(app.strapi);
    await app?.stop();
    removeTempDb(dbFile);
  });

  it('serves the REST API and the admin API', async () => {
    expect((await app.http().get('/api/documents')).status).toBe(403);
    const init = await app.http().get('/admin/init');
    expect(init.status).toBe(200);
    expect(init.body.data).toHaveProperty('hasAdmin');
  });

  it('defines the plugin content types with the fields of the spec', () => {
    expect(attributesOf(app, 'plugin::extranet.workgroup')).toEqual(
      expect.arrayContaining(['name', 'description', 'image', 'keywords', 'topic', 'extranet', 'archived', 'archivedAt', 'owner', 'memberships', 'invitations', 'managers'])
    );
    expect(attributesOf(app, 'plugin::extranet.membership')).toEqual(expect.arrayContaining(['workgroup', 'user', 'role', 'status', 'joinedAt']));
    expect(attributesOf(app, 'plugin::extranet.topic')).toEqual(expect.arrayContaining(['name', 'description', 'sort']));
    expect(attributesOf(app, 'plugin::extranet.invitation')).toEqual(
      expect.arrayContaining(['email', 'workgroup', 'role', 'invitedBy', 'status', 'expiresAt', 'acceptedAt', 'acceptedBy', 'tokenHash', 'message'])
    );
    expect(attributesOf(app, 'plugin::extranet.access-group')).toEqual(expect.arrayContaining(['key', 'name']));
    expect(attributesOf(app, 'plugin::extranet.activity')).toEqual(expect.arrayContaining(['type', 'workgroup', 'actor', 'extranet']));
    expect(attributesOf(app, 'plugin::extranet.message')).toEqual(expect.arrayContaining(['sender', 'recipient', 'body']));
    const membership = (app.strapi.contentType('plugin::extranet.membership') as any).attributes;
    expect(membership.role.enum).toEqual(['owner', 'moderator', 'member']);
    expect(membership.status.enum).toEqual(['active', 'requested', 'invited', 'suspended']);
    expect(Object.keys(membership)).toEqual(expect.arrayContaining(['expiresAt', 'sponsor']));
  });

  it('adds extranetGroups and visibleToAllExtranet to the users-permissions user', () => {
    const user = (app.strapi.contentType('plugin::users-permissions.user') as any).attributes;
    expect(user.extranetGroups).toMatchObject({ type: 'relation', relation: 'manyToMany', target: 'plugin::extranet.access-group' });
    expect(user.visibleToAllExtranet).toMatchObject({ type: 'boolean', default: false });
  });

  it('adds the site flag, the workgroup and the author to the scoped types only', () => {
    for (const uid of ['api::document.document', 'api::task.task', 'api::event.event', 'api::post.post']) {
      const attributes = (app.strapi.contentType(uid as any) as any).attributes;
      expect(attributes.extranet).toMatchObject({ type: 'boolean' });
      expect(attributes.workgroup).toMatchObject({ type: 'relation', relation: 'manyToOne', target: 'plugin::extranet.workgroup' });
    }
    const ticket = (app.strapi.contentType('api::ticket.ticket') as any).attributes;
    expect(ticket.extranet).toMatchObject({ type: 'boolean' });
    expect(ticket.author).toMatchObject({ type: 'relation', target: 'plugin::users-permissions.user' });
    expect(ticket.workgroup).toBeUndefined();
    const announcement = (app.strapi.contentType('api::announcement.announcement') as any).attributes;
    expect(announcement.extranet).toBeUndefined();
    expect(announcement.workgroup).toBeUndefined();
  });

  it('declares the indexes the access rule filters on', async () => {
    const inspector = (app.strapi.db as any).dialect.schemaInspector;
    const indexed = async (table: string) => (await inspector.getIndexes(table)).map((i: any) => i.columns.join(','));
    for (const table of ['documents', 'tasks', 'events', 'posts', 'tickets', 'extranet_workgroups']) {
      expect([table, await indexed(table)]).toEqual([table, expect.arrayContaining(['extranet'])]);
    }
    expect(await indexed('extranet_memberships')).toEqual(expect.arrayContaining(['status']));
    // The activity feed, newest first, with its audience in the same index (register.ts).
    expect(await indexed('extranet_activities')).toEqual(expect.arrayContaining(['created_at,extranet_audience']));
    expect(await indexed('documents_workgroup_lnk')).toEqual(expect.arrayContaining(['document_id', 'workgroup_id']));
  });

  it('creates the Extranet role, the four groups and makes Extranet the default role', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'extranet' } });
    expect(role).toMatchObject({ name: 'Extranet', type: 'extranet' });
    const groups = await app.strapi.db.query('plugin::extranet.access-group').findMany({ orderBy: { key: 'asc' } });
    expect(groups.map((g: any) => g.key)).toEqual(['extranet-admins', 'extranet-support', 'extranet-users', 'group-creators']);
    const advanced: any = await app.strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' });
    expect(advanced.default_role).toBe('extranet');
  });

  it('makes a self-registered user an external without extranet access, who reads nothing extranet and no announcement', async () => {
    const topicOwner = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
    const workgroup = await createWorkgroup(app.strapi, { extranet: true, members: [[topicOwner, 'owner']] });
    await createItem(app.strapi, 'api::document.document', { title: 'In the workgroup', workgroup: workgroup.documentId });
    await createItem(app.strapi, 'api::document.document', { title: 'For every partner', extranet: true });
    await createItem(app.strapi, 'api::document.document', { title: 'Internal memo', extranet: false });
    await app.strapi.documents('api::announcement.announcement').create({ data: { title: 'Internal news' } });

    const res = await app.http().post('/api/auth/local/register').send({
      username: 'self-made',
      email: 'Self.Made@Example.com',
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    const me = await app.strapi.db.query('plugin::users-permissions.user').findOne({
      where: { id: res.body.user.id },
      populate: ['role', 'extranetGroups'],
    });
    expect(me.role.type).toBe('extranet');
    expect(me.extranetGroups).toEqual([]);

    const auth = bearer({ jwt: res.body.jwt });
    const documents = await app.http().get('/api/documents').set(auth);
    expect(documents.status).toBe(200);
    expect(documents.body.data).toEqual([]);
    expect(documents.body.meta.pagination.total).toBe(0);
    expect((await app.http().get('/api/announcements').set(auth)).status).toBe(403);
  });

  it('refuses to register with the groups or the visibility flag in the body', async () => {
    const res = await app.http().post('/api/auth/local/register').send({
      username: 'sneaky',
      email: 'sneaky@example.com',
      password: PASSWORD,
      visibleToAllExtranet: true,
      extranetGroups: [1, 2],
    });
    expect(res.status).toBe(400);
    expect(await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { username: 'sneaky' } })).toBeNull();
  });

  it('creates nothing twice when it restarts on the same database', async () => {
    const count = async (uid: string) => app.strapi.db.query(uid as any).count();
    const before = {
      roles: await count('plugin::users-permissions.role'),
      groups: await count('plugin::extranet.access-group'),
      permissions: await count('plugin::users-permissions.permission'),
    };
    await app.stop();
    app = await startApp({ dbFile });
    expect({
      roles: await count('plugin::users-permissions.role'),
      groups: await count('plugin::extranet.access-group'),
      permissions: await count('plugin::users-permissions.permission'),
    }).toEqual(before);
    expect(before.groups).toBe(4);
  });

  it('keeps partners and employees working on a database granted under the former controller names', async () => {
    const permissions = () => app.strapi.db.query('plugin::users-permissions.permission');
    const grants = async () =>
      (await permissions().findMany({ populate: { role: { select: ['type'] } } }))
        .map((p: any) => `${p.role?.type} ${p.action}`)
        .sort();
    const renamed = /^plugin::extranet\.(invitation|message|external|seat)\./;
    const former: Record<string, string> = { invitation: 'invitations', message: 'messages', external: 'externals', seat: 'seats' };
    const expected = await grants();
    expect(expected.filter((g) => renamed.test(g.split(' ')[1]))).toHaveLength(2 * 12);

    // The database as the code before the renaming left it: its bootstrap granted the former ids to
    // both roles, and an administrator granted one of them to a role of their own.
    for (const row of await permissions().findMany({ select: ['id', 'action'] })) {
      if (renamed.test(row.action)) {
        const action = row.action.replace(renamed, (_: string, c: string) => `plugin::extranet.${former[c]}.`);
        await permissions().update({ where: { id: row.id }, data: { action } });
      }
    }
    const auditors = await app.strapi.db.query('plugin::users-permissions.role').create({ data: { name: 'Auditors', type: 'auditors', description: 'Seat counts' } });
    await permissions().create({ data: { action: 'plugin::extranet.seats.show', role: auditors.id } });
    const owner = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
    const partner = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
    const admin = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-admins'] });
    const auditor = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-admins'] });
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: auditor.id }, data: { role: auditors.id } });
    const workgroup = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner'], [partner, 'member']] });

    await app.stop();
    app = await startApp({ dbFile, env: { EXTRANET_MAIL_WORKER: 'false' } });

    expect(await grants()).toEqual([...expected, 'auditors plugin::extranet.seat.show'].sort());
    const call = (user: { jwt: string }, method: 'get' | 'post', path: string, body?: object) =>
      app.http()[method](`/api/extranet${path}`).set(bearer(user)).send(body);
    expect((await call(partner, 'post', '/messages', { to: owner.id, body: 'Hello after the upgrade' })).status).toBe(201);
    const conversation = await call(owner, 'get', `/messages?with=${partner.id}`);
    expect([conversation.status, conversation.body.data.map((m: any) => m.body)]).toEqual([200, ['Hello after the upgrade']]);
    expect((await call(owner, 'get', `/workgroups/${workgroup.documentId}/invitations`)).status).toBe(200);
    expect((await call(partner, 'get', '/workgroups')).status).toBe(200);
    expect((await call(admin, 'get', '/seats')).status).toBe(200);
    const externals = await call(admin, 'get', '/externals?pagination[pageSize]=100');
    expect([externals.status, externals.body.data.some((u: any) => u.id === partner.id)]).toEqual([200, true]);
    // The auditors keep what they were given, and get nothing more.
    expect((await call(auditor, 'get', '/seats')).status).toBe(200);
    expect((await call(auditor, 'get', '/externals')).status).toBe(403);
  });
});

describe('plugin configuration', () => {
  // A real start in its own process, as `npm run develop` would do it: Strapi loads from scratch
  // there, which takes minutes on a loaded machine (hence the tests' own timeout, a hang guard).
  const BOOT_TIMEOUT = 300000;
  const running = new Set<ChildProcess>();
  const boot = async (env: Record<string, string>) => {
    const dbFile = tempDbFile();
    const database = await databaseEnv(dbFile);
    return new Promise<{ code: number | null; stderr: string }>((resolve) => {
      // Only stderr is read: an unread stdout pipe would outlive the process.
      const child = spawn(process.execPath, [path.join(__dirname, 'helpers', 'boot-once.js')], {
        env: { ...process.env, ...database, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      running.add(child);
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      // 'close', not 'exit': stderr is read to its end (on a loaded machine its last chunk can
      // come after the exit).
      child.on('close', (code) => {
        running.delete(child);
        removeTempDb(dbFile);
        resolve({ code, stderr });
      });
    });
  };
  // A test that failed or timed out leaves no Strapi process running: a live child (and its
  // pipes) would keep the jest worker from exiting.
  afterEach(() => {
    for (const child of running) child.kill('SIGKILL');
  });

  it.each([
    [{ EXTRANET_INVITATION_TTL_HOURS: '-5' }, 'invitationTtlHours'],
    [{ EXTRANET_SEAT_LIMIT: '0' }, 'seatLimit'],
    [{ EXTRANET_PUBLIC_URL: 'not a url' }, 'publicUrl'],
    [{ EXTRANET_FRONTEND_URL: 'ftp://files.example' }, 'frontendUrl'],
    [{ EXTRANET_BLOCKED_EMAIL_DOMAINS: 'spam.example,not a domain' }, 'blockedEmailDomains[1]'],
    [{ EXTRANET_FILE_URL_TTL_MINUTES: '0' }, 'fileUrlTtlMinutes'],
    [{ EXTRANET_MAIL_RETRIES: '-1' }, 'mailRetries'],
    [{ EXTRANET_NOTIFICATION_DIGEST_MINUTES: '0' }, 'notificationDigestMinutes'],
    [{ EXTRANET_RATE_LIMITS: '{"invite":{"max":0}}' }, 'rateLimits.invite.max'],
  ])(
    'stops Strapi on %j and names %s',
    async (env, key) => {
      const { code, stderr } = await boot(env);
      expect(code).toBe(1);
      expect(stderr).toContain(`extranet.${key}`);
    },
    BOOT_TIMEOUT
  );

  it(
    'starts with the shipped configuration',
    async () => {
      expect((await boot({})).code).toBe(0);
    },
    BOOT_TIMEOUT
  );
});
