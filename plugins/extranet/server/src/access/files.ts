/**
 * What the database says about files (SPEC §4 "Files"): where each file is attached (Strapi's
 * morph table `files_related_mph`: related_type = uid, related_id = row id), written as the
 * filters the rule asks for; which files are governed (signed URLs only); who uploaded them.
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { currentPrincipal } from './principal';
import {
  FILE_UPLOADER,
  FILE_UPLOADER_EXTERNAL,
  governedFileFilter,
  UPLOAD_FILE,
  type FileAttachments,
  type Filter,
  type Governance,
} from './rule';
import { metaOf, type LifecycleEvent, type MetaView } from './types';

const MORPH_ALIAS = 'extranet_morph';

interface MorphTable {
  name: string;
  fileColumn: string;
  typeColumn: string;
  idColumn: string;
}

const morphTables = new WeakMap<object, MorphTable>();
/** The join table behind a file's `related` (its names come from Strapi's metadata). */
export const morphTable = (strapi: Core.Strapi): MorphTable => {
  let table = morphTables.get(strapi.db);
  if (!table) {
    // The upload plugin's morph relation: its join table names the related row's type and id.
    const joinTable = metaOf(strapi, UPLOAD_FILE)!.attributes.related.joinTable!;
    table = {
      name: joinTable.name,
      fileColumn: joinTable.joinColumn.name,
      typeColumn: joinTable.morphColumn!.typeColumn.name,
      idColumn: joinTable.morphColumn!.idColumn.name,
    };
    morphTables.set(strapi.db, table);
  }
  return table;
};

const holdersCache = new WeakMap<object, Map<string, string[]>>();
/** Models with an attribute `target: uid, morphBy: field`: the types a morph relation can lead to. */
export const morphHolders = (strapi: Core.Strapi, uid: string, field: string): string[] => {
  let cache = holdersCache.get(strapi.db);
  if (!cache) holdersCache.set(strapi.db, (cache = new Map()));
  const key = `${uid}.${field}`;
  let holders = cache.get(key);
  if (!holders) {
    holders = [];
    // The metadata is a Map of every model's (typed by `@strapi/database` as a union of attribute kinds).
    const metadata = strapi.db.metadata as unknown as Map<string, MetaView>;
    for (const [holder, meta] of metadata.entries()) {
      const points = Object.values(meta.attributes ?? {}).some(
        (a) => a.type === 'relation' && a.target === uid && a.morphBy === field,
      );
      if (points) holders.push(holder);
    }
    cache.set(key, holders);
  }
  return holders;
};

/** Types whose rows can hold files: every model with a media field, components included. */
export const fileHolderTypes = (strapi: Core.Strapi): string[] =>
  morphHolders(strapi, UPLOAD_FILE, 'related');

/**
 * The rule's attachment leaves as subqueries on the morph table. `correlate`: one index probe
 * per file row (finds stop after a page) instead of one hashed set (counts read every row).
 * The related row is always probed by its id. The query engine names every query's root `t0`,
 * and SQL resolves `t0` to the innermost query that declares it.
 */
export const attachmentLeaves = (
  strapi: Core.Strapi,
  correlate: boolean,
): Omit<FileAttachments, 'scopeOf'> => {
  const db = strapi.db;
  const table = morphTable(strapi);
  const column = (name: string) => `${MORPH_ALIAS}.${name}`;
  const links = () => {
    const query = db
      .getConnection(`${table.name} as ${MORPH_ALIAS}`)
      .select(column(table.fileColumn))
      .whereNotNull(column(table.fileColumn));
    return correlate ? query.where(column(table.fileColumn), db.connection.ref('t0.id')) : query;
  };
  return {
    holderTypes: fileHolderTypes(strapi),
    attachedTo: (uid: string, filter: Filter | null) => {
      const query = links().where(column(table.typeColumn), uid);
      if (filter) {
        const rows = db.queryBuilder(uid).select('id').where(filter).getKnexQuery();
        query.whereExists(rows.where('t0.id', db.connection.ref(column(table.idColumn))));
      }
      return { id: { $in: query } };
    },
    unattached: { id: { $notIn: links() } },
  };
};

/**
 * Runs a raw knex query inside the caller's transaction when there is one, as the query engine
 * does for its own queries (a write's answer is signed before the write commits).
 */
const inTransaction = async <T>(strapi: Core.Strapi, query: Knex.QueryBuilder): Promise<T> => {
  const db = strapi.db;
  // Inside a transaction, `transaction()` without a callback hands back the current one.
  if (db.inTransaction()) query.transacting((await db.transaction()).get());
  return query;
};

/** Where a file is attached: its morph rows (trusted read). */
export const attachmentsOf = async (
  strapi: Core.Strapi,
  fileId: number,
): Promise<Array<{ uid: string; id: number }>> => {
  const table = morphTable(strapi);
  const rows: Array<Record<string, unknown>> = await inTransaction(
    strapi,
    strapi.db
      .getConnection(table.name)
      .select(table.typeColumn, table.idColumn)
      .where(table.fileColumn, fileId),
  );
  const seen = new Set<string>();
  return rows
    .map((r) => ({ uid: String(r[table.typeColumn]), id: Number(r[table.idColumn]) }))
    .filter(
      (a: { uid: string; id: number }) => !seen.has(`${a.uid}#${a.id}`) && seen.add(`${a.uid}#${a.id}`),
    );
};

