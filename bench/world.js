'use strict';
/**
 * Fills a fresh database with a synthetic company, fast: Strapi creates the schema (one boot),
 * then rows go in with knex bulk inserts, table and column names read from Strapi's metadata.
 * Deterministic: the same size gives the same world.
 */
const path = require('path');
const crypto = require('crypto');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.join(__dirname, '..');

const SIZES = {
  small: { workgroups: 100, users: 2000, items: 20000 },
  large: { workgroups: 1000, users: 20000, items: 200000 },
};

const mulberry32 = (seed) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const bootStrapi = () => createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();

/** Inserts rows of `uid` given by attribute name; to-one relations as ids, to-many as id arrays. */
const bulkInsert = async (strapi, trx, uid, rows) => {
  const meta = strapi.db.metadata.get(uid);
  const now = new Date();
  const records = [];
  const links = {};
  for (const row of rows) {
    const record = { document_id: row.documentId ?? crypto.randomBytes(12).toString('hex'), created_at: now, updated_at: now, published_at: now };
    for (const [name, value] of Object.entries(row)) {
      if (name === 'documentId') continue;
      const attribute = meta.attributes[name];
      if (!attribute) throw new Error(`${uid} has no attribute ${name}`);
      if (attribute.type === 'relation') {
        const table = attribute.joinTable;
        for (const target of [].concat(value ?? [])) {
          const link = { [table.joinColumn.name]: row.id, [table.inverseJoinColumn.name]: target };
          if (table.orderColumnName) link[table.orderColumnName] = 1;
          if (table.inverseOrderColumnName) link[table.inverseOrderColumnName] = 1;
          (links[table.name] ??= []).push(link);
        }
      } else {
        record[attribute.columnName ?? name] = value;
      }
    }
    records.push(record);
  }
  // SQLite compiles a multi-row insert into a compound SELECT: at most 500 terms.
  await trx.batchInsert(meta.tableName, records, 400);
  for (const [table, rowsOfTable] of Object.entries(links)) await trx.batchInsert(table, rowsOfTable, 400);
};

