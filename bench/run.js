'use strict';
/**
 * npm run bench [-- --db sqlite|postgres|all --size small|large|all --duration 5]
 * Measures what scoping costs: p50/p99 latency and requests per second of the scoped reads,
 * each against the same document list with the plugin's read door switched off.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { fork } = require('child_process');
const autocannon = require('autocannon');
const { Client } = require('pg');
const { SIZES, generate } = require('./world');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), [])
);
const DBS = !args.db || args.db === 'all' ? ['sqlite', 'postgres'] : [args.db];
const SIZE_NAMES = !args.size || args.size === 'all' ? Object.keys(SIZES) : [args.size];
const DURATION = Number(args.duration ?? 5);
const CONNECTIONS = Number(args.connections ?? 8);

const BASE_ENV = {
  NODE_ENV: 'production',
  APP_KEYS: 'benchKeyA,benchKeyB',
  API_TOKEN_SALT: 'bench',
  ADMIN_JWT_SECRET: 'bench',
  TRANSFER_TOKEN_SALT: 'bench',
  JWT_SECRET: 'bench-jwt-secret',
  ENCRYPTION_KEY: 'bench-encryption-key-0123456789ab',
  SERVE_ADMIN_PANEL: 'false',
  SEED_DEMO: 'false',
  LOG_LEVEL: 'error',
  STRAPI_TELEMETRY_DISABLED: 'true',
  EXTRANET_SEAT_LIMIT: '1000000',
};
const pg = { host: process.env.DATABASE_HOST || '127.0.0.1', port: Number(process.env.DATABASE_PORT || 5432), user: process.env.DATABASE_USERNAME || 'strapi', password: process.env.DATABASE_PASSWORD || 'strapi' };

const databaseEnv = async (db, size) => {
  if (db === 'sqlite') {
    return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'extranet-bench-')), `${size}.db`) };
  }
  const name = `extranet_bench_${size}`;
  const client = new Client({ ...pg, database: 'postgres' });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
  await client.end();
  return { DATABASE_CLIENT: 'postgres', DATABASE_HOST: pg.host, DATABASE_PORT: String(pg.port), DATABASE_USERNAME: pg.user, DATABASE_PASSWORD: pg.password, DATABASE_NAME: name };
};

const postgresReachable = async () => {
  const client = new Client({ ...pg, database: 'postgres', connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
};

const startServer = (env) =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'server.js'), { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ask = (message) => new Promise((answer) => { child.once('message', answer); child.send(message); });
    child.once('message', (message) => resolve({ port: message.ready, ask, stop: () => new Promise((done) => { child.once('exit', done); child.send({ cmd: 'stop' }); }) }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });

const load = (url, jwt, duration) =>
  new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration, headers: { authorization: `Bearer ${jwt}` } }, (error, result) => {
      if (error) return reject(error);
      if (result.non2xx > 0 || result.errors > 0) return reject(new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`));
      resolve({ p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average });
    });
  });

async function measure(db, size) {
  const env = { ...BASE_ENV, ...(await databaseEnv(db, size)) };
  Object.assign(process.env, env);
  const started = Date.now();
  const world = await generate(size);
  const generatedIn = (Date.now() - started) / 1000;
  const server = await startServer(env);
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const { jwt: external } = await server.ask({ cmd: 'jwt', id: world.external });
    const { jwt: employee } = await server.ask({ cmd: 'jwt', id: world.employee });
    const docs = `${base}/api/documents?pagination[pageSize]=25`;
    const scenarios = [
      ['baseline: documents, scoping off', docs, external, false],
      ['external: documents', docs, external, true],
      ['employee in extranet: documents', docs, employee, true],
      ['employee in extranet: contacts', `${base}/api/extranet/contacts`, employee, true],
      ['employee in extranet: activity', `${base}/api/extranet/activity`, employee, true],
    ];
    const rows = [];
    for (const [name, url, jwt, scoped] of scenarios) {
      await server.ask({ cmd: 'scoping', on: scoped });
      await load(url, jwt, 1); // warm-up
      rows.push({ name, ...(await load(url, jwt, DURATION)) });
    }
    await server.ask({ cmd: 'scoping', on: true });
    return { db, size, world: world.counts, generatedIn, rows };
  } finally {
    await server.stop();
  }
}

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

(async () => {
  const results = [];
  for (const db of DBS) {
    if (db === 'postgres' && !(await postgresReachable())) {
      console.log(`postgres: skipped, no server on ${pg.host}:${pg.port} (scripts/postgres-up.sh starts one)`);
      continue;
    }
    for (const size of SIZE_NAMES) {
      process.stdout.write(`${db} ${size}: generating and measuring...\n`);
      results.push(await measure(db, size));
    }
  }
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s per scenario, loopback. Ratios are to the baseline of the same run (p50, p99).`);
  console.log('| db | world | scenario | p50 ms | p99 ms | req/s | ×base p50 | ×base p99 | ×small p50 |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const base = r.rows[0];
    const small = results.find((s) => s.db === r.db && s.size === 'small');
    for (const row of r.rows) {
      const smallRow = small?.rows.find((s) => s.name === row.name);
      const ratio = r.size !== 'small' && smallRow ? fmt(row.p50 / smallRow.p50, 2) : '';
      console.log(`| ${r.db} | ${r.size} (${r.world.workgroups} wg / ${r.world.users} users / ${r.world.items} items) | ${row.name} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${fmt(row.rps, 0)} | ${row === base ? '1.00' : fmt(row.p50 / base.p50, 2)} | ${row === base ? '1.00' : fmt(row.p99 / base.p99, 2)} | ${ratio} |`);
    }
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
