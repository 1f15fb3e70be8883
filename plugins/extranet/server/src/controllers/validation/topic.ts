import { createTopicSchema, updateTopicSchema } from '../../../../shared/validation-schemas';
import type { TopicInput } from '../../services/topic';
import { envelope, validate } from '../validate';

/** `{ data: { name, description?, sort? } }` (SPEC §6), from the API and the admin panel. */
export const validateCreateTopicBody = async (body: unknown) =>
  validate<TopicInput & { name: string }>(createTopicSchema, await envelope(body));

export const validateUpdateTopicBody = async (body: unknown) =>
  validate<TopicInput>(updateTopicSchema, await envelope(body));
