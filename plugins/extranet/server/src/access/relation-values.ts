/**
 * The shapes Strapi accepts for a relation or media value in a write: ids, documentIds, objects
 * naming one of them, and `connect` / `set` / `disconnect` lists of those. Anything else would
 * reach the query engine and answer 500 ("Invalid id"): it answers 400 naming the field instead.
 * Only the value's type is checked here; what the write may store is judged on what it stored.
 */
import type { Core } from '@strapi/strapi';
import { invalidField } from '../errors';
import { modelOf } from './types';

const isRef = (v: unknown): boolean => {
  if (typeof v === 'number') return Number.isInteger(v) && v > 0;
  if (typeof v === 'string') return v.length > 0;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const { id, documentId } = v as Record<string, unknown>;
  if (id === undefined && documentId === undefined) return false;
  return (
    (id === undefined || (isRef(id) && typeof id !== 'object')) &&
    (documentId === undefined || (typeof documentId === 'string' && documentId.length > 0))
  );
};

const isRelationValue = (value: unknown): boolean => {
  if (value === null) return true;
  if (Array.isArray(value)) return value.every(isRef);
  if (isRef(value)) return true;
  if (typeof value !== 'object') return false;
  const lists = ['connect', 'set', 'disconnect'] as const;
  const keys = Object.keys(value as object);
  if (keys.length === 0 || !keys.every((k) => (lists as readonly string[]).includes(k) || k === 'options'))
    return false;
  return lists.every((k) => {
    const list = (value as Record<string, unknown>)[k];
    return list === undefined || isRef(list) || (Array.isArray(list) && list.every(isRef));
  });
};

export const assertRelationValues = (
  strapi: Core.Strapi,
  uid: string,
  data: Record<string, unknown> | undefined,
) => {
  if (!data || typeof data !== 'object') return;
  const attributes = modelOf(strapi, uid)?.attributes ?? {};
  for (const [field, value] of Object.entries(data)) {
    const type = attributes[field]?.type;
    if ((type === 'relation' || type === 'media') && value !== undefined && !isRelationValue(value)) {
      throw invalidField(field, 'must be an id, a documentId, or a connect/set/disconnect list of them');
    }
  }
};
