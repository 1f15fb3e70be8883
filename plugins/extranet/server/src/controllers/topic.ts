import type Koa from 'koa';
import { factories } from '@strapi/strapi';
import { validateCreateTopicBody, validateUpdateTopicBody } from './validation/topic';
import { getService } from '../utils';
import { TOPIC_UID } from '../constants';

export default factories.createCoreController(TOPIC_UID, () => ({
  async create(ctx: Koa.Context) {
    const input = await validateCreateTopicBody(ctx.request.body);
    ctx.status = 201;
    return this.transformResponse!(
      await this.sanitizeOutput!(await getService('topic').createUnique(input), ctx),
    );
  },

  async update(ctx: Koa.Context) {
    const input = await validateUpdateTopicBody(ctx.request.body);
    return this.transformResponse!(
      await this.sanitizeOutput!(await getService('topic').updateUnique(ctx.params.id, input), ctx),
    );
  },

  async delete(ctx: Koa.Context) {
    await getService('topic').deleteUnused(ctx.params.id);
    ctx.status = 204;
  },
}));
