import type Koa from 'koa';
import type { GetExplanation } from '../../../shared/contracts/governance';
import { numericId, strictObject, validate, yup } from './validate';
import { getService } from '../utils';

const querySchema = strictObject({
  user: numericId().required(),
  type: yup.string().strict().required(),
  documentId: yup.string().strict().required(),
});

export default {
  /** GET /api/extranet/explain?user=ID&type=UID&documentId=X (extranet admins). */
  async show(ctx: Koa.Context) {
    const { user, type, documentId } = await validate<{ user: number; type: string; documentId: string }>(
      querySchema,
      ctx.query ?? {},
    );
    ctx.body = {
      data: await getService('explain').explain(user, type, documentId),
      meta: {},
    } satisfies GetExplanation.Response;
  },
};
