import { personAccessSchema, personProfileSchema } from '../../../../shared/validation-schemas';
import type { GroupKey } from '../../../../shared/contracts/common';
import type { ExternalProfile } from '../../services/external';
import { envelope, validate } from '../validate';

/** `{ data: { firstname?, lastname?, company?, position?, email? } }`, from the API and the admin panel. */
export const validatePersonProfileBody = async (body: unknown) =>
  validate<ExternalProfile>(personProfileSchema, await envelope(body));

/** `{ extranetGroups, visibleToAllExtranet }` (SPEC §9), from the admin panel. */
export const validatePersonAccessBody = (body: unknown) =>
  validate<{ extranetGroups: GroupKey[]; visibleToAllExtranet: boolean }>(personAccessSchema, body ?? {});
