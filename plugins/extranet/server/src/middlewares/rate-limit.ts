import type Koa from 'koa';
import type { Core } from '@strapi/strapi';
import { tooManyRequests } from '../errors';
import { sendProblemPage } from '../pages/invitation';
import { hashToken, isTokenShaped } from '../services/invitation';
import type { LimitName, Verdict } from '../services/rate-limits';
import { getService } from '../utils';

/**
 * `plugin::extranet.rate-limit`, attached per route with `{ limit }` (SPEC §12), like
 * users-permissions' `rateLimit`:
 * - `accept`: per client address (Koa's `ctx.request.ip`: behind a proxy, set `server.proxy`) and
 *   per token (its hash; a string that cannot be a token counts against the address only),
 *   both accept routes together; `page: true` answers the HTML "too many attempts" page;
 * - `invite`: per inviting user (users-permissions user, or admin user from the admin panel);
 * - `message`: per sender.
 * Past a limit: 429 `RateLimitError` with `Retry-After`.
 */
export interface RateLimitConfig {
  limit: 'accept' | 'invite' | 'message';
  page?: boolean;
  /** the route is the admin panel's: the user is an admin user */
  admin?: boolean;
}

const refuse = (ctx: Koa.Context, config: RateLimitConfig, retryAfter: number) => {
  ctx.set('Retry-After', String(retryAfter));
  if (!config.page) throw tooManyRequests(retryAfter);
  sendProblemPage(ctx, 'RateLimitError');
};

export default (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) => {
  const count = (name: LimitName, key: string): Promise<Verdict> =>
    getService('rate-limits', { strapi }).consume(name, key);

  return async (ctx: Koa.Context, next: Koa.Next) => {
    const checks: Array<[LimitName, string]> = [];
    if (config.limit === 'accept') {
      checks.push(['accept', `ip:${ctx.request.ip}`]);
      const token = config.page ? ctx.params?.token : ctx.request.body?.token;
      if (isTokenShaped(token)) checks.push(['acceptToken', `token:${hashToken(token)}`]);
    } else {
      const user = ctx.state?.user;
      if (user?.id !== undefined)
        checks.push([config.limit, `${config.admin ? 'admin' : 'user'}:${user.id}`]);
    }
    for (const [name, key] of checks) {
      const verdict = await count(name, key);
      if ('retryAfter' in verdict) return refuse(ctx, config, verdict.retryAfter);
    }
    return next();
  };
};
