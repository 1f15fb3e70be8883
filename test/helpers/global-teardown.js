'use strict';
// Removes what this run made and a crashed file of it left: its SQLite temp folders and, on
// PostgreSQL, its databases. Only this run's (run-names.js): a concurrent run on the same machine
// or the same PostgreSQL server (another worktree, CI) is never touched. What a crashed run left
// is removed by a later run once it is LEFTOVER_AFTER_MS old.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Client } = require('pg');
const { DIR_PREFIX, LEFTOVER_AFTER_MS, PG_PREFIX, pgRunPattern, runStartedAt } = require('./run-names');

const isLeftover = (name) => {
  const started = runStartedAt(name);
  return started !== null && Date.now() - started > LEFTOVER_AFTER_MS;
};

module.exports = async () => {
  const run = process.env.EXTRANET_TEST_RUN;
  for (const name of fs.readdirSync(os.tmpdir())) {
    if ((run && name.startsWith(`${DIR_PREFIX}${run}-`)) || (name.startsWith(DIR_PREFIX) && isLeftover(name))) {
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
  if (process.env.DATABASE_CLIENT !== 'postgres') return;
  const client = new Client({
    host: process.env.DATABASE_HOST || 'localhost',
    port: Number(process.env.DATABASE_PORT || 5432),
    user: process.env.DATABASE_USERNAME || 'strapi',
    password: process.env.DATABASE_PASSWORD || 'strapi',
    database: 'postgres',
  });
  await client.connect();
  try {
    // This run's own: its nodes are gone, so FORCE only ends what a crashed file left connected.
    if (run) {
      const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [pgRunPattern(run)]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    // Another run's, hours old: a crashed run's leftovers. Without FORCE: one still in use stays.
    const { rows: others } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${PG_PREFIX.replace(/_/g, '\\_')}%`]);
    for (const { datname } of others.filter((row) => isLeftover(row.datname))) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}"`).catch((error) => console.warn(`global teardown: ${datname} kept: ${error.message}`));
    }
  } finally {
    await client.end();
  }
};
