import { envelope, pageParams, userIdParam, validate, yup, trimmedString } from './validate';
import { getService } from '../utils';

const externals = () => getService('externals');
const profileSchema = yup.object({
  firstname: trimmedString().min(1).max(100),
  lastname: trimmedString().min(1).max(100),
  company: trimmedString().max(150).nullable(),
  position: trimmedString().max(150).nullable(),
  email: trimmedString().transform((v: unknown) => (typeof v === "string" ? v.toLowerCase() : v)).email(),
}).noUnknown(true, 'unknown field: ${unknown}');

/** Extranet admins manage partner accounts (routes carry the is-extranet-admin policy). */
export default {
  async find(ctx: any) {
    const { page, pageSize } = await pageParams(ctx.query);
    const { results, pagination } = await externals().list(page, pageSize);
    ctx.body = { data: results, meta: { pagination } };
  },

  async update(ctx: any) {
    const id = await userIdParam(ctx.params.userId);
    const profile = await validate<any>(profileSchema, await envelope(ctx.request.body));
    ctx.body = { data: await externals().update(id, profile), meta: {} };
  },

  async block(ctx: any) {
    ctx.body = { data: await externals().setBlocked(await userIdParam(ctx.params.userId), true), meta: {} };
  },

  async unblock(ctx: any) {
    ctx.body = { data: await externals().setBlocked(await userIdParam(ctx.params.userId), false), meta: {} };
  },

  async delete(ctx: any) {
    await externals().remove(await userIdParam(ctx.params.userId));
    ctx.status = 204;
  },
};
