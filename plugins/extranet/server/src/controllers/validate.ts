import { yup, validateYupSchema } from '@strapi/utils';
import { invalidField } from '../errors';
import { isPrototypeKey } from '../utils/prototype-keys';

export { yup };


const refusePrototypeKeys = (value: unknown, path: string[] = []) => {
  if (value === null || typeof value !== 'object') return;
  for (const [key, sub] of Object.entries(value)) {
    if (isPrototypeKey(key)) throw invalidField([...path, key].join('.'), `unknown field: ${key}`);
    refusePrototypeKeys(sub, [...path, key]);
  }
};

/** A string, trimmed; anything else is left for the type check to refuse (yup's own trim would throw on it). */
export const trimmedString = () => yup.string().transform((value: unknown) => (typeof value === 'string' ? value.trim() : value));

/** Validates a body or query against a yup schema: 400 naming each offending field. */
export const validate = <T>(schema: yup.AnySchema, value: unknown): Promise<T> => {
  refusePrototypeKeys(value);
  return validateYupSchema(schema, { strict: false, abortEarly: false, stripUnknown: false })(value) as Promise<T>;
};

export const pageParams = (query: any, defaults = { pageSize: 25 }) =>
  validate<{ page: number; pageSize: number }>(
    yup.object({
      page: yup.number().integer().min(1).default(1),
      pageSize: yup.number().integer().min(1).max(100).default(defaults.pageSize),
    }),
    { page: query?.pagination?.page ?? query?.page, pageSize: query?.pagination?.pageSize ?? query?.pageSize }
  );

/**
 * A numeric id: a number, or digits in a string (query and route parameters); a list or an
 * object is refused rather than cast (yup would read `[5]` as 5).
 */
export const numericId = () =>
  yup
    .number()
    .transform((value: unknown, original: unknown) =>
      typeof original === 'number' || (typeof original === 'string' && /^\d+$/.test(original)) ? value : NaN
    )
    .integer()
    .positive();

/** Users are addressed by their numeric users-permissions id (SPEC §7). */
export const userIdParam = (value: unknown, field = 'userId') =>
  validate<Record<string, number>>(yup.object({ [field]: yup.number().integer().positive().required() }), { [field]: value }).then((v) => v[field]);

/**
 * An object schema that refuses fields it does not know, naming each one as the error's path
 * (yup's `noUnknown` reports them on the object itself).
 */
export const strictObject = <S extends Record<string, yup.AnySchema>>(shape: S) =>
  yup.object(shape).test('known-fields', function check(value: unknown) {
    if (!value || typeof value !== 'object') return true;
    const unknown = Object.keys(value).find((key) => !(key in shape));
    return unknown ? this.createError({ path: unknown, message: `unknown field: ${unknown}` }) : true;
  });

/** `{ data: { ... } }`, Strapi's envelope for create and update bodies (SPEC §6). */
export const envelope = async (body: unknown): Promise<Record<string, unknown>> =>
  (await validate<{ data: Record<string, unknown> }>(
    yup.object({ data: yup.object().required().typeError('data must be an object') }),
    body ?? {}
  )).data;
