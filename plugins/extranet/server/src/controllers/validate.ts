import { yup, validateYupSchema } from '@strapi/utils';

export { yup };

/** Validates a body or query against a yup schema: 400 naming each offending field. */
export const validate = <T>(schema: yup.AnySchema, value: unknown): Promise<T> =>
  validateYupSchema(schema, { strict: false, abortEarly: false, stripUnknown: false })(value) as Promise<T>;

export const pageParams = (query: any, defaults = { pageSize: 25 }) =>
  validate<{ page: number; pageSize: number }>(
    yup.object({
      page: yup.number().integer().min(1).default(1),
      pageSize: yup.number().integer().min(1).max(100).default(defaults.pageSize),
    }),
    { page: query?.pagination?.page ?? query?.page, pageSize: query?.pagination?.pageSize ?? query?.pageSize }
  );

/** Users are addressed by their numeric users-permissions id (SPEC §7). */
export const userIdParam = (value: unknown, field = 'userId') =>
  validate<{ id: number }>(yup.object({ id: yup.number().integer().positive().required().label(field) }), { id: value }).then((v) => v.id);

/** `{ data: { ... } }`, Strapi's envelope for create and update bodies (SPEC §6). */
export const envelope = async (body: unknown): Promise<Record<string, unknown>> =>
  (await validate<{ data: Record<string, unknown> }>(
    yup.object({ data: yup.object().required().typeError('data must be an object') }),
    body ?? {}
  )).data;
