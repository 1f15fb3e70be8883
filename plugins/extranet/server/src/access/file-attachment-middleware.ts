/**
 * Attaching a file to an item through a media field needs read access to the file (SPEC §4
 * "Files"), whatever the payload's spelling (`5`, `"5"`, `{ id }`, arrays, `connect`, `set`,
 * documentIds, inside components). Judged on what was stored: the write runs in a transaction,
 * the item's stored media are compared before and after, and a newly attached file the caller
 * could not read before the write rolls it back (400 naming the field). Readability is decided
 * before the write runs: afterwards the attachment itself would make the file readable. Fails
 * closed: a stored id that was not approved beforehand is refused.
 */
import type { Core, Modules } from '@strapi/strapi';
import { invalidField } from '../errors';
import { currentPrincipal } from './principal';
import { asSystem } from './system';
import { isUnrestricted, UPLOAD_FILE } from './rule';
import { modelOf, requestState, type DocumentMiddleware, type Row, type WriteResult } from './types';

const WRITES = new Set(['create', 'update', 'clone']);
const DOCUMENT_ID = /^[a-z0-9]{24}$/;
/** A payload names at most this many candidate ids; beyond that, nothing is pre-approved. */
const MAX_CANDIDATES = 2000;

/**
 * A populate that reaches media ids, per attribute: a media field's `{ select }`, a component's
 * `{ select, populate }`, a dynamic zone's `{ on: { component: ... } }`.
 */
interface MediaEntry {
  select?: string[];
  populate?: MediaTree;
  on?: Record<string, MediaEntry>;
}
type MediaTree = Record<string, MediaEntry>;
interface Readable {
  ids: Set<number>;
  documentIds: Set<string>;
}

/** A populate that loads every media id of a type, through its components and dynamic zones. */
const mediaTreeOf = (strapi: Core.Strapi, uid: string, seen: Set<string> = new Set()): MediaTree | null => {
  if (seen.has(uid)) return null;
  const model = modelOf(strapi, uid);
  if (!model) return null;
  const tree: MediaTree = {};
  const inner = new Set([...seen, uid]);
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if (attribute.type === 'media') tree[name] = { select: ['id'] };
    else if (attribute.type === 'component') {
      // A component attribute names its component.
      const sub = mediaTreeOf(strapi, attribute.component!, inner);
      if (sub) tree[name] = { select: ['id'], populate: sub };
    } else if (attribute.type === 'dynamiczone') {
      const on: MediaTree = {};
      for (const component of attribute.components ?? []) {
        const sub = mediaTreeOf(strapi, component, inner);
        on[component] = sub ? { select: ['id'], populate: sub } : { select: ['id'] };
      }
      if (Object.values(on).some((entry) => entry.populate)) tree[name] = { on };
    }
  }
  return Object.keys(tree).length ? tree : null;
};

/**
 * file id -> the field path it is stored under, over every row (locale, draft) of a document: the
 * rows as the query engine populated them along `tree` (a relation is a row, a list, or null).
 */
const collectMedia = (rows: unknown[], tree: MediaTree, prefix: string, into: Map<number, string>) => {
  for (const item of rows) {
    if (!item) continue;
    const row = item as Row;
    for (const [name, entry] of Object.entries(tree)) {
      const value = row[name];
      const values: unknown[] = Array.isArray(value) ? value : value ? [value] : [];
      const field = prefix ? `${prefix}.${name}` : name;
      if (entry.populate) collectMedia(values, entry.populate, field, into);
      else if (entry.on) {
        // A dynamic zone's rows name their component (nothing: `on[undefined]`, no component's).
        for (const v of values as Array<{ __component: string } | null>) {
          const sub = entry.on[v?.__component as string]?.populate;
          if (sub) collectMedia([v], sub, field, into);
        }
      } else
        for (const file of values as Array<{ id?: unknown } | null>)
          if (typeof file?.id === 'number' && !into.has(file.id)) into.set(file.id, field);
    }
  }
  return into;
};

