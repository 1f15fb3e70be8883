import { factories, type Core } from '@strapi/strapi';
import { TOPIC_UID, WORKGROUP_UID } from '../constants';
import { conflict, notFound } from '../errors';
import { asSystem } from '../access/system';

export interface TopicInput {
  name?: string;
  description?: string | null;
  sort?: number;
}

/**
 * Strapi's core service for `find`/`findOne` (the query engine scopes them), and the writes with
 * their name and in-use checks. Topics are managed by extranet admins (the route policy checks
 * that); the writes are named apart so that they never stand in for the core service's own.
 */
const createTopicService = ({ strapi }: { strapi: Core.Strapi }) => {
  const topics = () => strapi.db.query(TOPIC_UID);
  const load = async (documentId: string) => {
    const topic = await topics().findOne({ where: { documentId } });
    if (!topic) throw notFound('Topic not found');
    return topic;
  };
  const assertNameFree = async (name: string, exceptId?: number) => {
    const clash = await topics().findOne({
      where: { name: { $eqi: name }, ...(exceptId ? { id: { $ne: exceptId } } : {}) },
    });
    if (clash) throw conflict('TopicNameTaken', `A topic named "${name}" already exists`, { field: 'name' });
  };

  return {
    /** Topics with how many workgroups use them — of those in `reach` (an editor's), when given. */
    async listWithUsage(reach: Record<string, unknown> | null = null) {
      const within = reach && Object.keys(reach).length > 0 ? { where: reach } : {};
      const rows = await topics().findMany({
        orderBy: [{ sort: 'asc' }, { name: 'asc' }],
        populate: { workgroups: { select: ['id'], ...within } },
      });
      return rows.map((t: any) => ({
        documentId: t.documentId,
        name: t.name,
        description: t.description ?? null,
        sort: t.sort ?? 0,
        workgroups: (t.workgroups ?? []).length,
      }));
    },

    async createUnique(input: Required<Pick<TopicInput, 'name'>> & TopicInput) {
      return strapi.db.transaction(async () => {
        await assertNameFree(input.name);
        return topics().create({
          data: { name: input.name, description: input.description ?? null, sort: input.sort ?? 100 },
        });
      });
    },

    async updateUnique(documentId: string, input: TopicInput) {
      return strapi.db.transaction(async () => {
        const topic = await load(documentId);
        if (input.name !== undefined) await assertNameFree(input.name, topic.id);
        return topics().update({ where: { id: topic.id }, data: input });
      });
    },

    /** A topic that still has workgroups — any, even ones the admin cannot see — answers 409. */
    async deleteUnused(documentId: string) {
      await strapi.db.transaction(async () => {
        const topic = await load(documentId);
        const inUse = await asSystem(() =>
          strapi.db.query(WORKGROUP_UID).count({ where: { topic: { id: topic.id } } }),
        );
        if (inUse > 0)
          throw conflict('TopicInUse', `${inUse} workgroup(s) still use this topic`, { workgroups: inUse });
        await topics().delete({ where: { id: topic.id } });
      });
    },
  };
};

export type TopicService = ReturnType<typeof createTopicService>;

export default factories.createCoreService(TOPIC_UID, createTopicService);
