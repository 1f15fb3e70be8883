import {
  adminCreateWorkgroupSchema,
  createWorkgroupSchema,
  updateWorkgroupSchema,
  workgroupManagersSchema,
} from '../../../../shared/validation-schemas';
import type { NewWorkgroupInput, WorkgroupInput } from '../../services/workgroup';
import type { SetManagers } from '../../../../shared/contracts/workgroups';
import { envelope, validate } from '../validate';

/** `{ data: { ... } }` (SPEC §3, §6): the API's bodies and the admin's, which also names the owner (SPEC §9). */
export const validateCreateWorkgroupBody = async (body: unknown) =>
  validate<NewWorkgroupInput>(createWorkgroupSchema, await envelope(body));

export const validateAdminCreateWorkgroupBody = async (body: unknown) =>
  validate<NewWorkgroupInput & { owner: number }>(adminCreateWorkgroupSchema, await envelope(body));

export const validateUpdateWorkgroupBody = async (body: unknown) =>
  validate<WorkgroupInput>(updateWorkgroupSchema, await envelope(body));

/** `PUT /extranet/manage/workgroups/:id/managers { managers }` (SPEC §9), from the admin panel. */
export const validateWorkgroupManagersBody = (body: unknown) =>
  validate<SetManagers.Request['body']>(workgroupManagersSchema, body ?? {});
