import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { createStrapi, type Core } from '@strapi/strapi';

const ROOT = path.join(__dirname, '..', '..');

export interface TestApp {
  strapi: Core.Strapi;
  dbFile: string;
  /** supertest bound to this Strapi's HTTP server */
  http: () => ReturnType<typeof request>;
  stop: () => Promise<void>;
}

export const tempDbFile = () =>
  path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'extranet-test-')), 'data.db');

/**
 * Boots the real app from dist/ (compiled once in global-setup) on a SQLite file of its own,
 * or on the PostgreSQL database named by DATABASE_* when DATABASE_CLIENT=postgres.
 * `env` overrides process.env for this boot only.
 */
export async function startApp(
  options: { dbFile?: string; env?: Record<string, string | undefined> } = {}
): Promise<TestApp> {
  const dbFile = options.dbFile ?? tempDbFile();
  const overrides = { DATABASE_FILENAME: dbFile, ...options.env };
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
  try {
    strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  } finally {
    restoreEnv();
  }
  strapi.server.mount();

  return {
    strapi,
    dbFile,
    http: () => request(strapi.server.httpServer),
    stop: async () => {
      await strapi.destroy();
    },
  };
}
