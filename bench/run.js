'use strict';
/**
 * npm run bench [-- --db sqlite|postgres|all --size small|large|all --duration 5]
 * npm run bench -- --rounds 12 --duration 5 --min-responses 300 --connections 4 --memory-rounds 1 --memory-pairs 3
 *                                (the defaults)
 * npm run bench -- --twin same   an A/A run: each twin is the scoped request itself (what a ratio
 *                                of 1 looks like)
 * npm run bench -- --profile DIR  each server writes a V8 CPU profile (.cpuprofile) into DIR
 * npm run bench -- --scenario activity   only the scenarios whose name contains this text
 * npm run bench -- --heap-snapshots DIR   V8 heap snapshots of the memory phase's last two servers, after it
 * Measures what scoping costs: p50/p99 latency, requests per second and CPU time per response of
 * each scoped read against its unscoped twin, the two loaded at once on two servers over the same
 * database that swap roles every round; then the RSS of a fresh server answering only scoped
 * requests against one answering only their twins, loaded at once too.
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
const MIN_RESPONSES = Number(args['min-responses'] ?? 300);
const ROUNDS = Number(args.rounds ?? 12);
const MEMORY_ROUNDS = Number(args['memory-rounds'] ?? 1);
const MEMORY_PAIRS = Math.max(1, Number(args['memory-pairs'] ?? 3));
// Per server: both servers are loaded at once, so the machine has twice this many requests in flight.
const CONNECTIONS = Number(args.connections ?? 4);
const TWIN_SAME = args.twin === 'same';
const PROFILE_DIR = args.profile ? path.resolve(args.profile) : null;
const SCENARIO = args.scenario ?? '';
const SNAPSHOT_DIR = args['heap-snapshots'] ? path.resolve(args['heap-snapshots']) : null;

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
    // --expose-gc only lets the memory phase collect before its last sample; it changes no GC.
    const execArgv = ['--expose-gc', ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])];
    const child = fork(path.join(__dirname, 'server.js'), { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ask = (message) => new Promise((answer) => { child.once('message', answer); child.send(message); });
    const stop = () => new Promise((done) => { child.once('exit', done); child.send({ cmd: 'stop' }); });
    // A server starts with its read door on.
    child.once('message', (message) => resolve({ url: `http://127.0.0.1:${message.ready}`, pid: child.pid, door: true, ask, stop }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });

/**
 * Loads `target` for `size.duration` seconds or with `size.amount` requests; every response time
 * goes into `latencies`. Resolves with the number of responses.
 */
const load = (target, size, latencies) =>
  new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.body ? 'POST' : 'GET',
        body: target.body,
        connections: CONNECTIONS,
        ...size,
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
const summarise = ({ latencies, cpu, seconds }) => {
  const sorted = Float64Array.from(latencies).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), rps: latencies.length / seconds, n: latencies.length, cpu: cpu / 1000 / latencies.length };
};

const GRAPHQL = JSON.stringify({
  query: '{ documents(pagination: { pageSize: 25 }) { documentId title } documents_connection(pagination: { pageSize: 25 }) { nodes { documentId } pageInfo { total pageCount } } }',
});

/** Sets each server's read door (the query engine's lifecycles): on, or off for a baseline. */
const setDoors = async (servers, on) => {
  for (const [server, door] of servers.map((server, i) => [server, on[i]])) {
    if (server.door !== door) {
      await server.ask({ cmd: 'scoping', on: door });
      server.door = door;
    }
  }
};

/**
 * Loads a scenario side on `server`, adding its responses' latencies and the server's CPU time to
 * `into`. The server's heap is left as it is between loads: a full GC before each (tried on 4
 * December) started every load on a shrunken heap, raised the CPU per response of both sides by
 * 19-31 % and left the ratios as spread as before.
 */
