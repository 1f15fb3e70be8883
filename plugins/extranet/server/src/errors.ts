import createError from 'http-errors';
import { errors } from '@strapi/utils';

/** Strapi renders these as `{ data: null, error: { status, name, message, details } }` (SPEC §8). */
const httpError = (status: number, name: string, message: string, details: Record<string, unknown> = {}) =>
  Object.assign(createError(status, message), { name, details });

export const workgroupArchived = () =>
  httpError(409, 'WorkgroupArchived', 'The workgroup is archived: it is read-only');
export const seatLimitReached = (limit: number) =>
  httpError(409, 'SeatLimitReached', `All ${limit} extranet seats are taken`, { limit });
export const emailDomainNotAllowed = (domain: string) =>
  httpError(422, 'EmailDomainNotAllowed', `E-mail addresses of ${domain} may not be invited`, { domain });
export const invitationInvalid = () =>
  httpError(410, 'InvitationInvalid', 'This invitation is no longer valid');
export const conflict = (name: string, message: string, details: Record<string, unknown> = {}) =>
  httpError(409, name, message, details);
export const unprocessable = (name: string, message: string, details: Record<string, unknown> = {}) =>
  httpError(422, name, message, details);

/** 400 naming the offending field, in the shape Strapi's own validation uses. */
export const invalidField = (field: string, message: string) =>
  new errors.ValidationError(`${field}: ${message}`, {
    errors: [{ path: [field], message, name: 'ValidationError' }],
  });

export const notFound = (message = 'Not Found') => new errors.NotFoundError(message);
export const forbidden = (message = 'Forbidden') => new errors.ForbiddenError(message);

/* ---- invitations (SPEC §5) ---- */
export const externalNotAllowed = () =>
  httpError(
    422,
    'ExternalNotAllowed',
    'An intranet workgroup holds employees only: this address is not an employee',
  );
export const alreadyMember = () =>
  httpError(409, 'AlreadyMember', 'This person is already an active member of the workgroup');
export const invitationPending = (invitation: string) =>
  httpError(
    409,
    'InvitationPending',
    'This address already has a pending invitation to the workgroup: resend it instead',
    { invitation },
  );
export const invitationClosed = (status: string) =>
  httpError(409, 'InvitationClosed', `This invitation is ${status}: it can no longer be changed`, { status });
export const tooManyRequests = (retryAfterSeconds: number) =>
  httpError(429, 'RateLimitError', 'Too many requests, please try again later.', {
    retryAfter: retryAfterSeconds,
  });
