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
  new errors.ValidationError(`${field}: ${message}`, { errors: [{ path: [field], message, name: 'ValidationError' }] });

export const notFound = (message = 'Not Found') => new errors.NotFoundError(message);
export const forbidden = (message = 'Forbidden') => new errors.ForbiddenError(message);
