import { memberRoleSchema, renewMembershipSchema } from '../../../../shared/validation-schemas';
import type { WorkgroupRole } from '../../access/rule';
import { validate } from '../validate';

/** `PUT .../members/:userId { role }` (SPEC §6), from the API and the admin panel. */
export const validateMemberRoleBody = (body: unknown) =>
  validate<{ role: WorkgroupRole }>(memberRoleSchema, body ?? {});

/** `POST .../members/:userId/renew { days? }` (SPEC §10). */
export const validateRenewBody = (body: unknown) =>
  validate<{ days?: number }>(renewMembershipSchema, body ?? {});
