import type Koa from 'koa';
import { notFound } from '../../errors';
import { GROUP_KEYS } from '../../../../shared/contracts/common';
import type { GetPeople, UpdatePerson, UpdatePersonAccess } from '../../../../shared/contracts/people';
import { envelope, userIdParam, validate, trimmedString, yup } from '../validate';
import { editorHandlers } from './service';
import { getService } from '../../utils';

const listSchema = yup.object({
  q: trimmedString().max(120),
  kind: yup.string().oneOf(['external', 'employee', 'all']).default('external'),
  page: yup.number().integer().min(1).default(1),
  pageSize: yup.number().integer().min(1).max(100).default(25),
});
const profileSchema = yup
  .object({
    firstname: trimmedString().min(1).max(100),
    lastname: trimmedString().min(1).max(100),
    company: trimmedString().max(150).nullable(),
    position: trimmedString().max(150).nullable(),
    email: trimmedString().lowercase().email(),
  })
  .noUnknown(true, 'unknown field: ${unknown}');
const accessSchema = yup
  .object({
    extranetGroups: yup.array(yup.string().oneOf(GROUP_KEYS).required()).required(),
    visibleToAllExtranet: yup.boolean().required(),
  })
  .noUnknown(true, 'unknown field: ${unknown}');

const person = async (id: number) => {
  const found = await getService('people').findForAdmin(id);
  if (!found) throw notFound('No such user');
  return found;
};

/** /extranet/manage/people — externals' accounts and anyone's extranet groups (SPEC §9). */
export default editorHandlers({
  async find(ctx: Koa.Context) {
    const query = await validate<any>(listSchema, ctx.query ?? {});
    const { results, pagination } = await getService('people').search(query);
    ctx.body = { data: results, meta: { pagination } } satisfies GetPeople.Response;
  },

  async update(ctx: Koa.Context) {
    const id = await userIdParam(ctx.params.userId);
    const profile = await validate<any>(profileSchema, await envelope((ctx.request as any).body));
    await getService('externals').update(id, profile);
    ctx.body = { data: await person(id) } satisfies UpdatePerson.Response;
  },

  async setAccess(ctx: Koa.Context) {
    const id = await userIdParam(ctx.params.userId);
    const access = await validate<any>(accessSchema, (ctx.request as any).body ?? {});
    ctx.body = { data: await getService('people').setAccess(id, access) } satisfies UpdatePersonAccess.Response;
  },

  async block(ctx: Koa.Context) {
    const id = await userIdParam(ctx.params.userId);
    await getService('externals').setBlocked(id, true);
    ctx.body = { data: await person(id) };
  },

  async unblock(ctx: Koa.Context) {
    const id = await userIdParam(ctx.params.userId);
    await getService('externals').setBlocked(id, false);
    ctx.body = { data: await person(id) };
  },

  async delete(ctx: Koa.Context) {
    await getService('externals').remove(await userIdParam(ctx.params.userId));
    ctx.status = 204;
  },
});
