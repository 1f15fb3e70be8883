/**
 * Writes of scoped items (SPEC §4), judged on what they store: the write runs inside a
 * transaction, the stored result is reloaded as trusted code and put to the rule, and anything
 * the rule refuses rolls the whole write back. No payload spelling (an id and a `connect` in one
 * object, `set`, arrays...) can make the door check one thing while Strapi stores another.
 */
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { WORKGROUP_UID } from '../constants';
import { conflict, forbidden, invalidField, notFound, workgroupArchived } from '../errors';
import type { ScopedTypeConfig } from '../config';
import type { Principal } from './principal';
import { asSystem } from './system';
import { duringItemWrite, refreshAudience } from './audience';
import { assertEditorMayWrite } from './rbac-conditions';
import {
  checkDocumentVersions,
  checkItemWrite,
  isTrusted,
  type DocumentVersion,
  type StoredItem,
  type WriteVerdict,
} from './rule';
import { getService } from '../utils';
import {
  metaOf,
  type DocumentContext,
  type ItemRow,
  type Next,
  type RelatedRow,
  type Row,
  type WriteResult,
} from './types';

/** A documentId like Strapi's own (24 lowercase characters, a letter first). */
const newDocumentId = () => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(24);
  return Array.from(bytes, (b, i) => alphabet[b % (i === 0 ? 26 : 36)]).join('');
};

type Ref = { id?: number; documentId?: string };

/** A to-one relation's target as Strapi would most likely store it; undefined when unsure. */
export const relationHint = (value: unknown): Ref | undefined => {
  const one = (v: unknown): Ref | undefined => {
    if (typeof v === 'number' && Number.isInteger(v)) return { id: v };
    if (typeof v === 'string' && v) return { documentId: v };
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const { id, documentId, connect, set } = v as Record<string, unknown>;
      if (typeof documentId === 'string' && documentId) return { documentId };
      if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) return { id: Number(id) };
      const list = set ?? connect;
      if (Array.isArray(list) && list.length === 1) return one(list[0]);
      if (list !== undefined && !Array.isArray(list)) return one(list);
    }
    return undefined;
  };
  return Array.isArray(value) ? (value.length === 1 ? one(value[0]) : undefined) : one(value);
};

