import type { Core } from '@strapi/strapi';

export interface PageParams {
  page: number;
  pageSize: number;
  where?: Record<string, unknown>;
  [param: string]: unknown;
}

/**
 * One page of rows and Strapi's pagination meta, as the query engine's `findPage` answers. Not
 * `findPage` itself: it hands one params object to both its find and its count, and the read door
 * (access/query-lifecycle.ts) ANDs the caller's scope into the params it is given, so a scoped
 * caller's page would be scoped twice, concurrently. Here each query gets its own params.
 */
export const findPage = async (
  strapi: Core.Strapi,
  uid: string,
  { page, pageSize, ...params }: PageParams,
) => {
  const query = strapi.db.query(uid as any);
  const [results, total] = await Promise.all([
    query.findMany({ ...params, offset: (page - 1) * pageSize, limit: pageSize }),
    query.count({ where: params.where }),
  ]);
  return { results, pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } };
};
