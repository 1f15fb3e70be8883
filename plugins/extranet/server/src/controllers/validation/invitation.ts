import * as yup from 'yup';
import { errors } from '@strapi/utils';
import {
  ACCEPT_FIELDS,
  acceptExistingAccountSchema,
  acceptNewAccountSchema,
  inviteSchema,
} from '../../../../shared/validation-schemas';
import { invalidField } from '../../errors';
import type { FormErrors, FormValues } from '../../pages/invitation';
import type { InviteRole } from '../../../../shared/contracts/common';
import { validate } from '../validate';

export interface InviteInput {
  email: string;
  role: InviteRole;
  message?: string | null;
}

export const validateInviteBody = (body: unknown) => validate<InviteInput>(inviteSchema, body ?? {});

export interface AcceptCheck {
  /** what the form shows again: the profile as typed (trimmed), never the passwords */
  values: FormValues;
  password: string;
  errors: FormErrors;
  valid: boolean;
}

const PROFILE_FIELDS = ['firstname', 'lastname', 'company', 'position'] as const;

/**
 * Checks an acceptance, from the page's form or the JSON route, against the shared schema of
 * the account it makes or proves; one message per field, in the form's order.
 */
export const checkAcceptForm = (
  body: unknown,
  {
    existingAccount,
    confirmationRequired = true,
  }: { existingAccount: boolean; confirmationRequired?: boolean },
): AcceptCheck => {
  const schema = existingAccount ? acceptExistingAccountSchema : acceptNewAccountSchema;
  const found: Record<string, string> = {};
  try {
    schema.validateSync(body, { abortEarly: false, context: { confirmationRequired } });
  } catch (error) {
    if (!(error instanceof yup.ValidationError)) throw error;
    for (const inner of error.inner.length ? error.inner : [error]) {
      if (inner.path && !(inner.path in found)) found[inner.path] = inner.message;
    }
  }
  const errs: FormErrors = {};
  for (const field of Object.keys(schema.fields) as Array<keyof FormErrors>)
    if (found[field]) errs[field] = found[field];
  const values: FormValues = {};
  if (!existingAccount) {
    const cast = acceptNewAccountSchema.cast(body, { assert: false }) as Record<string, unknown>;
    for (const field of PROFILE_FIELDS)
      if (typeof cast?.[field] === 'string') values[field] = cast[field] as string;
  }
  const password = (body as { password?: unknown })?.password;
  return {
    values,
    password: typeof password === 'string' ? password : '',
    errors: errs,
    valid: Object.keys(errs).length === 0,
  };
};

const formErrorsToValidationError = (errs: FormErrors) => {
  const list = Object.entries(errs).map(([field, message]) => ({
    path: [field],
    message,
    name: 'ValidationError',
  }));
  const message =
    list.length === 1 ? `${list[0].path[0]}: ${list[0].message}` : `${list.length} errors occurred`;
  return new errors.ValidationError(message, { errors: list });
};

/** The JSON accept's body `{ token, password, ... }` (SPEC §5): the token is checked, not yet looked up. */
export const validateAcceptToken = (body: unknown): { token: string; body: Record<string, unknown> } => {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidField('token', 'token is required');
  const unknown = Object.keys(body).find((key) => !(ACCEPT_FIELDS as readonly string[]).includes(key));
  if (unknown) throw invalidField(unknown, `unknown field: ${unknown}`);
  const { token } = body as { token?: unknown };
  if (typeof token !== 'string' || !token) throw invalidField('token', 'token is required');
  return { token, body: body as Record<string, unknown> };
};

/** The rest of the JSON accept's body, once the token says which account it makes or proves. */
export const validateAcceptBody = (body: unknown, { existingAccount }: { existingAccount: boolean }) => {
  const input = checkAcceptForm(body, { existingAccount, confirmationRequired: false });
  if (!input.valid) throw formErrorsToValidationError(input.errors);
  return { ...input.values, password: input.password };
};