/** Every id-like value of a payload: the files it could attach, whatever the spelling. */
const candidatesOf = (data: unknown) => {
  const ids = new Set<number>();
  const documentIds = new Set<string>();
  const visit = (value: unknown) => {
    if (ids.size + documentIds.size > MAX_CANDIDATES) return;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) ids.add(value);
    else if (typeof value === 'string') {
      if (/^\d{1,15}$/.test(value)) ids.add(Number(value));
      else if (DOCUMENT_ID.test(value)) documentIds.add(value);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(data);
  return { ids: [...ids], documentIds: [...documentIds] };
};

export const createFileAttachmentMiddleware = (strapi: Core.Strapi) => {
  const trees = new Map<string, MediaTree | null>();
  const treeOf = (uid: string) => {
    if (!trees.has(uid)) trees.set(uid, mediaTreeOf(strapi, uid));
    return trees.get(uid)!;
  };

  const storedMedia = (uid: string, tree: MediaTree, documentId: string | undefined) =>
    documentId
      ? asSystem(async () => {
          const rows = await strapi.db
            .query(uid)
            .findMany({ select: ['id'], where: { documentId }, populate: tree });
          return collectMedia(rows, tree, '', new Map());
        })
      : Promise.resolve(new Map<number, string>());

  /** The files among the payload's candidates that the caller may read now (the read door scopes the query). */
  const readableCandidates = async (data: unknown): Promise<Readable> => {
    const { ids, documentIds } = candidatesOf(data);
    const readable: Readable = { ids: new Set(), documentIds: new Set() };
    if (ids.length === 0 && documentIds.length === 0) return readable;
    const or = [];
    if (ids.length) or.push({ id: { $in: ids } });
    if (documentIds.length) or.push({ documentId: { $in: documentIds } });
    const files: Array<{ id: number; documentId: string }> = await strapi.db
      .query(UPLOAD_FILE)
      .findMany({ select: ['id', 'documentId'], where: { $or: or } });
    for (const file of files) {
      readable.ids.add(file.id);
      readable.documentIds.add(file.documentId);
    }
    return readable;
  };

  /**
   * Names the media field of the payload that mentions a file the caller cannot read (Strapi
   * would refuse it as a missing relation, without naming the field).
   */
  const assertNamesReadableFiles = (uid: string, data: Row | undefined, readable: Readable) => {
    if (!data || typeof data !== 'object') return;
    for (const [field, attribute] of Object.entries(modelOf(strapi, uid)?.attributes ?? {})) {
      if (attribute.type !== 'media' || data[field] === undefined || data[field] === null) continue;
      const { ids, documentIds } = candidatesOf(data[field]);
      if (
        ids.some((id) => !readable.ids.has(id)) ||
        documentIds.some((id) => !readable.documentIds.has(id))
      ) {
        throw invalidField(field, 'no such file');
      }
    }
  };

  const middleware: DocumentMiddleware = async (ctx, next) => {
    if (!WRITES.has(ctx.action)) return next();
    const tree = treeOf(ctx.uid);
    if (!tree) return next();
    const principal = await currentPrincipal(strapi);
    if (isUnrestricted(principal) && principal.kind !== 'admin-panel') return next();
    let approved: 'all' | Set<number> = 'all';
    if (principal.kind !== 'admin-panel') {
      const readable = await readableCandidates(ctx.params?.data);
      assertNamesReadableFiles(ctx.uid, ctx.params?.data, readable);
      approved = readable.ids;
    } else if (!adminMayReadFiles(strapi)) approved = new Set();

    return strapi.db.transaction(async () => {
      const before =
        ctx.action === 'create'
          ? new Map<number, string>()
          : await storedMedia(ctx.uid, tree, ctx.params?.documentId);
      // The document service's answer to the write (Strapi types it per action).
      const result = (await next()) as WriteResult;
      const documentId = result?.documentId ?? ctx.params?.documentId;
      const after = await storedMedia(ctx.uid, tree, documentId);
      for (const [fileId, field] of after) {
        if (before.has(fileId) || approved === 'all' || approved.has(fileId)) continue;
        throw invalidField(field, 'no such file');
      }
      return result;
    });
  };
  // Strapi types a middleware per content type and action of the app's registry (see DocumentMiddleware).
  return middleware as unknown as Modules.Documents.Middleware.Middleware;
};

/**
 * Content editors read files through the media library: without its read permission they may not
 * attach any (RBAC decides which; the rule does not govern the admin panel).
 */
const adminMayReadFiles = (strapi: Core.Strapi) => {
  const ability = requestState(strapi)?.userAbility;
  return !ability || ability.can('plugin::upload.read');
};
