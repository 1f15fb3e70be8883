'use strict';
/**
 * npm run bench [-- --db sqlite|postgres|all --size small|large|all --duration 5]
 * npm run bench -- --rounds 6 --duration 5 --connections 8   (the defaults)
 * npm run bench -- --twin same   an A/A run: each twin is the scoped request itself, on the second
 *                                server with the read door on too (what a ratio of 1 looks like)
 * npm run bench -- --profile DIR  each server writes a V8 CPU profile (.cpuprofile) into DIR
 * npm run bench -- --scenario activity   only the scenarios whose name contains this text
 * Measures what scoping costs: p50/p99 latency and requests per second of each scoped read
 * against its unscoped twin, the two alternating on two servers over the same database.
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
const ROUNDS = Number(args.rounds ?? 6);
const CONNECTIONS = Number(args.connections ?? 8);
const TWIN_SAME = args.twin === 'same';
const PROFILE_DIR = args.profile ? path.resolve(args.profile) : null;
const SCENARIO = args.scenario ?? '';

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
  // Both servers are request-answering nodes (SPEC §12): the mail worker and the scheduled tasks
  // (digests of a world whose every member is due, reviews) would land at random on either side
  // of a pair, and they are not what a request costs.
  EXTRANET_MAIL_WORKER: 'false',
  CRON_ENABLED: 'false',
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
    const execArgv = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
    const child = fork(path.join(__dirname, 'server.js'), { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ask = (message) => new Promise((answer) => { child.once('message', answer); child.send(message); });
    child.once('message', (message) => resolve({ port: message.ready, pid: child.pid, ask, stop: () => new Promise((done) => { child.once('exit', done); child.send({ cmd: 'stop' }); }) }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });

/** Loads `target` for `duration` seconds; every response time goes into `latencies`. */
const load = (target, duration, latencies) =>
  new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.body ? 'POST' : 'GET',
        body: target.body,
        connections: CONNECTIONS,
        duration,
        // A shared machine under load can stall a request for seconds: counted, not fatal.
        timeout: 60,
        headers: { authorization: `Bearer ${target.jwt}`, ...(target.body ? { 'content-type': 'application/json' } : {}) },
      },
      (error, result) => {
        if (error) return reject(error);
        if (result.non2xx > 0) return reject(new Error(`${target.url}: ${result.non2xx} non-2xx`));
        if (result.errors > 0) console.log(`  (${target.url}: ${result.errors} errors/timeouts)`);
        resolve(result.requests.total);
      }
    );
    if (latencies) instance.on('response', (_client, _status, _bytes, time) => latencies.push(time));
  });

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summarise = ({ latencies, cpu }, seconds) => {
  const sorted = Float64Array.from(latencies).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), rps: latencies.length / seconds, n: latencies.length, cpu: cpu / 1000 / latencies.length };
};

const GRAPHQL = JSON.stringify({
  query: '{ documents(pagination: { pageSize: 25 }) { documentId title } documents_connection(pagination: { pageSize: 25 }) { nodes { documentId } pageInfo { total pageCount } } }',
});

async function measure(db, size) {
  const env = { ...BASE_ENV, ...(await databaseEnv(db, size)) };
  Object.assign(process.env, env);
  const started = Date.now();
  const world = await generate(size);
  const generatedIn = (Date.now() - started) / 1000;
  // Two servers on the same database: the read door on, and off (the baseline). Their runs
  // alternate, so that the machine's load falls on both alike.
  const scoped = await startServer(env);
  const plain = await startServer(env);
  try {
    if (!TWIN_SAME) await plain.ask({ cmd: 'scoping', on: false });
    if (PROFILE_DIR) console.log(`  profiles in ${PROFILE_DIR}: scoped server pid ${scoped.pid}, baseline server pid ${plain.pid}`);
    const on = `http://127.0.0.1:${scoped.port}`;
    const off = `http://127.0.0.1:${plain.port}`;
    const jwt = async (id) => (await scoped.ask({ cmd: 'jwt', id })).jwt;
    const [external, employee, admin] = [await jwt(world.external), await jwt(world.employee), await jwt(world.admin)];
    const docs = '/api/documents?pagination[pageSize]=25';
    // [name, scoped request, its unscoped twin]: the same request with the read door off, or for
    // the plugin's own lists (whose services apply the rule) the same route as an extranet admin.
    const allScenarios = [
      ['partner: documents', { url: on + docs, jwt: external }, { url: off + docs, jwt: external }],
      ['employee in extranet: documents', { url: on + docs, jwt: employee }, { url: off + docs, jwt: employee }],
      ['employee in extranet: contacts', { url: `${on}/api/extranet/contacts`, jwt: employee }, { url: `${off}/api/extranet/contacts`, jwt: admin }],
      ['employee in extranet: activity', { url: `${on}/api/extranet/activity`, jwt: employee }, { url: `${off}/api/extranet/activity`, jwt: admin }],
      ['employee in extranet: GraphQL documents + connection', { url: `${on}/graphql`, jwt: employee, body: GRAPHQL }, { url: `${off}/graphql`, jwt: employee, body: GRAPHQL }],
    ];
    const scenarios = allScenarios.filter(([name]) => name.includes(SCENARIO));
    // An A/A run: the same request on two identical servers, to see how far apart two measurements
    // of one thing land (the noise any ratio of this table carries).
    if (TWIN_SAME) for (const scenario of scenarios) scenario[2] = { ...scenario[1], url: scenario[1].url.replace(on, off) };
    const samples = scenarios.map(() => ({ scoped: { latencies: [], cpu: 0 }, base: { latencies: [], cpu: 0 } }));
    for (const [, a, b] of scenarios) {
      await load(a, 1);
      await load(b, 1);
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [i, [, a, b]] of scenarios.entries()) {
        // Alternate which goes first, so neither always follows the other's tail.
        const order = round % 2 === 0 ? [[a, samples[i].scoped], [b, samples[i].base]] : [[b, samples[i].base], [a, samples[i].scoped]];
        for (const [target, into] of order) {
          // The server's CPU time (every thread: JavaScript, garbage collection, SQLite, libuv) over
          // the round: what a request costs, apart from where it waited.
          const server = target.url.startsWith(`${on}/`) ? scoped : plain;
          const before = (await server.ask({ cmd: 'cpu' })).cpu;
          await load(target, DURATION, into.latencies);
          into.cpu += (await server.ask({ cmd: 'cpu' })).cpu - before;
        }
      }
    }
    const rows = scenarios.map(([name], i) => ({ name, scoped: summarise(samples[i].scoped, DURATION * ROUNDS), base: summarise(samples[i].base, DURATION * ROUNDS) }));
    const rss = { scoped: (await scoped.ask({ cmd: 'rss' })).rss, base: (await plain.ask({ cmd: 'rss' })).rss };
    // The count behind pagination.total, as the employee's request runs it, explained.
    await scoped.ask({ cmd: 'capture' });
    await load({ url: on + docs, jwt: employee }, 0.2);
    const explain = await scoped.ask({ cmd: 'explain', match: '^select count' });
    return { db, size, world: world.counts, generatedIn, rows, rss, explain };
  } finally {
    await scoped.stop();
    await plain.stop();
    // A large SQLite world is a few hundred MB: nothing of a run stays in the temp folder.
    if (db === 'sqlite') fs.rmSync(path.dirname(env.DATABASE_FILENAME), { recursive: true, force: true });
  }
}

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const mb = (bytes) => `${Math.round(bytes / 1048576)} MB`;

