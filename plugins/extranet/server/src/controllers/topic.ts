import { factories } from '@strapi/strapi';
import { validateCreateTopicBody, validateUpdateTopicBody } from './validation/topic';
import { getService } from '../utils';

export default factories.createCoreController('plugin::extranet.topic' as any, () => ({
  async create(ctx: any) {
    const input = await validateCreateTopicBody(ctx.request.body);
    ctx.status = 201;
    return this.transformResponse(await this.sanitizeOutput(await getService('topic').createUnique(input), ctx));
  },

  async update(ctx: any) {
    const input = await validateUpdateTopicBody(ctx.request.body);
    return this.transformResponse(await this.sanitizeOutput(await getService('topic').updateUnique(ctx.params.id, input), ctx));
  },

  async delete(ctx: any) {
    await getService('topic').deleteUnused(ctx.params.id);
    ctx.status = 204;
  },
}));
