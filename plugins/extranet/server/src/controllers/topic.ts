import { factories } from '@strapi/strapi';
import { envelope, validate } from './validate';
import { createTopicSchema as createSchema, updateTopicSchema as updateSchema } from './validation/topic';
import { getService } from '../utils';

export default factories.createCoreController('plugin::extranet.topic' as any, () => ({
  async create(ctx: any) {
    const input = await validate<any>(createSchema, await envelope(ctx.request.body));
    ctx.status = 201;
    return this.transformResponse(await this.sanitizeOutput(await getService('topic').createUnique(input), ctx));
  },

  async update(ctx: any) {
    const input = await validate<any>(updateSchema, await envelope(ctx.request.body));
    return this.transformResponse(await this.sanitizeOutput(await getService('topic').updateUnique(ctx.params.id, input), ctx));
  },

  async delete(ctx: any) {
    await getService('topic').deleteUnused(ctx.params.id);
    ctx.status = 204;
  },
}));