(async () => {
  const results = [];
  for (const db of DBS) {
    if (db === 'postgres' && !(await postgresReachable())) {
      console.log(`postgres: skipped, no server on ${pg.host}:${pg.port} (scripts/postgres-up.sh starts one)`);
      continue;
    }
    for (const size of SIZE_NAMES) {
      process.stdout.write(`${db} ${size}: generating and measuring...\n`);
      const r = await measure(db, size);
      results.push(r);
      // Each cell as soon as it is measured (the table below repeats them with growth).
      for (const row of r.rows) console.log(`  ${row.name}: scoped p50 ${fmt(row.scoped.p50)} p99 ${fmt(row.scoped.p99)} cpu ${fmt(row.scoped.cpu, 2)} ms (${row.scoped.n} req), base p50 ${fmt(row.base.p50)} p99 ${fmt(row.base.p99)} cpu ${fmt(row.base.cpu, 2)} ms (${row.base.n} req)`);
      console.log(`  rss ${mb(r.rss.scoped)} / ${mb(r.rss.base)}; count: ${r.explain.sql}\n${r.explain.plan}`);
    }
  }
  console.log(`\n${CONNECTIONS} connections, ${ROUNDS} × ${DURATION} s per request (scoped and baseline alternating), loopback.`);
  if (TWIN_SAME) console.log('A/A run (--twin same): each baseline is the scoped request itself, on a second server with the read door on.');
  console.log('Ratios: scoped / baseline of the same run; growth: large / small p50, scoped against baseline.\n');
  console.log('CPU: the server\'s CPU time per response (every thread), scoped against baseline.\n');
  console.log('| db | world | scenario | p50 ms | p99 ms | req/s | base p50 | base p99 | base req/s | ×base p50 | ×base p99 | CPU ms | base CPU ms | ×base CPU | growth | base growth | growth ratio |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const small = results.find((s) => s.db === r.db && s.size === 'small');
    for (const row of r.rows) {
      const smallRow = r.size !== 'small' ? small?.rows.find((s) => s.name === row.name) : undefined;
      const growth = smallRow ? row.scoped.p50 / smallRow.scoped.p50 : NaN;
      const baseGrowth = smallRow ? row.base.p50 / smallRow.base.p50 : NaN;
      console.log(
        `| ${r.db} | ${r.size} | ${row.name} | ${fmt(row.scoped.p50)} | ${fmt(row.scoped.p99)} | ${fmt(row.scoped.rps, 0)} | ${fmt(row.base.p50)} | ${fmt(row.base.p99)} | ${fmt(row.base.rps, 0)} | ${fmt(row.scoped.p50 / row.base.p50, 2)} | ${fmt(row.scoped.p99 / row.base.p99, 2)} | ${fmt(row.scoped.cpu, 2)} | ${fmt(row.base.cpu, 2)} | ${fmt(row.scoped.cpu / row.base.cpu, 2)} | ${smallRow ? fmt(growth, 2) : ''} | ${smallRow ? fmt(baseGrowth, 2) : ''} | ${smallRow ? fmt(growth / baseGrowth, 2) : ''} |`
      );
    }
  }
  console.log('\nServer RSS after the run (scoped server / baseline server):');
  for (const r of results) console.log(`- ${r.db} ${r.size} (${r.world.workgroups} wg, ${r.world.users} users, ${r.world.items} items, generated in ${fmt(r.generatedIn, 0)} s): ${mb(r.rss.scoped)} / ${mb(r.rss.base)} = ${fmt(r.rss.scoped / r.rss.base, 2)}×`);
  console.log('\nThe scoped count behind pagination.total (employee in the extranet, documents):');
  for (const r of results) console.log(`\n${r.db} ${r.size}:\n  ${r.explain.sql}\n${r.explain.plan.replace(/^/gm, '    ')}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
