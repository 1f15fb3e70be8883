import { yup, validateYupSchema } from '@strapi/utils';
import { invalidField } from '../errors';
import { isPrototypeKey } from '../utils/prototype-keys';
import { numericId, strictObject, trimmedString } from '../../../shared/validation-schemas';

export { numericId, strictObject, trimmedString, yup };

const refusePrototypeKeys = (value: unknown, path: string[] = []) => {
  if (value === null || typeof value !== 'object') return;
  for (const [key, sub] of Object.entries(value)) {
    if (isPrototypeKey(key)) throw invalidField([...path, key].join('.'), `unknown field: ${key}`);
    refusePrototypeKeys(sub, [...path, key]);
  }
};

/** Validates a body or query against a yup schema: 400 naming each offending field. */
export const validate = <T>(schema: yup.AnySchema, value: unknown): Promise<T> => {
  refusePrototypeKeys(value);
  return validateYupSchema(schema, { strict: false, abortEarly: false, stripUnknown: false })(
    value,
  ) as Promise<T>;
};

/** A list's `page` and `pageSize` query parameters (at most 100 a page), for its query schema. */
export const pageFields = (pageSize = 25) => ({
  page: yup.number().integer().min(1).default(1),
  pageSize: yup.number().integer().min(1).max(100).default(pageSize),
});

/** A query's page, as `?page=&pageSize=` or Strapi's `?pagination[page]=&pagination[pageSize]=`. */
interface PageQuery {
  pagination?: { page?: unknown; pageSize?: unknown };
  page?: unknown;
  pageSize?: unknown;
}

export const pageParams = (query: unknown, defaults = { pageSize: 25 }) => {
  const given = (query ?? {}) as PageQuery;
  return validate<{ page: number; pageSize: number }>(yup.object(pageFields(defaults.pageSize)), {
    page: given.pagination?.page ?? given.page,
    pageSize: given.pagination?.pageSize ?? given.pageSize,
  });
};

/** Users are addressed by their numeric users-permissions id (SPEC §7). */
export const userIdParam = (value: unknown, field = 'userId') =>
  validate<Record<string, number>>(yup.object({ [field]: yup.number().integer().positive().required() }), {
    [field]: value,
  }).then((v) => v[field]);

/** `{ data: { ... } }`, Strapi's envelope for create and update bodies (SPEC §6). */
export const envelope = async (body: unknown): Promise<Record<string, unknown>> =>
  (
    await validate<{ data: Record<string, unknown> }>(
      yup.object({ data: yup.object().required().typeError('data must be an object') }),
      body ?? {},
    )
  ).data;
