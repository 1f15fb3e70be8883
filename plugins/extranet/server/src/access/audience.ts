/**
 * The audience column (`extranetAudience`): on every row of a workgroup-mode scoped type and of
 * the activity log, who may read the row by site and workgroup, as one indexed integer (its
 * meaning is the rule's: `itemAudience`, `workgroupAudience` in rule.ts). The read door then
 * scopes with one predicate (`extranetAudience IN (...)`) that costs what `count(*)` costs.
 *
 * Nobody writes it but this module, as trusted code: after every write of an item, in the write's
 * transaction, from what was stored (the row's flag and its workgroup link; a workgroup's own flag
 * never changes, SPEC §3, and deleting a workgroup deletes its items and activity); and at
 * bootstrap for every row whose value is missing or wrong (rows written before the plugin, or by
 * hand). A payload naming the field changes nothing: the stored value is recomputed right after.
 */
import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import { ACTIVITY_UID, WORKGROUP_UID } from '../constants';
import { itemAudience, workgroupAudience, type Governance } from './rule';
import { asSystem } from './system';
import { metaOf, type LifecycleEvent } from './types';
import type { Knex } from 'knex';

export const AUDIENCE = 'extranetAudience';

const writing = new AsyncLocalStorage<true>();

/**
 * Runs an item write (Strapi's own create, update, publish...). The column is refreshed once the
 * write has stored everything; meanwhile Strapi reads its rows back (the created entry, the draft
 * to publish), and those reads must see the rule on what is stored now: inside a write the read
 * door writes the rule's audience leaves with the site flag and the link tables instead.
 */
export const duringItemWrite = <T>(fn: () => Promise<T>): Promise<T> => writing.run(true, fn);
export const isDuringItemWrite = () => writing.getStore() === true;

/** The types that carry the column: workgroup-mode scoped types, and the activity log. */
export const audienceTypes = (governance: Governance) => [
  ...Object.entries(governance.scoped)
    .filter(([, config]) => config.mode === 'workgroup')
    .map(([uid]) => uid),
  ACTIVITY_UID,
];

/** The attribute the plugin adds: never written by a caller, never shown (API, content manager, GraphQL). */
export const audienceAttribute = () => ({
  type: 'integer',
  private: true,
  configurable: false,
  writable: false,
  visible: false,
});

export const hasAudience = (strapi: Core.Strapi, uid: string) =>
  Boolean(metaOf(strapi, uid)?.attributes?.[AUDIENCE]);

type RowSelector = { documentIds: string[] } | { ids: number[] } | 'all';

/** A row of `refreshAudience`'s query, as the driver answers it (booleans of SQLite are numbers). */
interface AudienceRow {
  id: number;
  stored: number | string | null;
  workgroupId: number | null;
  /** the activity log: its workgroup's flag */
  workgroupExtranet?: boolean | number | null;
  /** items: their own flag */
  extranet?: boolean | number | null;
}

const CHUNK = 400;
const chunks = <T>(list: T[]) =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Recomputes the audience of the selected rows of `uid` from what is stored, and writes the rows
 * whose value differs. Runs in the caller's transaction when there is one. Returns how many rows
 * changed.
 */