const loadOn = async (server, side, size, into) => {
  const target = { ...side, url: server.url + side.path };
  if (!into) return load(target, size);
  // The server's CPU time (every thread: JavaScript, garbage collection, SQLite, libuv) over the
  // load: what a request costs, apart from where it waited.
  const before = (await server.ask({ cmd: 'cpu' })).cpu;
  const responses = into.latencies.length;
  const started = performance.now();
  await load(target, size, into.latencies);
  into.seconds += (performance.now() - started) / 1000;
  const cpu = (await server.ask({ cmd: 'cpu' })).cpu - before;
  into.cpu += cpu;
  into.loads.push(cpu / 1000 / (into.latencies.length - responses));
  into.rss.push((await server.ask({ cmd: 'rss' })).rss);
};

/** What the loads of one side add up to. */
const sample = () => ({ latencies: [], cpu: 0, seconds: 0, rss: [], loads: [] });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (!sorted.length) return NaN;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function measure(db, size) {
  const env = { ...BASE_ENV, ...(await databaseEnv(db, size)) };
  Object.assign(process.env, env);
  const started = Date.now();
  const world = await generate(size);
  const generatedIn = (Date.now() - started) / 1000;
  const servers = [await startServer(env), await startServer(env)];
  const [first] = servers;
  try {
    if (PROFILE_DIR) console.log(`  profiles in ${PROFILE_DIR}: server pids ${servers.map((s) => s.pid).join(', ')}`);
    const jwt = async (id) => (await first.ask({ cmd: 'jwt', id })).jwt;
    const [external, employee, admin] = [await jwt(world.external), await jwt(world.employee), await jwt(world.admin)];
    const docs = '/api/documents?pagination[pageSize]=25';
    // [name, scoped request, its unscoped twin]: the same request with the read door off, or for
    // the plugin's own lists (whose services apply the rule) the same route as an extranet admin.
    const allScenarios = [
      ['partner: documents', { path: docs, jwt: external }, { path: docs, jwt: external }],
      ['employee in extranet: documents', { path: docs, jwt: employee }, { path: docs, jwt: employee }],
      ['employee in extranet: contacts', { path: '/api/extranet/contacts', jwt: employee }, { path: '/api/extranet/contacts', jwt: admin }],
      ['employee in extranet: activity', { path: '/api/extranet/activity', jwt: employee }, { path: '/api/extranet/activity', jwt: admin }],
      ['employee in extranet: GraphQL documents + connection', { path: '/graphql', jwt: employee, body: GRAPHQL }, { path: '/graphql', jwt: employee, body: GRAPHQL }],
    ];
    const scenarios = allScenarios.filter(([name]) => name.includes(SCENARIO));
    // An A/A run: the scoped request against itself, to see how far apart two measurements of one
    // thing land (the noise any ratio of this table carries).
    if (TWIN_SAME) for (const scenario of scenarios) scenario[2] = scenario[1];
    const samples = scenarios.map(() => ({ scoped: sample(), base: sample() }));
    // Warm-up: every request, on both servers at once (as the rounds load them), with the door on
    // and off, for a second each.
    const warmedResponses = scenarios.map(() => 0);
    const doors = [true, false];
    for (const door of doors) {
      await setDoors(servers, [door, door]);
      for (const [i, [, a, b]] of scenarios.entries()) {
        const responses = await Promise.all(servers.map((server) => loadOn(server, door ? a : b, { duration: 1 })));
        warmedResponses[i] += responses.reduce((sum, n) => sum + n, 0);
      }
    }
    // Each load of a scenario lasts DURATION seconds, or longer where the warm-up's pace would give
    // fewer than MIN_RESPONSES, so that a slow request (contacts on a large world answers about 10
    // a second while its twin is loaded too) still has its p99 among thousands over the rounds.
    const sizes = warmedResponses.map((responses) => {
      const perSecond = responses / (doors.length * servers.length);
      return { duration: Math.max(DURATION, Math.ceil(MIN_RESPONSES / Math.max(perSecond, 1))) };
    });
    for (let round = 0; round < ROUNDS; round += 1) {
      // Two processes started alike can differ for a whole run (an A/A run with fixed roles had
      // one answer at 9 % more CPU per response than its twin). The servers swap roles every
      // round, so each answers the scoped request in half the rounds and its twin in the other.
      const [scopedServer, plainServer] = round % 2 === 0 ? servers : [servers[1], servers[0]];
      await setDoors([scopedServer, plainServer], [true, TWIN_SAME]);
      // Both sides at once, for the same time: whatever else the machine does meanwhile (the
      // database's background work, the kernel, the load generator) falls on both alike. One after
      // the other, a load's CPU ratio to its twin moved over 0.65-1.36x from round to round.
      // The load generator starts one side a moment before the other: which one changes every two
      // rounds, so that each server starts first as often in either role.
      const scopedFirst = Math.floor(round / 2) % 2 === 0;
      for (const [i, [, a, b]] of scenarios.entries()) {
        const scoped = () => loadOn(scopedServer, a, sizes[i], samples[i].scoped);
        const base = () => loadOn(plainServer, b, sizes[i], samples[i].base);
        await Promise.all(scopedFirst ? [scoped(), base()] : [base(), scoped()]);
      }
    }
    const rows = scenarios.map(([name], i) => ({
      name,
      scoped: summarise(samples[i].scoped),
      base: summarise(samples[i].base),
      // Each round's scoped load against its twin's load of the same round: how much the ratio
      // moves from one round to the next.
      cpuRatios: samples[i].scoped.loads.map((cpu, round) => cpu / samples[i].base.loads[round]),
    }));
    for (const server of servers.splice(0)) await server.stop();
    const memory = await measureMemory(env, scenarios, sizes);
    return { db, size, world: world.counts, generatedIn, rows, ...memory };
  } finally {
    for (const server of servers) await server.stop();
    // A large SQLite world is a few hundred MB: nothing of a run stays in the temp folder.
    if (db === 'sqlite') fs.rmSync(path.dirname(env.DATABASE_FILENAME), { recursive: true, force: true });
  }
}

