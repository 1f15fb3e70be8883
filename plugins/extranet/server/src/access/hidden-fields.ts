/**
 * The plugin's bookkeeping columns (the audience of every scoped row, a file's uploader, a user's
 * session stamp and last visit) are private: Strapi hides private attributes from the content
 * API, but the admin panel (content manager, media library) shows them. They are removed from
 * every row an admin-panel caller reads, at any depth (populated relations, media, a file's
 * `related`, components), as the query engine hands them back. Trusted code (the access report,
 * the doors) reads them as system and keeps them.
 */
import type { Core } from '@strapi/strapi';
import { AUDIENCE } from './audience';
import { currentPrincipal } from './principal';
import { FILE_UPLOADER, FILE_UPLOADER_EXTERNAL } from './rule';
import { metaOf, type Attributes, type LifecycleEvent, type Row } from './types';

export const HIDDEN_FIELDS: ReadonlySet<string> = new Set([
  AUDIENCE,
  FILE_UPLOADER,
  FILE_UPLOADER_EXTERNAL,
  'extranetTokensValidAfter',
  'extranetLastSeenAt',
]);

const isObject = (v: unknown): v is Row => v !== null && typeof v === 'object' && !(v instanceof Date);

/** Removes the hidden fields the plugin added to `uid` from `rows`, and from what they populate. */
export const stripHiddenFields = (
  strapi: Core.Strapi,
  uid: string | undefined,
  rows: unknown,
  seen = new WeakSet<object>(),
) => {
  for (const row of Array.isArray(rows) ? rows : [rows]) {
    if (!isObject(row) || seen.has(row)) continue;
    seen.add(row);
    // A morph relation's rows name their own type.
    const type =
      typeof row.__type === 'string'
        ? row.__type
        : typeof row.__component === 'string'
          ? row.__component
          : uid;
    const attributes: Attributes = (type && metaOf(strapi, type)?.attributes) || {};
    for (const [key, value] of Object.entries(row)) {
      if (HIDDEN_FIELDS.has(key) && attributes[key]) {
        delete row[key];
        continue;
      }
      if (!isObject(value) && !Array.isArray(value)) continue;
      const attribute = attributes[key];
      const target = attribute?.target ?? attribute?.component;
      if (attribute) stripHiddenFields(strapi, target, value, seen);
    }
  }
};

export const registerHiddenFields = (strapi: Core.Strapi) => {
  const strip = async (event: LifecycleEvent) => {
    if (!event.result) return;
    const principal = await currentPrincipal(strapi);
    if (principal.kind !== 'admin-panel') return;
    stripHiddenFields(strapi, event.model?.uid, event.result);
  };
  strapi.db.lifecycles.subscribe({ afterFindMany: strip, afterFindOne: strip });
};
