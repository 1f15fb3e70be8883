import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ExtranetConfig, RateLimit } from '../config';

/**
 * The plugin's rate limits (SPEC §12), one counter per purpose, shared by every node: on
 * PostgreSQL the counters live in the table `extranet_rate_limits` (rate-limiter-flexible's
 * PostgreSQL store, through the app's knex); on SQLite, which serves one node, in memory.
 */
export type LimitName = 'accept' | 'acceptToken' | 'invite' | 'message';

export const RATE_LIMIT_TABLE = 'extranet_rate_limits';

/** The outcome of counting one request: allowed, or refused for `retryAfter` seconds. */
export type Verdict = { allowed: true } | { allowed: false; retryAfter: number };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const limiters = new Map<LimitName, Promise<RateLimiterAbstract>>();

  const settingsOf = (name: LimitName): RateLimit => {
    const { rateLimits } = strapi.config.get('plugin::extranet') as ExtranetConfig;
    if (name === 'acceptToken') return { max: rateLimits.accept.maxPerToken, windowSeconds: rateLimits.accept.windowSeconds };
    return rateLimits[name];
  };

  const create = (name: LimitName): Promise<RateLimiterAbstract> => {
    const { max, windowSeconds } = settingsOf(name);
    const options = { keyPrefix: `extranet-${name}`, points: max, duration: windowSeconds };
    if (strapi.db.dialect.client !== 'postgres') return Promise.resolve(new RateLimiterMemory(options));
    return new Promise((resolve, reject) => {
      const schemaName = strapi.db.getSchemaName?.() || undefined;
      const limiter: RateLimiterPostgres = new RateLimiterPostgres(
        { ...options, storeClient: strapi.db.connection, storeType: 'knex', tableName: RATE_LIMIT_TABLE, schemaName },
        (error?: Error) => (error ? reject(error) : resolve(limiter))
      );
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

    /** Counts one request against `key` under `name`. */
    async consume(name: LimitName, key: string): Promise<Verdict> {
      try {
        await (await limiter(name)).consume(key, 1);
        return { allowed: true };
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) return { allowed: false, retryAfter: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
        throw outcome;
      }
    },
  };
};