const WRITES_WITH_TARGET = new Set(['update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
const WRITES_OF_CONTENT = new Set(['create', 'update', 'clone']);

export const toError = (verdict: WriteVerdict) => {
  if (verdict.status === 409) {
    if (verdict.name && verdict.name !== 'WorkgroupArchived') return conflict(verdict.name, verdict.message);
    return workgroupArchived();
  }
  if (verdict.status === 404) return notFound(verdict.message);
  if (verdict.status === 403) return forbidden(verdict.message);
  return invalidField(verdict.field ?? 'data', verdict.message);
};

type ItemEvent = 'item.created' | 'item.updated' | 'item.deleted';
const ITEM_EVENTS: Record<string, ItemEvent> = {
  create: 'item.created',
  clone: 'item.created',
  update: 'item.updated',
  delete: 'item.deleted',
};

export const createItemDoor = (strapi: Core.Strapi) => {
  const authorFieldOf = (config: ScopedTypeConfig) => config.authorField ?? 'author';

  /** What is stored for a document, read as system. With draft & publish, the draft row carries the next publish. */
  const loadStored = async (
    uid: string,
    config: ScopedTypeConfig,
    /** as the write names it (a caller's payload may name whatever value) */
    documentId: unknown,
  ): Promise<StoredItem | null> => {
    const authorField = authorFieldOf(config);
    const rows: ItemRow[] = await asSystem(() =>
      strapi.db.query(uid).findMany({
        select: ['id', 'extranet', 'publishedAt'],
        where: { documentId },
        populate:
          config.mode === 'workgroup'
            ? { workgroup: { select: ['id', 'extranet', 'archived'] } }
            : { [authorField]: { select: ['id'] } },
      }),
    );
    const row = rows.find((r) => !r.publishedAt) ?? rows[0];
    if (!row) return null;
    const workgroup = row.workgroup
      ? { id: row.workgroup.id, extranet: !!row.workgroup.extranet, archived: !!row.workgroup.archived }
      : null;
    return {
      extranet: row.extranet ?? null,
      workgroup,
      workgroupId: workgroup?.id ?? null,
      authorId: (row[authorField] as RelatedRow)?.id ?? null,
    };
  };

  /** Asked through the read door: the caller's own scope decides. */
  const isReadable = async (uid: string, documentId: string | undefined) =>
    !!(await strapi.db.query(uid).findOne({ select: ['id'], where: { documentId } }));
  /**
   * Every row of a document (draft and published, every locale) as stored, each with the read
   * door's answer for the caller: Strapi's own steps of a write read the document through it.
   */
  const documentVersions = async (
    uid: string,
    documentId: string | undefined,
  ): Promise<DocumentVersion[]> => {
    const hasLocale = Boolean(metaOf(strapi, uid)?.attributes?.locale);
    const select = hasLocale ? ['id', 'publishedAt', 'locale'] : ['id', 'publishedAt'];
    const rows: Array<{ id: number; publishedAt?: unknown; locale?: string | null }> = await asSystem(() =>
      strapi.db.query(uid).findMany({ select, where: { documentId } }),
    );
    if (rows.length === 0) return [];
    const readable: Array<{ id: number }> = await strapi.db
      .query(uid)
      .findMany({ select: ['id'], where: { documentId } });
    const ids = new Set(readable.map((row) => row.id));
    return rows.map((row) => ({
      locale: row.locale ?? null,
      published: !!row.publishedAt,
      readable: ids.has(row.id),
    }));
  };
  const workgroupIsReadable = async (id: number) =>
    !!(await strapi.db.query(WORKGROUP_UID).findOne({ select: ['id'], where: { id } }));

  /**
   * The workgroup a payload names, by the spellings Strapi documents — only to give a new item its
   * workgroup's site flag and a clear 400 before writing. The verdict comes from what was stored.
   */
  const namedWorkgroup = async (value: unknown): Promise<StoredItem['workgroup'] | undefined> => {
    const ref = relationHint(value);
    if (!ref) return undefined;
    const row: { id: number; extranet?: boolean | null; archived?: boolean | null } | null = await strapi.db
      .query(WORKGROUP_UID)
      .findOne({
        select: ['id', 'extranet', 'archived'],
        where: ref.documentId ? { documentId: ref.documentId } : { id: ref.id },
      });
    if (!row) throw invalidField('workgroup', 'no such workgroup');
    return { id: row.id, extranet: !!row.extranet, archived: !!row.archived };
  };

  const recordItemEvent = async (
    ctx: DocumentContext,
    principal: Principal,
    item: StoredItem | null,
    result: WriteResult,
  ) => {
    const type = ITEM_EVENTS[ctx.action];
    if (!type || !item?.workgroup) return;
    const entry = result?.entries?.[0] ?? result;
    await getService('activity', { strapi }).record({
      type,
      workgroup: item.workgroup,
      actorId: principal.userId,
      subjectUid: ctx.uid,
      subjectDocumentId: entry?.documentId ?? result?.documentId ?? ctx.params.documentId,
      summary: String(entry?.title ?? entry?.subject ?? ctx.params.data?.title ?? ''),
    });
  };

  return async (ctx: DocumentContext, principal: Principal, config: ScopedTypeConfig, next: Next) => {
    const { action, uid, params } = ctx;
    const authorField = authorFieldOf(config);
    const restricted = !isTrusted(principal);

    // The target must be readable (else 404, like a missing one): `update` would otherwise
    // create it, and the answer must not tell "hidden" from "missing".
    let before: StoredItem | null = null;
    // A document-level write acts on every row of the document: it is written only by someone
    // who reads all of them (rule.ts `checkDocumentVersions`), judged again on the outcome.
    const judgeVersions = principal.kind !== 'system';
    let versionsBefore: DocumentVersion[] = [];
    if (WRITES_WITH_TARGET.has(action)) {
      if (restricted && !(await isReadable(uid, params.documentId))) throw notFound();
      before = await loadStored(uid, config, params.documentId);
      if (!before) throw notFound();
      const verdict = checkItemWrite(principal, config, before, null);
      if (verdict) throw toError(verdict);
      if (judgeVersions) {
        versionsBefore = await documentVersions(uid, params.documentId);
        const partial = checkDocumentVersions(versionsBefore, null);
        if (partial) throw toError(partial);
      }
    }

    const data: Row = WRITES_OF_CONTENT.has(action) ? (params.data ??= {}) : {};
    if ('extranet' in data && data.extranet !== null && typeof data.extranet !== 'boolean') {
      throw invalidField('extranet', 'must be a boolean');
    }
    const siteGiven = data.extranet !== undefined && data.extranet !== null;
    if (config.mode === 'owner' && restricted && data[authorField] !== undefined) {
      throw invalidField(
        authorField,
        action === 'update' ? 'cannot be changed' : 'is set by the server to the caller',
      );
    }
    if (config.mode === 'owner' && restricted && action === 'create' && principal.userId)
      data[authorField] = principal.userId;

    if (action === 'create' || action === 'clone') {
      if (!siteGiven) {
        // A new item takes its workgroup's site; a partner's is extranet content.
        const workgroup = config.mode === 'workgroup' ? await namedWorkgroup(data.workgroup) : undefined;
        data.extranet = workgroup ? workgroup.extranet : (before?.extranet ?? principal.kind === 'external');
      }
      // Named here so that the stored row can be found even when the caller cannot read it back.
      if (action === 'create' && !data.documentId) data.documentId = newDocumentId();
    } else if (config.mode === 'workgroup' && data.workgroup !== undefined) {
      await namedWorkgroup(data.workgroup);
    }

    return strapi.db.transaction(async () => {
      // The document service's answer to the write (Strapi types it per action).
      const result = (await duringItemWrite(next)) as WriteResult;
      const candidates = [
        params.documentId,
        result?.documentId,
        result?.entries?.[0]?.documentId,
        action === 'create' ? data.documentId : undefined,
      ];
      const written = [...new Set(candidates.filter((d): d is string => typeof d === 'string'))];
      // Every row of the document (draft, published, locales) gets its audience from what was
      // stored, before anything reads it back: whatever the payload said.
      if (action !== 'delete') await refreshAudience(strapi, uid, { documentIds: written });
      let after: StoredItem | null = null;
      if (WRITES_OF_CONTENT.has(action)) {
        const documentId = result?.documentId ?? (action === 'create' ? data.documentId : params.documentId);
        after = await loadStored(uid, config, documentId);
        if (!after) throw notFound();
        if (restricted && after.workgroup && !(await workgroupIsReadable(after.workgroup.id))) {
          throw invalidField('workgroup', 'no such workgroup');
        }
        const verdict = checkItemWrite(principal, config, before, after);
        if (verdict) throw toError(verdict);
        if (principal.kind === 'admin-panel' && config.mode === 'workgroup') {
          await assertEditorMayWrite(strapi, uid, action, after.workgroupId);
        }
      }
      // The outcome, whatever Strapi's steps read: every row left of the written documents is
      // readable by the writer, and no locale holds two drafts or two published versions.
      if (judgeVersions) {
        for (const documentId of written) {
          const earlier = documentId === params.documentId ? versionsBefore : [];
          const outcome = checkDocumentVersions(earlier, await documentVersions(uid, documentId));
          if (outcome) throw toError(outcome);
        }
      }
      await recordItemEvent(ctx, principal, after ?? before, result);
      return result;
    });
  };
};
