'use strict';
// The Strapi under test, in its own process so the load generator does not share its CPU.
// Parent messages: { cmd: 'jwt', id } -> { jwt }; { cmd: 'scoping', on } -> { ok };
// { cmd: 'rss', gc? } -> { rss, heapUsed, heapTotal, external, rssAnon, rssFile } (bytes); { cmd: 'cpu' } -> { cpu } (µs of CPU time so far, every thread); { cmd: 'capture' } starts recording the SQL of the next requests,
// { cmd: 'explain', match } -> { sql, plan } explains the last recorded query matching `match`;
// { cmd: 'snapshot', file } -> { file } writes a V8 heap snapshot.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.join(__dirname, '..');
createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') })
  .load()
  .then((strapi) => {
    strapi.server.mount();
    const knex = strapi.db.connection;
    let recorded = null;
    knex.on('query', (q) => recorded && recorded.push({ sql: q.sql, bindings: q.bindings ?? q.toNative?.().bindings ?? [] }));
    const server = strapi.server.httpServer.listen(0, '127.0.0.1', () => process.send({ ready: server.address().port }));
    process.on('message', async (message) => {
      if (message.cmd === 'jwt') {
        process.send({ jwt: strapi.plugin('users-permissions').service('jwt').issue({ id: message.id }) });
      } else if (message.cmd === 'scoping') {
        // The baseline: the query engine's lifecycles off, i.e. the plugin's read door removed.
        if (message.on) strapi.db.lifecycles.enable();
        else strapi.db.lifecycles.disable();
        process.send({ ok: true });
      } else if (message.cmd === 'cpu') {
        const { user, system } = process.cpuUsage();
        process.send({ cpu: user + system });
      } else if (message.cmd === 'rss') {
        // { gc: true }: after two full collections (the second finishes what the first freed).
        if (message.gc) {
          global.gc();
          global.gc();
        }
        const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
        // Resident memory by kind (Linux): anonymous (heaps: V8's, malloc's) and file-backed.
        const status = require('fs').readFileSync('/proc/self/status', 'utf8');
        const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN) * 1024;
        process.send({ rss, heapUsed, heapTotal, external, rssAnon: kb('RssAnon'), rssFile: kb('RssFile') });
      } else if (message.cmd === 'snapshot') {
        process.send({ file: require('v8').writeHeapSnapshot(message.file) });
      } else if (message.cmd === 'capture') {
        recorded = [];
        process.send({ ok: true });
      } else if (message.cmd === 'explain') {
        const queries = (recorded ?? []).filter((q) => new RegExp(message.match, 'i').test(q.sql));
        recorded = null;
        const last = queries[queries.length - 1];
        if (!last) return process.send({ sql: null, plan: 'no query recorded' });
        const postgres = strapi.db.dialect.client === 'postgres';
        try {
          // Bindings inlined (numbers and strings only in these queries), `?` or `$n` alike.
          const literal = (v) => (typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (postgres ? String(v) : v ? '1' : '0') : `'${String(v).replace(/'/g, "''")}'`);
          let i = 0;
          const sql = last.sql.replace(/\$(\d+)|\?/g, (m, n) => literal(last.bindings[n ? Number(n) - 1 : i++]));
          const result = await knex.raw(`${postgres ? 'EXPLAIN (ANALYZE, COSTS OFF)' : 'EXPLAIN QUERY PLAN'} ${sql}`);
          const plan = postgres ? result.rows.map((r) => r['QUERY PLAN']).join('\n') : result.map((r) => `${r.parent ? '  ' : ''}${r.detail}`).join('\n');
          process.send({ sql, plan });
        } catch (error) {
          process.send({ sql: last.sql, plan: `(could not explain: ${error.message})` });
        }
      } else if (message.cmd === 'stop') {
        await strapi.destroy();
        process.exit(0);
      }
    });
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
