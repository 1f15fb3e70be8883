import type Koa from 'koa';
import { currentPrincipal } from '../access/principal';
import { strictObject, validate, yup } from './validate';
import { getService } from '../utils';

const deleteSchema = strictObject({ password: yup.string().strict().required().max(200) });

export default {
  /** POST /api/extranet/me/delete { password } (SPEC §10: a POST, since DELETE bodies are not parsed). */
  async delete(ctx: Koa.Context) {
    const { password } = await validate<{ password: string }>(deleteSchema, ctx.request.body ?? {});
    await getService('account').deleteOwnExternalAccount(await currentPrincipal(strapi), password);
    ctx.status = 204;
  },
};
