/**
 * The write door: every create/update/delete/publish of a governed type through
 * `strapi.documents` (REST, GraphQL, content manager, services) is checked against the rule
 * before it runs. Reads are scoped one level down, in the query engine (query-lifecycle.ts).
 */
import type { Core } from '@strapi/strapi';
import { WORKGROUP_UID } from '../constants';
import { forbidden, invalidField, notFound, workgroupArchived } from '../errors';
import type { ScopedTypeConfig } from '../config';
import { currentPrincipal, type Principal } from './principal';
import { asSystem } from './system';
import { assertEditorMayWrite } from './rbac-conditions';
import {
  checkItemWrite,
  mayWritePluginTypeDirectly,
  mayWriteUngoverned,
  type Governance,
  type WorkgroupState,
} from './rule';

const WRITES_WITH_TARGET = new Set(['update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
const WRITES = new Set(['create', ...WRITES_WITH_TARGET]);

type Ref = { id?: number; documentId?: string };

/** Every relation syntax Strapi accepts for a to-one relation, as: unchanged, cleared, or one target. */
export const parseToOne = (field: string, value: unknown): Ref | null | undefined => {
  const one = (v: unknown): Ref => {
    if (typeof v === 'number' && Number.isInteger(v)) return { id: v };
    if (typeof v === 'string' && v) return { documentId: v };
    if (v && typeof v === 'object') {
      const { id, documentId } = v as Ref;
      if (typeof documentId === 'string' && documentId) return { documentId };
      if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) return { id: Number(id) };
    }
    throw invalidField(field, 'must be a documentId, an id, or a connect/set of one of them');
  };
  const list = (v: unknown): Ref | null => {
    const items = Array.isArray(v) ? v : [v];
    if (items.length > 1) throw invalidField(field, 'takes a single target');
    return items.length === 0 || items[0] === null ? null : one(items[0]);
  };
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (Array.isArray(value)) return list(value);
  if (typeof value === 'object' && ('connect' in value || 'set' in value || 'disconnect' in value)) {
    const { connect, set, disconnect } = value as Record<string, unknown>;
    if (set !== undefined) return list(set);
    if (connect !== undefined && !(Array.isArray(connect) && connect.length === 0)) return list(connect);
    return disconnect !== undefined && !(Array.isArray(disconnect) && disconnect.length === 0) ? null : undefined;
  }
  return one(value);
};

interface StoredItem {
  extranet: boolean | null;
  workgroup: WorkgroupState | null;
  authorId: number | null;
}

export const createDocumentMiddleware = (strapi: Core.Strapi, governance: Governance) => {
  const authorFieldOf = (config: ScopedTypeConfig) => config.authorField ?? 'author';

  /** The stored item, or null when the caller may not read it (answered as 404, like a missing one). */
  const loadVisible = async (uid: string, config: ScopedTypeConfig, documentId: string): Promise<StoredItem | null> => {
    const visible = await strapi.db.query(uid as any).findOne({ select: ['id'], where: { documentId } });
    if (!visible) return null;
    const authorField = authorFieldOf(config);
    const rows = await asSystem(() =>
      strapi.db.query(uid as any).findMany({
        select: ['id', 'extranet', 'publishedAt'],
        where: { documentId },
        populate: config.mode === 'workgroup'
          ? { workgroup: { select: ['id', 'extranet', 'archived'] } }
          : { [authorField]: { select: ['id'] } },
      })
    );
    // With draft & publish, the draft row carries what the next publish will write.
    const row: any = rows.find((r: any) => !r.publishedAt) ?? rows[0];
    return {
      extranet: row.extranet ?? null,
      workgroup: row.workgroup ? { id: row.workgroup.id, extranet: !!row.workgroup.extranet, archived: !!row.workgroup.archived } : null,
      authorId: row[authorField]?.id ?? null,
    };
  };

  /** A workgroup named in a write: the caller must be able to read it, else it does not exist for them. */
  const resolveWorkgroup = async (ref: Ref): Promise<WorkgroupState> => {
    const workgroup: any = await strapi.db.query(WORKGROUP_UID).findOne({
      select: ['id', 'extranet', 'archived'],
      where: ref.documentId ? { documentId: ref.documentId } : { id: ref.id },
    });
    if (!workgroup) throw invalidField('workgroup', 'no such workgroup');
    return { id: workgroup.id, extranet: !!workgroup.extranet, archived: !!workgroup.archived };
  };

  const checkScopedWrite = async (ctx: any, principal: Principal, config: ScopedTypeConfig) => {
    const { action, uid, params } = ctx;
    const authorField = authorFieldOf(config);
    const restricted = principal.kind !== 'system' && principal.kind !== 'admin-panel';

    let before: StoredItem | null = null;
    if (WRITES_WITH_TARGET.has(action)) {
      before = await loadVisible(uid, config, params.documentId);
      if (!before) throw notFound();
    }
    if (action === 'delete' || action === 'publish' || action === 'unpublish' || action === 'discardDraft') {
      const verdict = checkItemWrite(principal, config, before, null);
      if (verdict) throw toError(verdict);
      return { workgroup: before!.workgroup };
    }

    const data = (params.data ??= {});
    if ('extranet' in data && data.extranet !== null && typeof data.extranet !== 'boolean') {
      throw invalidField('extranet', 'must be a boolean');
    }
    let workgroup = before?.workgroup ?? null;
    if (config.mode === 'workgroup') {
      const ref = parseToOne('workgroup', data.workgroup);
      if (ref === null) workgroup = null;
      else if (ref) workgroup = await resolveWorkgroup(ref);
    }
    if (action === 'create' || action === 'clone') {
      if (data.extranet === undefined && !before) {
        // A new item takes its workgroup's site; a partner's item is extranet content.
        data.extranet = workgroup ? workgroup.extranet : principal.kind === 'external';
      }
      if (config.mode === 'owner' && restricted) {
        if (data[authorField] !== undefined) throw invalidField(authorField, 'is set by the server to the caller');
        if (principal.userId) data[authorField] = principal.userId;
      }
    } else if (config.mode === 'owner' && restricted && data[authorField] !== undefined) {
      throw invalidField(authorField, 'cannot be changed');
    }
    if (config.mode === 'workgroup' && principal.kind === 'external' && !workgroup) {
      // Partners write into their workgroups; site-wide extranet content is the company's.
      throw invalidField('workgroup', 'is required: choose one of your workgroups');
    }

    const after = {
      extranet: data.extranet === undefined ? (before?.extranet ?? null) : data.extranet,
      workgroup,
      workgroupId: workgroup?.id ?? null,
      authorId: action === 'create' && restricted ? principal.userId : (before?.authorId ?? null),
    };
    const verdict = checkItemWrite(principal, config, before, after);
    if (verdict) throw toError(verdict);
    if (principal.kind === 'admin-panel' && config.mode === 'workgroup') {
      await assertEditorMayWrite(strapi, uid, action, workgroup?.id ?? null);
    }
    return { workgroup };
  };

  /** Item events of the workgroup's activity (SPEC §6), in the write's transaction. */
  const ITEM_EVENTS: Record<string, 'item.created' | 'item.updated' | 'item.deleted'> = {
    create: 'item.created',
    clone: 'item.created',
    update: 'item.updated',
    delete: 'item.deleted',
  };
  const recordItemEvent = async (ctx: any, principal: Principal, workgroup: WorkgroupState | null, result: any) => {
    const type = ITEM_EVENTS[ctx.action];
    if (!type || !workgroup) return;
    const entry = result?.entries?.[0] ?? result;
    await strapi.plugin('extranet').service('activity').record({
      type,
      workgroup,
      actorId: principal.userId,
      subjectUid: ctx.uid,
      subjectDocumentId: entry?.documentId ?? result?.documentId ?? ctx.params.documentId,
      summary: String(entry?.title ?? entry?.subject ?? ctx.params.data?.title ?? ''),
    });
  };

  return async (ctx: any, next: () => Promise<any>) => {
    if (!WRITES.has(ctx.action)) return next();
    const principal = await currentPrincipal(strapi);
    const config = governance.scoped[ctx.uid];
    if (config) {
      const { workgroup } = await checkScopedWrite(ctx, principal, config);
      return strapi.db.transaction(async () => {
        const result = await next();
        await recordItemEvent(ctx, principal, workgroup, result);
        return result;
      });
    } else if (ctx.uid.startsWith('plugin::extranet.')) {
      if (!mayWritePluginTypeDirectly(principal)) throw forbidden();
    } else if (!mayWriteUngoverned(principal, ctx.uid)) {
      throw ctx.action === 'create' ? forbidden() : notFound();
    }
    return next();
  };
};

const toError = (verdict: { status: number; name?: string; message: string; field?: string }) => {
  if (verdict.status === 409) return workgroupArchived();
  if (verdict.status === 404) return notFound(verdict.message);
  if (verdict.status === 403) return forbidden(verdict.message);
  return invalidField(verdict.field ?? 'data', verdict.message);
};