/**
 * The memory of a server that answers only scoped requests against one that answers only their
 * twins: MEMORY_PAIRS pairs of fresh servers, one pair after another, the two loaded at once with
 * their sides of every scenario, MEMORY_ROUNDS times. RSS is sampled after each load;
 * reported per pair are the median of those samples, the last one, and after two full garbage
 * collections (what the server keeps) RSS, the JS heap, V8's reserved heap and RSS by kind. One
 * pair is too few: two servers doing the same thing differed in RSS by up to 19 % (an A/A run),
 * and five scoped/unscoped pairs (SQLite small, 4 December), with equal JS heaps, had RSS after GC
 * between 0.88× and 1.37×. So the figure set against 1.2× is each side's median over the pairs.
 */
async function measureMemory(env, scenarios, sizes) {
  const pairs = [];
  let explain = { sql: null, plan: 'no employee documents scenario in this run' };
  for (let pair = 0; pair < MEMORY_PAIRS; pair += 1) {
    const scoped = await startServer(env);
    const plain = await startServer(env);
    try {
      if (!TWIN_SAME) await setDoors([plain], [false]);
      const sides = { scoped: sample(), base: sample() };
      // Both at once, as in the rounds.
      for (const [, a, b] of scenarios) {
        await Promise.all([loadOn(scoped, a, { duration: 1 }), loadOn(plain, TWIN_SAME ? a : b, { duration: 1 })]);
      }
      for (let round = 0; round < MEMORY_ROUNDS; round += 1) {
        for (const [i, [, a, b]] of scenarios.entries()) {
          await Promise.all([loadOn(scoped, a, sizes[i], sides.scoped), loadOn(plain, TWIN_SAME ? a : b, sizes[i], sides.base)]);
        }
      }
      const kept = async (server, side) => {
        const { rss, heapUsed, heapTotal, external, rssAnon, rssFile } = await server.ask({ cmd: 'rss', gc: true });
        return { median: median(side.rss), last: side.rss.at(-1), afterGc: rss, heapAfterGc: heapUsed, heapTotal, external, rssAnon, rssFile };
      };
      pairs.push({ scoped: await kept(scoped, sides.scoped), base: await kept(plain, sides.base) });
      if (pair < MEMORY_PAIRS - 1) continue;
      if (SNAPSHOT_DIR) {
        for (const [server, name] of [[scoped, 'scoped'], [plain, 'baseline']]) {
          const { file } = await server.ask({ cmd: 'snapshot', file: path.join(SNAPSHOT_DIR, `${env.DATABASE_CLIENT}-${name}.heapsnapshot`) });
          console.log(`  heap snapshot of the ${name} server: ${file}`);
        }
      }
      // The count behind pagination.total, as the employee's request runs it, explained.
      const employee = scenarios.find(([name]) => name.startsWith('employee in extranet: documents'))?.[1];
      if (employee) {
        await scoped.ask({ cmd: 'capture' });
        await loadOn(scoped, employee, { amount: CONNECTIONS });
        explain = await scoped.ask({ cmd: 'explain', match: '^select count' });
      }
    } finally {
      await scoped.stop();
      await plain.stop();
    }
  }
  const overPairs = (side) => Object.fromEntries(Object.keys(pairs[0][side]).map((k) => [k, median(pairs.map((p) => p[side][k]))]));
  return { rss: { scoped: overPairs('scoped'), base: overPairs('base') }, pairs, explain };
}

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const mb = (bytes) => `${Math.round(bytes / 1048576)} MB`;
const MEMORY_FIGURES = { median: 'median', last: 'last', afterGc: 'after GC', heapAfterGc: 'JS heap after GC', heapTotal: 'V8 heap reserved', external: 'external', rssAnon: 'RSS anonymous', rssFile: 'RSS file-backed' };
const rssLine = ({ scoped, base }) =>
  Object.entries(MEMORY_FIGURES)
    .map(([k, label]) => `${label} ${mb(scoped[k])} / ${mb(base[k])} = ${fmt(scoped[k] / base[k], 2)}×`)
    .join('; ');

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
      console.log(`  memory (median over ${r.pairs.length} pair(s)): ${rssLine(r.rss)}; count: ${r.explain.sql}\n${r.explain.plan}`);
    }
  }
  console.log(`\n${CONNECTIONS} connections per server, ${ROUNDS} rounds per request of ${DURATION} s each or longer where the warm-up's pace would give fewer than ${MIN_RESPONSES} responses; in each, the scoped request and its twin loaded at once on two servers that swap roles every round; loopback.`);
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
  console.log('\n×CPU round by round (each round\'s scoped load against its twin\'s): median (lowest–highest):');
  for (const r of results) {
    for (const row of r.rows) {
      const sorted = [...row.cpuRatios].sort((a, b) => a - b);
      console.log(`- ${r.db} ${r.size} ${row.name}: ${fmt(median(sorted), 2)} (${fmt(sorted[0], 2)}–${fmt(sorted.at(-1), 2)})`);
    }
  }
  console.log(`\nServer memory, memory phase (${MEMORY_PAIRS} pair(s) of fresh servers, ${MEMORY_ROUNDS} round(s) each; one answering only scoped requests / one answering only their twins; each figure the median over the pairs, then each pair's ratios):`);
  for (const r of results) {
    console.log(`- ${r.db} ${r.size} (${r.world.workgroups} wg, ${r.world.users} users, ${r.world.items} items, generated in ${fmt(r.generatedIn, 0)} s): ${rssLine(r.rss)}`);
    for (const [i, pair] of r.pairs.entries()) console.log(`  - pair ${i + 1}: ${['median', 'afterGc', 'heapAfterGc'].map((k) => `${MEMORY_FIGURES[k]} ${fmt(pair.scoped[k] / pair.base[k], 2)}×`).join(', ')}`);
  }
  console.log('\nThe scoped count behind pagination.total (employee in the extranet, documents):');
  for (const r of results) console.log(`\n${r.db} ${r.size}:\n  ${r.explain.sql}\n${r.explain.plan.replace(/^/gm, '    ')}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
