import type Koa from 'koa';
import { notFound } from '../../errors';
import type { GetTopics, SaveTopic } from '../../../../shared/contracts/topics';
import { validateCreateTopicBody, validateUpdateTopicBody } from '../validation/topic';
import { editorHandlers } from './service';
import { workgroupReach } from '../../access/admin-rbac';
import { ACTIONS } from '../../../../shared/permissions';
import { getService } from '../../utils';

// An editor limited to its workgroups counts only those (SPEC §9: nothing beyond its reach shows).
const reachOf = (ctx: Koa.Context) =>
  workgroupReach(strapi, ctx, ACTIONS.workgroupsRead) ?? { id: { $in: [] } };
const view = async (ctx: Koa.Context, documentId: string) => {
  const topic = (await getService('topic').listWithUsage(reachOf(ctx))).find(
    (t) => t.documentId === documentId,
  );
  if (!topic) throw notFound('Topic not found');
  return topic;
};

/** /extranet/manage/topics */
export default editorHandlers({
  async find(ctx: Koa.Context) {
    ctx.body = { data: await getService('topic').listWithUsage(reachOf(ctx)) } satisfies GetTopics.Response;
  },

  async create(ctx: Koa.Context) {
    const input = await validateCreateTopicBody(ctx.request.body);
    const topic = await getService('topic').createUnique(input);
    ctx.status = 201;
    ctx.body = { data: await view(ctx, topic.documentId) } satisfies SaveTopic.Response;
  },

  async update(ctx: Koa.Context) {
    const input = await validateUpdateTopicBody(ctx.request.body);
    const topic = await getService('topic').updateUnique(ctx.params.id, input);
    ctx.body = { data: await view(ctx, topic.documentId) } satisfies SaveTopic.Response;
  },

  async delete(ctx: Koa.Context) {
    await getService('topic').deleteUnused(ctx.params.id);
    ctx.status = 204;
  },
});
