'use strict';
// On PostgreSQL every test file made databases of its own: drop them.
// On SQLite each test file removes its temp folder; what a crashed file left is removed here.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Client } = require('pg');

module.exports = async () => {
  const run = process.env.EXTRANET_TEST_RUN;
  if (run) {
    for (const name of fs.readdirSync(os.tmpdir())) {
      if (name.startsWith(`extranet-test-${run}-`)) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
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
  const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'extranet\\_t\\_%'");
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await client.end();
};
