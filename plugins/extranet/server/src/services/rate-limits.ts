import type { Core } from '@strapi/strapi';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { ExtranetConfig, RateLimit } from '../config';

/**
 * The plugin's rate limits (SPEC §12), one counter per purpose, shared by every node: on
 * PostgreSQL the counters live in the table `extranet_rate_limits` (rate-limiter-flexible's
 * PostgreSQL store, through the app's knex); on SQLite, which serves one node, in memory.
 */
export type LimitName = 'accept' | 'acceptToken' | 'invite' | 'message';

export const RATE_LIMIT_TABLE = 'extranet_rate_limits';

/** How long an ended window's row is kept: an hour, the store's own margin. */
const EXPIRED_FOR_MS = 60 * 60 * 1000;

/** The outcome of counting one request: allowed, or refused for `retryAfter` seconds. */
export type Verdict = { allowed: true } | { allowed: false; retryAfter: number };

const createRateLimitService = ({ strapi }: { strapi: Core.Strapi }) => {
  const limiters = new Map<LimitName, Promise<RateLimiterAbstract>>();

  const settingsOf = (name: LimitName): RateLimit => {
    const { rateLimits } = strapi.config.get('plugin::extranet') as ExtranetConfig;
    if (name === 'acceptToken')
      return { max: rateLimits.accept.maxPerToken, windowSeconds: rateLimits.accept.windowSeconds };
    return rateLimits[name];
  };

  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  const schemaName = () => strapi.db.getSchemaName?.() || undefined;

  /**
   * The counters' table, created once here rather than by each limiter: concurrent
   * `CREATE TABLE IF NOT EXISTS` (four limiters, several nodes starting together) can fail on
   * PostgreSQL's catalog ("type already exists"); whoever loses finds the table made.
   */
  let table: Promise<void> | null = null;
  const ensureTable = () =>
    (table ??= (async () => {
      const schema = schemaName()
        ? strapi.db.connection.schema.withSchema(schemaName()!)
        : strapi.db.connection.schema;
      const create = () =>
        strapi.db.connection.raw(
          `CREATE TABLE IF NOT EXISTS ${schemaName() ? '??.' : ''}?? (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
          schemaName() ? [schemaName(), RATE_LIMIT_TABLE] : [RATE_LIMIT_TABLE],
        );
      try {
        await create();
      } catch (error) {
        if (!(await schema.hasTable(RATE_LIMIT_TABLE))) throw error;
      }
    })());

  const create = async (name: LimitName): Promise<RateLimiterAbstract> => {
    const { max, windowSeconds } = settingsOf(name);
    const options = { keyPrefix: `extranet-${name}`, points: max, duration: windowSeconds };
    if (!isPostgres()) return new RateLimiterMemory(options);
    await ensureTable();
    return new RateLimiterPostgres({
      ...options,
      storeClient: strapi.db.connection,
      storeType: 'knex',
      tableName: RATE_LIMIT_TABLE,
      schemaName: schemaName(),
      tableCreated: true,
      // The store would clear expired rows from a timer of its own, every 5 minutes and re-armed
      // whatever the outcome: an unref'ed timer in Node's process-wide list, holding the store and
      // through it the app's knex and the whole app, for ever after the app is destroyed (in the
      // PostgreSQL test run every finished file's app stayed in its worker: 674 and 1,056 MB of
      // heap at the end). `clearExpired` below does it instead, from a cron task that stops with
      // the app.
      clearExpiredByTimeout: false,
    });
  };

  const limiter = (name: LimitName) => {
    if (!limiters.has(name)) limiters.set(name, create(name));
    return limiters.get(name)!;
  };

  return {
    /** Creates the counters (and, on PostgreSQL, their table) before the first request. */
    async ready() {
      await Promise.all((['accept', 'acceptToken', 'invite', 'message'] as LimitName[]).map(limiter));
    },

    /**
     * Forgets the in-memory counters when the app is destroyed (SQLite; on PostgreSQL the counters
     * are rows and there is nothing to release). rate-limiter-flexible's memory store ends each
     * counter with its own `setTimeout` (unref'ed, as long as the window: 60 s and more), whose
     * callback holds the store, and Node keeps a pending timer in its process-wide timer list: a
     * destroyed app stayed reachable from there until the last window ran out, and with it every
     * object of the app, including the request that last counted (it rides on the timer as its
     * AsyncLocalStorage store). In the jest suite, where each file boots its app in its own vm
     * context, a heap snapshot at the end of a worker showed the finished files retained by that
     * path (Timers list -> Timeout -> kResourceStore -> koa context -> app -> strapi, and
     * Timeout -> _onTimeout -> MemoryStorage -> the file's context). The store has no public way
     * to list its keys, so its map is read; a release of rate-limiter-flexible that renames it
     * only makes this a no-op again.
     */
    async stop() {
      const made = await Promise.allSettled([...limiters.values()]);
      limiters.clear();
      for (const outcome of made) {
        if (outcome.status !== 'fulfilled' || !(outcome.value instanceof RateLimiterMemory)) continue;
        const store = (
          outcome.value as unknown as { _memoryStorage?: { _storage?: unknown; delete?: unknown } }
        )._memoryStorage;
        if (!store || !(store._storage instanceof Map) || typeof store.delete !== 'function') continue;
        for (const key of [...store._storage.keys()])
          (store.delete as (key: string) => boolean).call(store, key);
      }
    },

    /**
     * Deletes the counters (PostgreSQL rows) whose window ended over an hour ago, as the store's own
     * timer did; a counter in use is never touched. Run by the cron task `extranetExpiredRateLimits`.
     */
    async clearExpired() {
      if (!isPostgres()) return;
      await ensureTable();
      const rows = strapi.db.connection(RATE_LIMIT_TABLE);
      if (schemaName()) rows.withSchema(schemaName()!);
      await rows.where('expire', '<', Date.now() - EXPIRED_FOR_MS).del();
    },

    /** Counts one request against `key` under `name`. */
    async consume(name: LimitName, key: string): Promise<Verdict> {
      try {
        await (await limiter(name)).consume(key, 1);
        return { allowed: true };
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes)
          return { allowed: false, retryAfter: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
        throw outcome;
      }
    },
  };
};

export type RateLimitService = ReturnType<typeof createRateLimitService>;
export default createRateLimitService;