export interface StoredFile {
  id: number;
  /** every URL path the file is served under: the file and its formats (thumbnail, small, ...) */
  paths: string[];
  /** SPEC §4: served only through signed URLs */
  governed: boolean;
  /** its current bytes came from an external */
  externalUpload: boolean;
}

/** Format names (breakpoints) are short: a served name's hash starts within its first few underscores. */
const MAX_FORMAT_PREFIXES = 8;

/**
 * A format's file name is `<format>_<hash><ext>`: the hashes a served file name may belong to.
 * (Strapi's hashes are slugs: `<name>_<random hex>`.)
 */
const hashCandidates = (fileName: string) => {
  const stem = fileName.slice(0, fileName.length - path.extname(fileName).length);
  const candidates = [stem];
  for (
    let i = stem.indexOf('_');
    i >= 0 && candidates.length <= MAX_FORMAT_PREFIXES;
    i = stem.indexOf('_', i + 1)
  ) {
    candidates.push(stem.slice(i + 1));
  }
  return candidates.filter(Boolean);
};

const formatsOf = (value: unknown): Record<string, { url?: string }> => {
  if (!value) return {};
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) ?? {};
    } catch {
      return {};
    }
  }
  return value as Record<string, { url?: string }>;
};

/** A row of `filesServedAs`' query, as the driver answers it (booleans of SQLite are numbers). */
interface ServedFileRow {
  id: number | string;
  url: unknown;
  formats: unknown;
  external: unknown;
  governed: number | string;
}

/**
 * The files served as `/uploads/<fileName>` for each of `fileNames`, with whether each is
 * governed: one query (the rows by hash, their governance as a subquery). Names that are no
 * file's are absent from the answer.
 */
export const filesServedAs = async (
  strapi: Core.Strapi,
  governance: Governance,
  fileNames: string[],
): Promise<Map<string, StoredFile>> => {
  const found = new Map<string, StoredFile>();
  const candidates = [...new Set(fileNames.flatMap(hashCandidates))];
  if (candidates.length === 0) return found;
  const db = strapi.db;
  const meta = metaOf(strapi, UPLOAD_FILE)!;
  const col = (attribute: string) => meta.attributes[attribute].columnName ?? attribute;
  const governedIds = db
    .queryBuilder(UPLOAD_FILE)
    .select('id')
    .where({
      $and: [{ hash: { $in: candidates } }, governedFileFilter(governance, attachmentLeaves(strapi, true))],
    })
    .getKnexQuery();
  const query = db
    .getConnection(`${meta.tableName} as f`)
    .select({
      id: 'f.id',
      url: `f.${col('url')}`,
      formats: `f.${col('formats')}`,
      external: `f.${col(FILE_UPLOADER_EXTERNAL)}`,
    })
    .select(db.connection.raw('CASE WHEN f.id IN ? THEN 1 ELSE 0 END AS governed', [governedIds]))
    .whereIn(`f.${col('hash')}`, candidates);
  const rows: ServedFileRow[] = await inTransaction(strapi, query);
  const wanted = new Set(fileNames);
  for (const row of rows) {
    const paths = [row.url, ...Object.values(formatsOf(row.formats)).map((f) => f?.url)].filter(
      (u): u is string => typeof u === 'string' && u.startsWith('/uploads/'),
    );
    const file: StoredFile = {
      id: Number(row.id),
      paths,
      governed: Number(row.governed) === 1,
      externalUpload: row.external === true || Number(row.external) === 1,
    };
    for (const p of paths) {
      const name = p.slice('/uploads/'.length);
      if (wanted.has(name)) found.set(name, file);
    }
  }
  return found;
};

/** The file served as `/uploads/<fileName>`, or null (one query). */
export const fileServedAs = async (strapi: Core.Strapi, governance: Governance, fileName: string) =>
  (await filesServedAs(strapi, governance, [fileName])).get(fileName) ?? null;

/**
 * Records who supplied a file's bytes, in the same insert or update (content-API uploads set no
 * `createdBy`): on create, and on an update that writes new bytes (a replace sets `url`).
 * Callers never set these columns themselves; trusted code (seeds, tests) may.
 */
export const registerUploaderRecording = (strapi: Core.Strapi) => {
  const record = async (event: LifecycleEvent) => {
    const payload: unknown = event.params?.data;
    if (!payload || typeof payload !== 'object') return;
    // A payload object (Strapi leaves it untyped): its fields are read as unknown.
    const data = payload as Record<string, unknown>;
    const principal = await currentPrincipal(strapi);
    if (principal.kind === 'system') return;
    delete data[FILE_UPLOADER];
    delete data[FILE_UPLOADER_EXTERNAL];
    const writesBytes = event.action === 'beforeCreate' || data.url !== undefined;
    if (!writesBytes) return;
    const person = principal.kind === 'external' || principal.kind === 'employee';
    data[FILE_UPLOADER] = person ? principal.userId : null;
    data[FILE_UPLOADER_EXTERNAL] = principal.kind === 'external';
  };
  strapi.db.lifecycles.subscribe({ models: [UPLOAD_FILE], beforeCreate: record, beforeUpdate: record });
};
