/**
 * Rate limits (SPEC §12): invitations per inviting user, messages per sender, accepting per
 * client address and per token; 429 RateLimitError with Retry-After. On PostgreSQL the counters
 * live in the database, so two nodes share them: this file runs the limits across two nodes
 * (child processes on one database; in the SQLite run, the in-process app alone, which is what
 * SQLite — one node — is for).
 */
import { startApp, tempDbFile, type TestApp } from './helpers/strapi';
import { startNode, type Node } from './helpers/nodes';
import { bearer, createUser, createWorkgroup, type TestUser } from './helpers/factories';

const isPostgres = process.env.DATABASE_CLIENT === 'postgres';
const LIMITS = { invite: { max: 4, windowSeconds: 600 }, message: { max: 3, windowSeconds: 600 }, accept: { max: 5, maxPerToken: 2, windowSeconds: 600 } };

describe('rate limits shared by every node', () => {
  const database = tempDbFile();
  let app: TestApp;
  /** where the requests go, turn by turn: two nodes on PostgreSQL, the app itself on SQLite */
  let targets: Array<{ http: () => any }>;
  const nodes: Node[] = [];
  let owner: TestUser;
  let employee: TestUser;
  let workgroup: any;

  beforeAll(async () => {
    const env = { EXTRANET_RATE_LIMITS: JSON.stringify(LIMITS), EXTRANET_MAIL_WORKER: 'false' };
    app = await startApp({ dbFile: database, env });
    owner = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
    employee = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
    workgroup = await createWorkgroup(app.strapi, { extranet: true, members: [[owner, 'owner']] });
    if (isPostgres) {
      nodes.push(...(await Promise.all([startNode(database, env), startNode(database, env)])));
      targets = nodes;
    } else {
      targets = [app];
    }
  }, 300000);
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await app?.stop();
  });

  const on = (i: number) => targets[i % targets.length].http();
  const invitations = () => app.strapi.db.query('plugin::extranet.invitation').count({ where: { invitedBy: { id: owner.id } } });

  it('counts invitations per inviting user, over every node, then answers 429 with Retry-After', async () => {
    for (let i = 0; i < LIMITS.invite.max; i += 1) {
      const res = await on(i).post(`/api/extranet/workgroups/${workgroup.documentId}/invitations`).set(bearer(owner)).send({ email: `limited-${i}@supplier.example` });
      expect(res.status).toBe(201);
    }
    const refused = await on(LIMITS.invite.max).post(`/api/extranet/workgroups/${workgroup.documentId}/invitations`).set(bearer(owner)).send({ email: 'one-too-many@supplier.example' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.name).toBe('RateLimitError');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(LIMITS.invite.windowSeconds);
    expect(await invitations()).toBe(LIMITS.invite.max);
    // Another inviter is counted apart.
    const other = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'] });
    expect((await on(1).post(`/api/extranet/workgroups/${workgroup.documentId}/invitations`).set(bearer(other)).send({ email: 'by-another@supplier.example' })).status).toBe(201);
  });

  it('counts messages per sender over every node', async () => {
    const count = () => app.strapi.db.query('plugin::extranet.message').count({ where: { sender: { id: owner.id } } });
    for (let i = 0; i < LIMITS.message.max; i += 1) {
      expect((await on(i).post('/api/extranet/messages').set(bearer(owner)).send({ to: employee.id, body: `hello ${i}` })).status).toBe(201);
    }
    const refused = await on(1).post('/api/extranet/messages').set(bearer(owner)).send({ to: employee.id, body: 'one more' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.name).toBe('RateLimitError');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count()).toBe(LIMITS.message.max);
    expect((await on(0).post('/api/extranet/messages').set(bearer(employee)).send({ to: owner.id, body: 'my own budget' })).status).toBe(201);
  });

  it('clears the counters whose window ended over an hour ago, from a cron task, and keeps the others', async () => {
    const job = app.strapi.cron.jobs.find((spec: { name?: string }) => spec.name === 'extranetExpiredRateLimits');
    expect(job).toBeDefined();
    const clearExpired = () => app.strapi.plugin('extranet').service('rate-limits').clearExpired();
    if (!isPostgres) {
      // One node: the counters are in memory, and no table is made for them.
      await clearExpired();
      expect(await app.strapi.db.connection.schema.hasTable('extranet_rate_limits')).toBe(false);
      return;
    }
    const hour = 60 * 60 * 1000;
    const rows = () => app.strapi.db.connection('extranet_rate_limits');
    await rows().insert([
      { key: 'extranet-invite:ended-long-ago', points: 3, expire: Date.now() - 2 * hour },
      { key: 'extranet-invite:ended-lately', points: 3, expire: Date.now() - hour / 2 },
      { key: 'extranet-invite:running', points: 3, expire: Date.now() + hour },
    ]);
    await clearExpired();
    const keys = (await rows().select('key').where('key', 'like', 'extranet-invite:%')).map((row: { key: string }) => row.key);
    expect(keys).not.toContain('extranet-invite:ended-long-ago');
    expect(keys).toEqual(expect.arrayContaining(['extranet-invite:ended-lately', 'extranet-invite:running']));
    // The counters of the test above are still there: the limit still holds.
    const refused = await on(0).post(`/api/extranet/workgroups/${workgroup.documentId}/invitations`).set(bearer(owner)).send({ email: 'after-clearing@supplier.example' });
    expect(refused.status).toBe(429);
  });
  it('counts accept attempts per token over every node', async () => {
    const token = 'A'.repeat(43);
    for (let i = 0; i < LIMITS.accept.maxPerToken; i += 1) {
      expect((await on(i).post('/api/extranet/invitations/accept').send({ token, password: 'x' })).status).toBe(410);
    }
    const refused = await on(LIMITS.accept.maxPerToken).post('/api/extranet/invitations/accept').send({ token, password: 'x' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.name).toBe('RateLimitError');
  });
});
