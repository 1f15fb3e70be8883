import { ValidationError, type AnySchema } from 'yup';
import type { ApiError } from '../../../shared/contracts';

/** A form's messages by field name, as the design system's `Field` shows them under the field. */
export type FieldErrors = Record<string, string>;

type ErrorList = NonNullable<NonNullable<ApiError['details']>['errors']>;

/** One message per field (the first), by the field's name (the path's first segment). */
const byField = (list: ReadonlyArray<{ path: string[]; message: string }>): FieldErrors => {
  const errors: FieldErrors = {};
  for (const { path, message } of list) {
    const field = String(path[0] ?? '');
    if (!(field in errors)) errors[field] = message;
  }
  return errors;
};

/** The envelope of a failed request (Strapi's fetch client puts the answer's body on `response.data`). */
export const apiErrorOf = (error: unknown): ApiError | undefined => {
  const data = (error as { response?: { data?: { error?: ApiError } } } | null)?.response?.data;
  return data?.error;
};

/** The fields the server's ValidationError names (`details.errors[].path`), for the form to show them. */
export const fieldErrors = (error: unknown): FieldErrors => {
  const list: unknown = apiErrorOf(error)?.details?.errors;
  return Array.isArray(list)
    ? byField(
        (list as ErrorList).map((e) => ({ path: (e.path ?? []).map(String), message: String(e.message) })),
      )
    : {};
};

/**
 * Checks a request body against its schema in shared/validation-schemas.ts before it is sent, with
 * the server's options (casting, every error): the same messages, by the same field names, as the
 * server's 400 would give. No error: an empty object.
 */
export const schemaErrors = async (schema: AnySchema, body: unknown): Promise<FieldErrors> => {
  try {
    await schema.validate(body, { abortEarly: false });
    return {};
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const inner = error.inner.length > 0 ? error.inner : [error];
    return byField(inner.map((e) => ({ path: (e.path ?? '').split(/[.[]/), message: e.message })));
  }
};
