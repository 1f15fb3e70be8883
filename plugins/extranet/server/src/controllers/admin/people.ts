import type Koa from 'koa';
import { notFound } from '../../errors';
import type { GetPeople, UpdatePerson, UpdatePersonAccess } from '../../../../shared/contracts/people';
import { userIdParam, validate, trimmedString, yup } from '../validate';
import { validatePersonAccessBody, validatePersonProfileBody } from '../validation/person';
import { editorHandlers } from './service';
import { getService } from '../../utils';

const listSchema = yup.object({
  q: trimmedString().max(120),
  kind: yup.string().oneOf(['external', 'employee', 'all']).default('external'),
  page: yup.number().integer().min(1).default(1),
  pageSize: yup.number().integer().min(1).max(100).default(25),
});

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
    const profile = await validatePersonProfileBody(ctx.request.body);
    await getService('external').update(id, profile);
    ctx.body = { data: await person(id) } satisfies UpdatePerson.Response;
  },

  async setAccess(ctx: Koa.Context) {
    const id = await userIdParam(ctx.params.userId);
    const access = await validatePersonAccessBody(ctx.request.body);
    await getService('people').setAccess(id, access);
    ctx.body = { data: await person(id) } satisfies UpdatePersonAccess.Response;
  },

  async block(ctx: Koa.Context) {
    const id = await userIdParam(ctx.params.userId);
    await getService('external').setBlocked(id, true);
    ctx.body = { data: await person(id) };
  },

  async unblock(ctx: Koa.Context) {
    const id = await userIdParam(ctx.params.userId);
    await getService('external').setBlocked(id, false);
    ctx.body = { data: await person(id) };
  },

  async delete(ctx: Koa.Context) {
    await getService('external').remove(await userIdParam(ctx.params.userId));
    ctx.status = 204;
  },
});