async function generate(size) {
  const spec = SIZES[size];
  const random = mulberry32(42);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const strapi = await bootStrapi();
  try {
    const knex = strapi.db.connection;
    const roles = Object.fromEntries((await strapi.db.query('plugin::users-permissions.role').findMany({})).map((r) => [r.type, r.id]));
    const groups = Object.fromEntries((await strapi.db.query('plugin::extranet.access-group').findMany({})).map((g) => [g.key, g.id]));

    const topics = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, name: `Topic ${i + 1}`, sort: i }));
    const workgroups = Array.from({ length: spec.workgroups }, (_, i) => ({
      id: i + 1,
      name: `Workgroup ${i + 1}`,
      extranet: i % 5 !== 0,
      archived: false,
      topic: topics[i % topics.length].id,
    }));
    const extranetGroups = workgroups.filter((w) => w.extranet);
    const users = [];
    const memberships = [];
    for (let i = 1; i <= spec.users; i += 1) {
      const external = i % 10 < 3;
      const inExtranet = external || i % 2 === 0;
      const keys = inExtranet ? ['extranet-users'] : [];
      // One extranet admin, an employee (user 1 is the bench's partner: never an admin, whom the rule does not restrict).
      if (i === 3) keys.push('extranet-admins');
      users.push({
        id: i,
        username: `user${i}`,
        email: `user${i}@${external ? 'partner' : 'northwind'}.example`,
        provider: 'local',
        password: 'not-a-login',
        confirmed: true,
        blocked: false,
        role: roles[external ? 'extranet' : 'authenticated'],
        extranetGroups: keys.map((k) => groups[k]),
        visibleToAllExtranet: !external && i % 97 === 0,
        firstname: `First${i}`,
        lastname: `Last${i % 500}`,
        company: external ? `Partner ${i % 50}` : 'Northwind',
      });
      const count = external ? 1 + (i % 2) : 3 + (i % 3);
      const pool = external ? extranetGroups : inExtranet ? workgroups : workgroups.filter((w) => !w.extranet);
      const mine = new Set();
      while (mine.size < Math.min(count, pool.length)) mine.add(pick(pool).id);
      for (const wg of mine) memberships.push({ id: memberships.length + 1, workgroup: wg, user: i, role: 'member', status: 'active', joinedAt: new Date() });
    }
    const items = { 'api::document.document': [], 'api::task.task': [], 'api::event.event': [], 'api::post.post': [] };
    const types = Object.keys(items);
    for (let i = 0; i < spec.items; i += 1) {
      const uid = i % 2 === 0 ? types[0] : types[1 + (i % 3)];
      const bound = random() < 0.85;
      const wg = bound ? pick(workgroups) : null;
      const row = { id: items[uid].length + 1, title: `Item ${i}`, extranet: wg ? wg.extranet : random() < 0.5 };
      // As the plugin stores it (access/audience.ts), so that the bootstrap backfill finds nothing to do.
      row.extranetAudience = row.extranet ? (wg ? wg.id : -1) : 0;
      if (wg) row.workgroup = wg.id;
      if (uid === 'api::event.event') row.startsAt = new Date();
      items[uid].push(row);
    }
    const activities = [];
    for (const wg of workgroups) {
      for (let k = 0; k < 10; k += 1) {
        activities.push({ id: activities.length + 1, type: 'item.created', workgroup: wg.id, extranet: wg.extranet, extranetAudience: wg.extranet ? wg.id : 0, actor: 1 + ((wg.id * 7 + k) % spec.users), summary: `Item of ${wg.name}` });
      }
    }
    const messages = [];
    for (let i = 1; i <= spec.users; i += 7) {
      messages.push({ id: messages.length + 1, sender: i, recipient: 1 + (i % spec.users), body: 'Hello' });
    }

    await knex.transaction(async (trx) => {
      await bulkInsert(strapi, trx, 'plugin::extranet.topic', topics);
      await bulkInsert(strapi, trx, 'plugin::extranet.workgroup', workgroups);
      await bulkInsert(strapi, trx, 'plugin::users-permissions.user', users);
      await bulkInsert(strapi, trx, 'plugin::extranet.membership', memberships);
      for (const [uid, rows] of Object.entries(items)) await bulkInsert(strapi, trx, uid, rows);
      await bulkInsert(strapi, trx, 'plugin::extranet.activity', activities);
      await bulkInsert(strapi, trx, 'plugin::extranet.message', messages);
    });
    if (strapi.db.dialect.client === 'postgres') {
      for (const uid of ['plugin::extranet.topic', 'plugin::extranet.workgroup', 'plugin::users-permissions.user', 'plugin::extranet.membership', ...types, 'plugin::extranet.activity', 'plugin::extranet.message']) {
        const table = strapi.db.metadata.get(uid).tableName;
        await knex.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM "${table}"))`);
      }
      // What autovacuum would have done on a live database: statistics and the visibility map.
      await knex.raw('VACUUM ANALYZE');
    } else {
      await knex.raw('ANALYZE');
    }

    // The callers of the benchmark: a partner, and an employee in the extranet.
    const external = users.find((u) => u.role === roles.extranet && !u.extranetGroups.includes(groups['extranet-admins']));
    const employee = users.find((u) => u.role === roles.authenticated && u.extranetGroups.includes(groups['extranet-users']) && !u.extranetGroups.includes(groups['extranet-admins']));
    return { external: external.id, employee: employee.id, admin: users.find((u) => u.extranetGroups.includes(groups['extranet-admins'])).id, counts: { workgroups: workgroups.length, users: users.length, items: spec.items, memberships: memberships.length } };
  } finally {
    await strapi.destroy();
  }
}

module.exports = { SIZES, generate };
