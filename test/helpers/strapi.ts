import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { Client } from 'pg';
import { createStrapi, type Core } from '@strapi/strapi';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { currentRun, DIR_PREFIX, PG_PREFIX } = require('./run-names');

const ROOT = path.join(__dirname, '..', '..');

export interface TestApp {
  strapi: Core.Strapi;
  dbFile: string;
  /** supertest bound to this Strapi's HTTP server */
  http: () => ReturnType<typeof request>;
  stop: () => Promise<void>;
}

const isPostgres = () => process.env.DATABASE_CLIENT === 'postgres';
let databases = 0;

/**
 * Temp SQLite folders and PostgreSQL databases are named after the jest run (global-setup sets
 * EXTRANET_TEST_RUN; run-names.js), so the global teardown removes this run's, and what a crashed
 * file of it left behind, without touching a concurrent run's.
 */
const RUN = currentRun();
const TEMP_PREFIX = `${DIR_PREFIX}${RUN}-`;

/** A fresh database of its own: a temp SQLite file, or a new PostgreSQL database name. */
export const tempDbFile = () =>
  isPostgres()
    ? `${PG_PREFIX}${RUN}_${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`
    : path.join(fs.mkdtempSync(path.join(os.tmpdir(), TEMP_PREFIX)), 'data.db');

/**
 * Removes the temp SQLite folder of `dbFile` (the database file, its journal and WAL files), once
 * no Strapi uses it any more. Only folders made by `tempDbFile`; a PostgreSQL database is dropped
 * by the global teardown.
 */
export const removeTempDb = (dbFile: string) => {
  if (isPostgres()) return;
  const dir = path.dirname(dbFile);
  if (path.dirname(dir) === os.tmpdir() && path.basename(dir).startsWith(DIR_PREFIX)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

const UPLOADS = path.join(ROOT, 'public', 'uploads');

/** Deletes from public/uploads every file (and its formats) recorded in this Strapi's database. */
export async function removeUploads(strapi: Core.Strapi) {
  const rows = await strapi.db.query('plugin::upload.file').findMany({ select: ['url', 'formats'] });
  for (const file of rows as any[]) {
    for (const url of [file.url, ...Object.values(file.formats ?? {}).map((f: any) => f?.url)]) {
      if (typeof url === 'string' && url.startsWith('/uploads/')) fs.rmSync(path.join(UPLOADS, path.basename(url.split('?')[0])), { force: true });
    }
  }
}

export { PG_PREFIX };

/** Connection to the PostgreSQL server the tests run against (same defaults as config/database.ts). */
export const pgAdminClient = () =>
  new Client({
    host: process.env.DATABASE_HOST || 'localhost',
    port: Number(process.env.DATABASE_PORT || 5432),
    user: process.env.DATABASE_USERNAME || 'strapi',
    password: process.env.DATABASE_PASSWORD || 'strapi',
    database: 'postgres',
  });

/** The environment that points Strapi at `database` (creating it on PostgreSQL). */
export async function databaseEnv(database: string): Promise<Record<string, string>> {
  if (!isPostgres()) return { DATABASE_FILENAME: database };
  const client = pgAdminClient();
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    // template0: nobody connects to it, so parallel test files can create databases at once.
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}" TEMPLATE template0`);
  } finally {
    await client.end();
  }
  return { DATABASE_NAME: database };
}

/**
 * Waits (up to 10 s) until no query is running or waiting for a connection: the document service
 * emits its events after a write, asynchronously, and destroying the pool under such a query
 * fails the test file after its tests have passed.
 */
async function drain(strapi: Core.Strapi) {
  const pool = (strapi.db as any)?.connection?.client?.pool;
  for (let waited = 0; pool && waited < 10000; waited += 50) {
    if (pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Boots the real app from dist/ (compiled once in global-setup) on a SQLite file of its own,
 * or on the PostgreSQL database named by DATABASE_* when DATABASE_CLIENT=postgres.
 * `env` overrides process.env for this boot only.
 * A database the app made itself (no `dbFile` given) is its own: `stop` deletes the files it
 * uploaded and its temp folder. A `dbFile` given by the test file (a restart, several nodes) is
 * the test file's to remove with `removeTempDb` (and `removeUploads`) once its last app stopped.
 */
export async function startApp(
  options: { dbFile?: string; env?: Record<string, string | undefined> } = {}
): Promise<TestApp> {
  const owned = options.dbFile === undefined;
  const dbFile = options.dbFile ?? tempDbFile();
  const overrides = { ...(await databaseEnv(dbFile)), ...options.env };
  const saved = Object.fromEntries(Object.keys(overrides).map((k) => [k, process.env[k]]));
  const restoreEnv = () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }

  let strapi: Core.Strapi;
  const instance = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
  let booted!: () => void;
  booting.add(new Promise<void>((resolve) => (booted = resolve)));
  try {
    strapi = await instance.load();
  } catch (error) {
    // A boot that fails half-way must not leave its database pool (or timers) open: they would
    // keep the jest worker from exiting.
    await instance.destroy().catch(() => undefined);
    booted();
    throw error;
  } finally {
    restoreEnv();
  }
  strapi.server.mount();

  let stopping: Promise<void> | null = null;
  const app: TestApp = {
    strapi,
    dbFile,
    http: () => request(strapi.server.httpServer),
    stop: () =>
      (stopping ??= (async () => {
        running.delete(app);
        await drain(strapi);
        if (owned) await removeUploads(strapi);
        await strapi.destroy();
        if (owned) removeTempDb(dbFile);
      })()),
  };
  running.add(app);
  booted();
  return app;
}

/**
 * Apps of this test file still booting or not stopped. A hook that timed out (a boot slower than
 * its timeout on a loaded machine) never got its app, so it never stops it: its cron timers and
 * database pool would keep the jest worker alive. The test environment (environment.js) calls
 * this once the file's own hooks ran: it waits for the boots and stops what is left.
 */
const booting = new Set<Promise<void>>();
const running = new Set<TestApp>();
(globalThis as any).__extranetStopLeftoverApps = async () => {
  // A boot that hangs is not waited for forever (the file then reports what it left). The guard is
  // cleared once the boots are in: an unref'ed timer does not hold the worker open, but it stays in
  // Node's timer list, which every file of the worker shares, for its whole 120 s, and its callback
  // (the resolve of a promise made here) kept this finished file's vm context, and its Strapi, alive
  // in the worker (heap snapshot: Timers list -> Timeout -> _onTimeout -> NativeContext -> ...).
  let guard: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all([...booting]),
    new Promise((resolve) => (guard = setTimeout(resolve, 120000)).unref()),
  ]).finally(() => clearTimeout(guard));
  for (const app of [...running]) await app.stop().catch(() => undefined);
};
