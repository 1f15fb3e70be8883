/**
 * The shapes the doors read of Strapi, written once. Strapi types a row of the query engine, a
 * lifecycle's params and a document middleware's payload untyped: the doors name them here as
 * what they are (a row of unknown fields, a filter, a model's attributes) and narrow each field
 * where they decide on it.
 */
import type { Core, UID } from '@strapi/strapi';

/** A row as the query engine hands it back, or a payload as a caller sent it: fields to narrow where read. */
export type Row = Record<string, unknown>;

/** A join table of the database metadata: a relation's link table, or a morph relation's. */
export interface JoinTableMeta {
  name: string;
  joinColumn: { name: string };
  /** the related row's column (every link table but a morph relation's) */
  inverseJoinColumn?: { name: string };
  /** a morph relation's: the related row's type and id */
  morphColumn?: { typeColumn: { name: string }; idColumn: { name: string } };
}

/**
 * What the doors read of an attribute, of a model (`strapi.getModel`: `media`, `component`,
 * `dynamiczone`...) or of the database metadata (`strapi.db.metadata`: media become morph
 * relations, with join tables and column names): every kind in one view, the keys of each kind
 * optional.
 */
export interface AttributeView {
  type: string;
  /** relations: `oneToOne`, `manyToOne`, `morphToMany`... */
  relation?: string;
  /** relations (none for a morph relation): the related type */
  target?: string;
  /** a relation that a morph relation of `target` points back through (a media field: `related`) */
  morphBy?: string;
  /** a component attribute's component */
  component?: string;
  /** a dynamic zone's components */
  components?: string[];
  /** the database metadata: the attribute's column, when it is not its name */
  columnName?: string;
  /** the database metadata: the relation's join table */
  joinTable?: JoinTableMeta;
}

/** A model's attributes by name (as Strapi types them: a name no attribute has reads undefined). */
export type Attributes = Record<string, AttributeView>;

/** A model (content type or component) as the doors read it. */
export interface ModelView {
  uid?: string;
  modelType?: string;
  attributes: Attributes;
}

/** A model's database metadata as the doors read it: its table and its attributes. */
export interface MetaView {
  uid: string;
  tableName: string;
  attributes: Attributes;
}

/**
 * Strapi's model of `uid`, or undefined: a uid comes from callers and configuration as a string,
 * and `getModel` (typed for the uids of the app's registry, always found) answers undefined for
 * one no model has. Its attributes are read through the one view above.
 */
export const modelOf = (strapi: Core.Strapi, uid: string): ModelView | undefined =>
  strapi.getModel(uid as UID.Schema) as unknown as ModelView | undefined;

/**
 * The database metadata of `uid`, or undefined (the metadata is a Map: a uid of no model is
 * missing, though `get` is typed as always found). Its attributes' kinds are a union in
 * `@strapi/database`; the doors read them through the one view above.
 */
export const metaOf = (strapi: Core.Strapi, uid: string): MetaView | undefined =>
  strapi.db.metadata.get(uid) as unknown as MetaView | undefined;

/**
 * One query-engine lifecycle event (beforeFindMany, afterCreate...), as the doors read it:
 * `@strapi/database` leaves its params and result untyped; they are a caller's, narrowed where read.
 */
export interface LifecycleEvent {
  action: string;
  model: { uid: string };
  params: {
    select?: unknown;
    where?: unknown;
    orderBy?: unknown;
    populate?: unknown;
    data?: unknown;
  };
  state: Record<string, unknown>;
  result?: unknown;
}

/** A document service call's params: a caller's payload, narrowed where a door reads it. */
export interface DocumentParams {
  documentId?: string;
  data?: Row;
  [key: string]: unknown;
}

/** A document middleware's context (`strapi.documents.use`): the uid, the action and its params. */
export interface DocumentContext {
  uid: string;
  action: string;
  params: DocumentParams;
}

/**
 * What a write of the document service answers, as the doors read it: the document, or
 * `{ documentId, entries }` (publish, unpublish, discardDraft, clone, delete); null or undefined
 * when the caller could not read it back.
 */
export type WriteResult =
  | (WrittenDocument & { entries?: Array<WrittenDocument | null | undefined> })
  | null
  | undefined;

/** A document as a write answers it: its fields, `documentId` among them. */
export type WrittenDocument = { documentId?: string } & Row;

/** The next middleware (and the document service's own call): its answer is read as `WriteResult` by writes. */
export type Next = () => Promise<unknown>;

/**
 * A document middleware as the doors write it. Strapi's own type (`Modules.Documents.Middleware`)
 * is a union over every content type and action of the app's registry, each with the params of
 * that action: the doors take every uid and read the params as the one shape above (each door is
 * handed to `strapi.documents.use` as Strapi's type, where it is registered).
 */
export type DocumentMiddleware = (ctx: DocumentContext, next: Next) => Promise<unknown>;

/** A scoped item as the doors load it (trusted read): its flag, and its workgroup or its author. */
export interface ItemRow {
  id: number;
  extranet?: boolean | null;
  publishedAt?: unknown;
  workgroup?: { id: number; extranet?: boolean | null; archived?: boolean | null } | null;
  /** the author relation (owner mode), under the type's `authorField`: `{ id }` or null */
  [authorField: string]: unknown;
}

/** The id of a populated to-one relation of a row (`{ id }`, or null when it has none). */
export type RelatedRow = { id?: number } | null | undefined;

/** An admin user's CASL ability, as the content manager's permission checks use it. */
export interface Ability {
  can(action: string, subject?: unknown): boolean;
  cannot(action: string, subject?: unknown): boolean;
}

/** Strapi's permissions manager (`admin::permission`'s `createPermissionsManager`), the parts the doors use. */
export interface PermissionsManager {
  /** the filter of the rows `action` reaches (`{}`: every row); null when it reaches none */
  getQuery(action?: string): Row | null;
  toSubject(row: Row, uid: string): unknown;
}

export interface PermissionService {
  createPermissionsManager(options: { ability: Ability; action?: string; model: string }): PermissionsManager;
  conditionProvider: {
    has(uid: string): boolean;
    register(condition: {
      displayName: string;
      name: string;
      plugin: string;
      category: string;
      handler: (user: { id: number; permission?: { subject?: string | null; action?: string } }) => Row;
    }): unknown;
  };
}

/**
 * The admin's permission service: Strapi types `strapi.service()` as a bare `Core.Service`
 * (a record of anything), so its methods are named here.
 */
export const permissionService = (strapi: Core.Strapi) =>
  strapi.service('admin::permission') as PermissionService;

/** The request's state as the doors read it: Koa leaves it untyped; each field is narrowed where read. */
export interface RequestState {
  user?: { id?: number; roles?: Array<{ code?: string }> } & Row;
  userAbility?: Ability;
  auth?: { strategy?: { name?: string }; credentials?: unknown } & Row;
  route?: { config?: { auth?: unknown }; info?: { pluginName?: string }; handler?: unknown } & Row;
  [key: PropertyKey]: unknown;
}

/** The Koa context of the current request (`strapi.requestContext`), its state read as above. */
export const requestState = (strapi: Core.Strapi): RequestState | undefined =>
  strapi.requestContext.get()?.state as RequestState | undefined;
