import { messageSchema } from '../../../../shared/validation-schemas';
import { validate } from '../validate';

/** `POST /api/extranet/messages { to, body }` (SPEC §6). */
export const validateMessageBody = (body: unknown) =>
  validate<{ to: number; body: string }>(messageSchema, body ?? {});
