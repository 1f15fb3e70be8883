import {
  adminCreateWorkgroupSchema,
  createWorkgroupSchema,
  updateWorkgroupSchema,
} from '../../../../shared/validation-schemas';
import type { NewWorkgroupInput, WorkgroupInput } from '../../services/workgroup';
import { envelope, validate } from '../validate';

/** `{ data: { ... } }` (SPEC §3, §6): the API's bodies and the admin's, which also names the owner (SPEC §9). */
export const validateCreateWorkgroupBody = async (body: unknown) =>
  validate<NewWorkgroupInput>(createWorkgroupSchema, await envelope(body));

export const validateAdminCreateWorkgroupBody = async (body: unknown) =>
  validate<NewWorkgroupInput & { owner: number }>(adminCreateWorkgroupSchema, await envelope(body));

export const validateUpdateWorkgroupBody = async (body: unknown) =>
  validate<WorkgroupInput>(updateWorkgroupSchema, await envelope(body));