export const refreshAudience = async (
  strapi: Core.Strapi,
  uid: string,
  rows: RowSelector,
): Promise<number> => {
  const db = strapi.db;
  const meta = metaOf(strapi, uid);
  const column = meta?.attributes?.[AUDIENCE]?.columnName ?? 'extranet_audience';
  const link = meta?.attributes?.workgroup?.joinTable;
  if (!meta?.attributes?.[AUDIENCE] || !link) return 0;
  if (rows !== 'all' && ('ids' in rows ? rows.ids : rows.documentIds).length === 0) return 0;
  const isActivity = uid === ACTIVITY_UID;
  const workgroupTable = db.metadata.get(WORKGROUP_UID).tableName;
  return db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    // The link table of a relation to workgroups names the workgroup (`inverseJoinColumn`).
    const query = trx(`${meta.tableName} as t`)
      .leftJoin(`${link.name} as l`, `l.${link.joinColumn.name}`, 't.id')
      .select('t.id as id', `t.${column} as stored`, `l.${link.inverseJoinColumn!.name} as workgroupId`);
    if (isActivity)
      query
        .leftJoin(`${workgroupTable} as w`, 'w.id', `l.${link.inverseJoinColumn!.name}`)
        .select('w.extranet as workgroupExtranet');
    else query.select('t.extranet as extranet');
    if (rows !== 'all') {
      if ('ids' in rows) query.whereIn('t.id', rows.ids);
      else query.whereIn('t.document_id', rows.documentIds);
    }
    const stale = new Map<number | null, number[]>();
    const found: AudienceRow[] = await query;
    for (const row of found) {
      const wanted = isActivity
        ? workgroupAudience(
            row.workgroupId == null
              ? null
              : {
                  id: row.workgroupId,
                  extranet: row.workgroupExtranet == null ? null : Boolean(row.workgroupExtranet),
                },
          )
        : itemAudience({
            extranet: row.extranet == null ? null : Boolean(row.extranet),
            workgroupId: row.workgroupId ?? null,
          });
      const stored = row.stored == null ? null : Number(row.stored);
      if (stored === wanted) continue;
      if (!stale.has(wanted)) stale.set(wanted, []);
      stale.get(wanted)!.push(row.id);
    }
    let changed = 0;
    for (const [audience, ids] of stale) {
      for (const part of chunks(ids)) {
        await trx(meta.tableName)
          .whereIn('id', part)
          .update({ [column]: audience });
        changed += part.length;
      }
    }
    return changed;
  });
};

/** Bootstrap: every row of every type with the column, idempotent (a second run changes nothing). */
export const backfillAudiences = async (strapi: Core.Strapi, governance: Governance) => {
  const changed: Record<string, number> = {};
  await strapi.db.transaction(async () => {
    for (const uid of audienceTypes(governance)) changed[uid] = await refreshAudience(strapi, uid, 'all');
  });
  return changed;
};

/**
 * Writes that bypass the document service (server code calling the query engine): the row's
 * audience is refreshed right after, in the same transaction. (The item door refreshes documents
 * itself; a second refresh finds nothing to change.)
 */
export const registerAudienceLifecycles = (strapi: Core.Strapi, governance: Governance) => {
  const models = audienceTypes(governance);
  const idsOf = (result: unknown): number[] =>
    ([] as unknown[])
      .concat((result as { ids?: unknown } | null | undefined)?.ids ?? result ?? [])
      .map((r) => (typeof r === 'object' ? (r as { id?: unknown } | null)?.id : r))
      .filter((id: unknown): id is number => typeof id === 'number');
  strapi.db.lifecycles.subscribe({
    models,
    async afterCreate(event: LifecycleEvent) {
      await refreshAudience(strapi, event.model.uid, { ids: idsOf(event.result) });
    },
    async afterUpdate(event: LifecycleEvent) {
      await refreshAudience(strapi, event.model.uid, { ids: idsOf(event.result) });
    },
    async afterCreateMany(event: LifecycleEvent) {
      await refreshAudience(strapi, event.model.uid, { ids: idsOf(event.result) });
    },
    // updateMany answers a count: the rows are found before the write.
    async beforeUpdateMany(event: LifecycleEvent) {
      const rows = await asSystem(() =>
        strapi.db.query(event.model.uid).findMany({ select: ['id'], where: event.params?.where ?? {} }),
      );
      event.state.extranetAudienceIds = rows.map((r: { id: number }) => r.id);
    },
    async afterUpdateMany(event: LifecycleEvent) {
      const ids = (event.state.extranetAudienceIds as number[] | undefined) ?? [];
      await refreshAudience(strapi, event.model.uid, { ids });
    },
  });
};
