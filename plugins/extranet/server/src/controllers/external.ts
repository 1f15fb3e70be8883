import type Koa from 'koa';
import { pageParams, userIdParam } from './validate';
import { validatePersonProfileBody } from './validation/person';
import { getService } from '../utils';

const externals = () => getService('external');

/** Extranet admins manage partner accounts (routes carry the is-extranet-admin policy). */
export default {
  async find(ctx: Koa.Context) {
    const { page, pageSize } = await pageParams(ctx.query);
    const { results, pagination } = await externals().list(page, pageSize);
    ctx.body = { data: results, meta: { pagination } };
  },

  async update(ctx: Koa.Context) {
    const id = await userIdParam(ctx.params.userId);
    const profile = await validatePersonProfileBody(ctx.request.body);
    ctx.body = { data: await externals().update(id, profile), meta: {} };
  },

  async block(ctx: Koa.Context) {
    ctx.body = { data: await externals().setBlocked(await userIdParam(ctx.params.userId), true), meta: {} };
  },

  async unblock(ctx: Koa.Context) {
    ctx.body = { data: await externals().setBlocked(await userIdParam(ctx.params.userId), false), meta: {} };
  },

  async delete(ctx: Koa.Context) {
    await externals().remove(await userIdParam(ctx.params.userId));
    ctx.status = 204;
  },
};
