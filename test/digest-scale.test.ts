/**
 * The digest scan (SPEC §11) in a large installation: with more live memberships than SQLite
 * binds variables in one statement (32,766), the scan still runs and queues the digests due.
 * It once loaded every membership with its user in one query and failed there ("too many SQL
 * variables"), so nobody got a digest. The worker is off here: the test runs the scan itself.
 */
import { randomUUID } from 'crypto';
import { startApp, type TestApp } from './helpers/strapi';
import { createItem, createUser, createWorkgroup } from './helpers/factories';
import { outboxRows } from './helpers/outbox';

const CROWD = 33_000;

describe('the digest scan of a large installation', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp({ env: { EXTRANET_MAIL_WORKER: 'false', EXTRANET_NOTIFICATION_DIGEST_MINUTES: '60' } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** Rows straight into a content type's table, by attribute name (column names from Strapi's metadata). */
  const insertRows = async (uid: string, rows: Record<string, unknown>[]) => {
    const meta = (app.strapi.db as any).metadata.get(uid);
    const column = (name: string) => meta.attributes[name]?.columnName ?? name;
    const now = new Date();
    const records = rows.map((row) => {
      const record: Record<string, unknown> = { document_id: randomUUID(), created_at: now, updated_at: now, published_at: now };
      for (const [name, value] of Object.entries(row)) record[column(name)] = value;
      return record;
    });
    const ids: number[] = [];
    const knex = app.strapi.db.connection;
    for (let i = 0; i < records.length; i += 500) {
      const inserted = await knex(meta.tableName).insert(records.slice(i, i + 500)).returning('id');
      ids.push(...inserted.map((r: any) => Number(typeof r === 'object' ? r.id : r)));
    }
    return ids;
  };

  const link = async (uid: string, attribute: string, pairs: Array<[number, number]>) => {
    const joinTable = (app.strapi.db as any).metadata.get(uid).attributes[attribute].joinTable;
    const knex = app.strapi.db.connection;
    const rows = pairs.map(([from, to]) => ({ [joinTable.joinColumn.name]: from, [joinTable.inverseJoinColumn.name]: to }));
    for (let i = 0; i < rows.length; i += 500) await knex(joinTable.name).insert(rows.slice(i, i + 500));
  };

  it(`queues the digest of a member whose group changed, among ${CROWD.toLocaleString('en')} other live memberships`, async () => {
    const staff = await createUser(app.strapi, { kind: 'employee', groups: ['extranet-users'] });
    const partner = await createUser(app.strapi, { kind: 'external', groups: ['extranet-users'] });
    const group = await createWorkgroup(app.strapi, { extranet: true, members: [[staff, 'owner'], [partner, 'member']] });
    const crowdGroup = await createWorkgroup(app.strapi, { extranet: true });
    await createItem(app.strapi, 'api::document.document', { title: 'Quarterly volumes', workgroup: group.documentId, extranet: true });

    const people = await insertRows(
      'plugin::users-permissions.user',
      Array.from({ length: CROWD }, (_, i) => ({ username: `crowd-${i}`, email: `crowd-${i}@crowd.example`, provider: 'local', confirmed: true, blocked: false }))
    );
    const memberships = await insertRows(
      'plugin::extranet.membership',
      people.map(() => ({ role: 'member', status: 'active', joinedAt: new Date() }))
    );
    await link('plugin::extranet.membership', 'user', memberships.map((m, i) => [m, people[i]]));
    await link('plugin::extranet.membership', 'workgroup', memberships.map((m) => [m, crowdGroup.id]));
    expect(await app.strapi.db.query('plugin::extranet.membership').count({ where: { status: 'active' } })).toBe(CROWD + 2);

    await app.strapi.plugin('extranet').service('notifications').queueDueDigests();

    const digests = await outboxRows(app.strapi, { kind: 'digest' });
    expect(digests.map((row: any) => row.recipientUser).sort()).toEqual([staff.id, partner.id].sort());
    const setting = await app.strapi.db.query('plugin::extranet.notification-setting').findOne({ where: { user: partner.id } });
    expect(Number(setting.lastDigestAt)).toBe(Number(digests.find((row: any) => row.recipientUser === partner.id).payload.until));
  });
});
