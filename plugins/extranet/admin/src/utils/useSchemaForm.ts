import * as React from 'react';
import type { AnySchema } from 'yup';
import { useNotifyError } from '../services/errors';
import { fieldErrors, schemaErrors, type FieldErrors } from './fieldErrors';

/** A body as a form holds it before its schema has checked it: any field may still be missing. */
export type Draft<T> = { [K in keyof T]?: T[K] };

/** One request a form sends: its body, the shared schema the server checks it with, and the call. */
export interface FormRequest {
  schema: AnySchema;
  draft: unknown;
  send: () => Promise<unknown>;
}

/**
 * A request of a form: `send` gets the draft once `schema` (from shared/validation-schemas.ts, the
 * one the server validates the body with) has passed it, which is what makes it a `T`.
 */
export const formRequest = <T>(
  schema: AnySchema,
  draft: Draft<NoInfer<T>>,
  send: (body: T) => Promise<unknown>,
): FormRequest => ({ schema, draft, send: () => send(draft as T) });

/**
 * A form's values, its errors by field and its sending state. `submit` checks every request's
 * body against its shared schema first: when one fails, each field shows its message and nothing
 * is sent. Otherwise it sends them in order; a refusal from the server shows the fields its 400
 * names, and its notification. Resolves whether everything was sent.
 */
export const useSchemaForm = <V extends object>(initial: V) => {
  const notifyError = useNotifyError();
  const [values, setValues] = React.useState<V>(initial);
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [submitting, setSubmitting] = React.useState(false);

  const set = React.useCallback(
    <K extends keyof V>(key: K) =>
      (value: V[K]) =>
        setValues((v) => ({ ...v, [key]: value })),
    [],
  );
  const reset = React.useCallback((next: V) => {
    setValues(next);
    setErrors({});
  }, []);

  const submit = async (...requests: FormRequest[]): Promise<boolean> => {
    const found: FieldErrors = {};
    for (const request of requests) {
      const errs = await schemaErrors(request.schema, request.draft);
      for (const [field, message] of Object.entries(errs)) if (!(field in found)) found[field] = message;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return false;
    setSubmitting(true);
    try {
      for (const request of requests) await request.send();
      return true;
    } catch (error) {
      setErrors(fieldErrors(error));
      notifyError(error);
      return false;
    } finally {
      setSubmitting(false);
    }
  };

  /** The props a field's control takes: its name, value, change handler and message. */
  const field = <K extends keyof V & string>(key: K) => ({
    name: key,
    value: values[key],
    onChange: set(key),
    error: errors[key],
  });

  return { values, errors, submitting, set, reset, submit, field };
};
