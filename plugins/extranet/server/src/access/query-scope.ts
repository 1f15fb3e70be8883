/**
 * Applies the rule to one query-engine read (`where`, `orderBy`, `populate`), recursively:
 * the caller's filters are checked (guard) and every relation they walk, every populated
 * relation and the root get the rule ANDed in. Query-engine format: attribute names, `where`.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isPrototypeKey } from '../utils/prototype-keys';
import { USER_UID } from '../constants';
import type { Principal } from './principal';
import {
  asFilter,
  INTERNAL_TYPES,
  isUnrestricted,
  readScope,
  relationLeaves,
  UPLOAD_FILE,
  type ConditionLeaves,
  type Filter,
  type Governance,
  type ReadScope,
} from './rule';
import { attachmentLeaves, morphHolders } from './files';
import { normalisePopulate } from './populate';

export { normalisePopulate };
import { AUDIENCE, hasAudience } from './audience';
import { metaOf, modelOf, type Attributes, type AttributeView, type Row } from './types';

/** A query-engine read's params, as a caller (REST, GraphQL, server code) wrote them: narrowed here. */
export interface QueryParams {
  select?: unknown;
  where?: unknown;
  orderBy?: unknown;
  populate?: unknown;
}

const USER = USER_UID;
/** What anyone may filter on, or see when populating, of another person. */
export const PUBLIC_USER_FIELDS = [
  'id',
  'documentId',
  'username',
  'firstname',
  'lastname',
  'company',
  'position',
  'visibleToAllExtranet',
];
const KEEP = new Set([...PUBLIC_USER_FIELDS, 'createdAt', 'updatedAt', 'publishedAt', 'locale']);

/** Drops everything but the public fields of another person's row (relations were scoped already). */
export const redactPerson = (row: Row) => {
  for (const key of Object.keys(row)) {
    const value = row[key];
    const isRelation = value !== null && typeof value === 'object' && !(value instanceof Date);
    if (!KEEP.has(key) && !isRelation) delete row[key];
  }
};

const FALSY: ReadonlySet<unknown> = new Set([false, 'false', 'f', '0', 0]);

/** A field a partner may select of another person (`includes` takes only the array's own type). */
const isPublicUserField = (field: unknown): field is string => PUBLIC_USER_FIELDS.includes(field as string);

const isObject = (v: unknown): v is Row => v !== null && typeof v === 'object' && !Array.isArray(v);
const LOGICAL = new Set(['$and', '$or', '$not']);
/** `{ $eq: 5 }`-like: compares the relation itself (by id), as opposed to `{ name: .. }` or `{ $or: [..] }`. */
const isOperatorObject = (v: Row) =>
  Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$') && !LOGICAL.has(k));

const refuse = (path: string[], why: string): never => {
  throw new errors.ValidationError(`Invalid key ${path.join('.')}: ${why}`, {
    key: path.join('.'),
    path,
    source: 'query',
  });
};

/** A relation without a target: a morph relation (a file's `related`, a dynamic zone). */
const isMorph = (attribute: AttributeView | undefined) =>
  attribute?.type === 'relation' && !attribute.target && String(attribute.relation).startsWith('morphTo');

/** A media field: a morph relation to files, through `related`. */
const isMedia = (attribute: AttributeView | undefined) =>
  attribute?.target === UPLOAD_FILE && attribute.morphBy === 'related';

export class QueryScope {
  private scopes = new Map<string, ReadScope>();
  /**
   * Scopes written uncorrelated, for rows that are not the query's root `t0`: a relation a filter
   * walks (a join), the rows files hang on (inside the file's subqueries).
   */
  private nestedScopes = new Map<string, ReadScope>();
  /** Extranet admins may filter and sort anywhere: the guard protects rows the caller cannot read. */
  private readonly guarded: boolean;

  /**
   * `correlate`: write the link-table subqueries per row (an index probe each: a page of 25 stops
   * after a few dozen probes) rather than as one set (hashed once: cheaper when every row is
   * counted). The query door correlates finds, not counts.
   */
  constructor(
    private strapi: Core.Strapi,
    private principal: Principal,
    private governance: Governance,
    private correlate = false,
    /** false: write audience leaves from the site flag and the link tables (reads inside an item write, see audience.ts) */
    private useAudience = true,
    /**
     * what else limits the caller's reads of a type wherever the rows are reached (the root, a
     * relation a filter walks, a populate): a content editor's RBAC permissions
     */
    private narrow: (uid: string) => Filter | null = () => null,
  ) {
    this.guarded = !isUnrestricted(principal);
  }

  private narrowed(uid: string, scope: ReadScope): ReadScope {
    const extra = this.narrow(uid);
    if (!extra || scope === 'none') return scope;
    return scope === 'all' ? extra : { $and: [scope, extra] };
  }

  scopeOf(uid: string): ReadScope {
    let scope = this.scopes.get(uid);
    if (!scope) {
      scope = this.narrowed(uid, readScope(this.principal, uid, this.governance, this.linkTableLeaves(uid)));
      this.scopes.set(uid, scope);
    }
    return scope;
  }

  /**
   * The rule's relation leaves as subqueries on the link tables, e.g. "workgroup in ids, or none"
   * as `id NOT IN (SELECT document_id FROM documents_workgroup_lnk WHERE workgroup_id NOT IN ids)`
   * (a to-one relation has at most one link row). Without joins the query engine adds no
   * DISTINCT, so a page of 25 stops after 25 rows instead of sorting every visible one.
   */
  private linkTableLeaves(uid: string, correlate = this.correlate): ConditionLeaves {
    const related = (field: string) => semiJoin(this.strapi, uid, field, correlate);
    return {
      // One indexed predicate where the rows carry their audience (access/audience.ts).
      audience:
        this.useAudience && hasAudience(this.strapi, uid)
          ? (audiences) => ({ [AUDIENCE]: { $in: audiences } })
          : undefined,
      files:
        uid === UPLOAD_FILE
          ? { ...attachmentLeaves(this.strapi, correlate), scopeOf: (type) => this.nestedScopeOf(type) }
          : undefined,
      workgroup: (ids, orNone) => {
        const links = related('workgroup');
        if (!links) return relationLeaves.workgroup(ids, orNone);
        return orNone ? { id: { $notIn: links.whereNotIn(ids) } } : { id: { $in: links.whereIn(ids) } };
      },
      author: (field, userId) => {
        const links = related(field);
        return links ? { id: { $in: links.whereIn([userId]) } } : relationLeaves.author(field, userId);
      },
      related: (relation, filter) => {
        const links = related(relation);
        return links ? { id: { $in: links.whereMatches(filter) } } : relationLeaves.related(relation, filter);
      },
    };
  }

  private nestedScopeOf(uid: string): ReadScope {
    if (!this.correlate) return this.scopeOf(uid);
    let scope = this.nestedScopes.get(uid);
    if (!scope) {
      scope = this.narrowed(
        uid,
        readScope(this.principal, uid, this.governance, this.linkTableLeaves(uid, false)),
      );
      this.nestedScopes.set(uid, scope);
    }
    return scope;
  }

  private attributes(uid: string): Attributes {
    return metaOf(this.strapi, uid)?.attributes ?? {};
  }

  /** Mutates query-engine params in place. */
  apply(uid: string, params: QueryParams) {
    for (const field of ([] as unknown[]).concat(params.select ?? [])) {
      // `in` takes every value as a key (as the query engine would read it), not only strings.
      if (isPrototypeKey(field as string)) refuse(['fields'], `${field} is not an attribute`);
    }
    // Partners see other people's public fields only (redactPerson): filters and sorts on users
    // may not ask about the others, whether through a relation or on the users themselves.
    const personGuard = uid === USER && this.principal.kind === 'external';
    if (personGuard && params.where !== undefined) this.guardUserWhere(params.where, []);
    if (personGuard && params.orderBy !== undefined) this.guardUserOrder(params.orderBy);
    const where = params.where === undefined ? undefined : this.where(uid, params.where, [], false);
    params.where = and(where, asFilter(this.scopeOf(uid)));
    if (params.orderBy !== undefined) this.orderBy(uid, params.orderBy, []);
    if (params.populate !== undefined && params.populate !== null) {
      params.populate = this.populate(uid, params.populate, []);
    }
  }

  /** The caller's filter with the rule ANDed into every relation it walks; what is not an object, as given. */
  private where(uid: string, where: unknown, path: string[], negated: boolean): unknown {
    if (Array.isArray(where)) return where.map((w) => this.where(uid, w, path, negated));
    if (!isObject(where)) return where;
    const attributes = this.attributes(uid);
    const out: Row = {};
    // Each relation goes in a conjunct of its own: the query engine hoists the `$and` of a scoped
    // relation into the object holding it, so two of them side by side (sender and recipient)
    // would overwrite each other and one condition would be lost.
    const relations: Row[] = [];
    for (const [key, value] of Object.entries(where)) {
      if (isPrototypeKey(key)) refuse([...path, key], 'not an attribute');
      if (LOGICAL.has(key) && !(isObject(value) || (Array.isArray(value) && value.every(isObject)))) {
        refuse([...path, key], 'takes an object or a list of objects');
      }
      if (key === '$and' || key === '$or') {
        out[key] = (Array.isArray(value) ? value : [value]).map((v) =>
          this.where(uid, v, [...path, key], negated),
        );
      } else if (key === '$not') {
        out[key] = this.where(uid, value, [...path, key], true);
      } else if (key.startsWith('$')) {
        assertOperand(key, value, [...path, key]);
        out[key] = value;
      } else {
        const attribute = attributes[key];
        if (attribute && !STRUCTURED_TYPES.has(attribute.type)) assertAttributeFilter(value, [...path, key]);
        // The rows behind a morph relation cannot be scoped in a filter, and the query engine cannot
        // compile one (it answers 500): refused for every caller.
        if (isMorph(attribute)) refuse([...path, key], 'filtering on this relation is not allowed');
        if (attribute?.type === 'relation' && attribute.target) {
          relations.push({ [key]: this.relationWhere(attribute.target, value, [...path, key], negated) });
        } else {
          out[key] = value;
        }
      }
    }
    if (relations.length === 0) return out;
    return { $and: [...(Object.keys(out).length > 0 ? [out] : []), ...relations] };
  }

  private relationWhere(target: string, value: unknown, path: string[], negated: boolean) {
    // The related rows are joined, not the root: a subquery correlated with `t0` would probe the root.
    const scope = this.nestedScopeOf(target);
    if (this.guarded && target === USER) this.guardUserWhere(value, path);
    else if (this.guarded && INTERNAL_TYPES.has(target))
      refuse(path, 'filtering on this relation is not allowed');
    const sub = isObject(value) && !isOperatorObject(value) ? value : { id: value };
    // The query engine cannot compile `$not` right under a relation (it answers 500): the same
    // question is asked with `$not` outside it.
    if ('$not' in sub)
      refuse([...path, '$not'], 'write it outside the relation: filters[$not][relation][...]');
    if (scope !== 'all') {
      if (negated) refuse(path, '$not cannot be combined with this relation');
      if (hasNullCheck(sub)) refuse(path, '$null/$notNull cannot be used on this relation');
    }
    const scoped = this.where(target, sub, path, negated);
    return and(scoped, asFilter(scope));
  }

  private guardUserWhere(value: unknown, path: string[]) {
    if (!isObject(value) || isOperatorObject(value)) return;
    for (const [key, sub] of Object.entries(value)) {
      if (key === '$and' || key === '$or')
        (Array.isArray(sub) ? sub : [sub]).forEach((s) => this.guardUserWhere(s, [...path, key]));
      else if (key === '$not') this.guardUserWhere(sub, [...path, key]);
      else if (!key.startsWith('$') && !PUBLIC_USER_FIELDS.includes(key))
        refuse([...path, key], 'not a public field of a user');
    }
  }

  private guardUserOrder(orderBy: unknown) {
    for (const entry of ([] as unknown[]).concat(orderBy)) {
      const keys =
        typeof entry === 'string'
          ? [String(entry).split(':')[0].split('.')[0]]
          : isObject(entry)
            ? Object.keys(entry)
            : [];
      for (const key of keys)
        if (!PUBLIC_USER_FIELDS.includes(key)) refuse(['sort', key], 'not a public field of a user');
    }
  }

  private orderBy(uid: string, orderBy: unknown, path: string[]): void {
    if (Array.isArray(orderBy)) return orderBy.forEach((o) => this.orderBy(uid, o, path));
    const attributes = this.attributes(uid);
    const check = (key: string, nested: unknown) => {
      const attribute = attributes[key];
      // The query engine cannot order on a morph relation (it answers 500): refused for every caller.
      if (isMorph(attribute)) refuse([...path, key], 'sorting on this relation is not allowed');
      if (attribute?.type !== 'relation' || !attribute.target) return;
      // A sort through a relation joins rows the rule would hide: their order would leak. (A media
      // field joins only the files of a row the caller reads: readable by definition.)
      const media = isMedia(attribute);
      if (
        (!media && this.scopeOf(attribute.target) !== 'all') ||
        (this.guarded && INTERNAL_TYPES.has(attribute.target))
      ) {
        refuse([...path, key], 'sorting on this relation is not allowed');
      }
      if (isObject(nested)) this.orderBy(attribute.target, nested, [...path, key]);
    };
    if (typeof orderBy === 'string') {
      const [first, ...rest] = orderBy.split(':')[0].split('.');
      if (rest.length || isMorph(attributes[first])) check(first, undefined);
    } else if (isObject(orderBy)) {
      for (const [key, value] of Object.entries(orderBy)) check(key, value);
    }
  }

  private populate(uid: string, populate: unknown, path: string[]): Row {
    const attributes = this.attributes(uid);
    const map = normalisePopulate(populate, attributes);
    const out: Row = {};
    for (const [key, value] of Object.entries(map)) {
      if (isPrototypeKey(key)) refuse([...path, key], 'not an attribute');
      const attribute = attributes[key];
      if (isMorph(attribute) && !FALSY.has(value)) {
        out[key] = this.populateMorph(uid, key, value, [...path, key]);
        continue;
      }
      if (!attribute || attribute.type !== 'relation' || !attribute.target || FALSY.has(value)) {
        out[key] = value;
        continue;
      }
      // A media field's files hang on the row that holds them: a readable row makes them readable
      // (SPEC §4 "Files"), so they need no scope of their own; what they populate in turn does.
      const media = isMedia(attribute);
      out[key] = this.populateEntry(attribute.target, value, [...path, key], !media);
    }
    return out;
  }

  /**
   * A morph relation names no target (a file's `related` leads to rows of any type with a media
   * field): each type it may lead to is populated through `on`, with that type's scope. Strapi's
   * REST sanitizer already writes `on` (the types the caller's role may find); the bare form
   * (GraphQL, server code) becomes `on` for every such type. A count would count hidden rows.
   */
  private populateMorph(uid: string, key: string, value: unknown, path: string[]) {
    const holders = morphHolders(this.strapi, uid, key);
    // Content editors too: their RBAC narrows the rows of each type (editor-scope.ts), and the
    // plugin's internal types are never theirs.
    if (holders.length === 0 || !(this.guarded || this.principal.kind === 'admin-panel')) return value;
    const entry: Row = isObject(value) ? value : value === true || value === '*' ? {} : { populate: value };
    const { on, count, ...rest } = entry;
    if (count) refuse(path, 'counting this relation is not allowed');
    const types = isObject(on)
      ? Object.entries(on)
      : holders.map((type): [string, unknown] => [type, { ...rest }]);
    const scoped: Row = {};
    for (const [type, sub] of types) {
      // A component reached without its parent has no scope to go by: never shown.
      if (FALSY.has(sub) || modelOf(this.strapi, type)?.modelType !== 'contentType') continue;
      // A type the caller may not read at all (the plugin's internal types for editors) is left out.
      if (this.scopeOf(type) === 'none') continue;
      scoped[type] = this.populateEntry(type, sub, [...path, type]);
    }
    // An empty `on` populates nothing (Strapi keeps only the types it names).
    return { on: scoped };
  }

  private populateEntry(target: string, value: unknown, path: string[], scoped = true): Row {
    const entry: Row = isObject(value)
      ? { ...value }
      : value === true || value === '*'
        ? {}
        : { populate: value };
    if (entry.where !== undefined) entry.where = this.where(target, entry.where, path, false);
    const filter = scoped ? asFilter(this.scopeOf(target)) : null;
    if (filter) entry.where = and(entry.where, filter);
    if (entry.orderBy !== undefined) this.orderBy(target, entry.orderBy, path);
    if (target === USER && this.principal.kind === 'external') {
      const wanted = entry.select ? ([] as unknown[]).concat(entry.select) : undefined;
      const select = wanted ? wanted.filter(isPublicUserField) : PUBLIC_USER_FIELDS;
      entry.select = select.length === 0 ? ['id'] : select;
    }
    if (entry.populate !== undefined && entry.populate !== null && !FALSY.has(entry.populate)) {
      entry.populate = this.populate(target, entry.populate, path);
    }
    if (isObject(entry.on)) {
      entry.on = Object.fromEntries(
        Object.entries(entry.on).map(([component, sub]) => [
          component,
          isObject(sub) ? this.populateEntry(component, sub, path) : sub,
        ]),
      );
    }
    return entry;
  }
}

const LINK_ALIAS = 'extranet_link';

/**
 * Subqueries on the link table of `uid`'s relation `field`: the ids of the rows whose related row
 * is among `ids`, not among them, or matches a filter. Null when the relation has no link table.
 */
export const semiJoin = (strapi: Core.Strapi, uid: string, field: string, correlate = false) => {
  const db = strapi.db;
  const attribute = metaOf(strapi, uid)?.attributes?.[field];
  const table = attribute?.joinTable;
  if (!table) return null;
  const item = `${LINK_ALIAS}.${table.joinColumn.name}`;
  // The query engine always names the root table of a query `t0`.
  const links = () => {
    const query = db.getConnection(`${table.name} as ${LINK_ALIAS}`).select(item);
    return correlate ? query.where(item, db.connection.ref('t0.id')) : query;
  };
  // A relation with a link table of its own (not a morph relation's): it names the related row.
  const target = `${LINK_ALIAS}.${table.inverseJoinColumn!.name}`;
  return {
    whereIn: (ids: number[]) => links().whereIn(target, ids),
    whereNotIn: (ids: number[]) => links().whereNotIn(target, ids),
    whereMatches: (filter: Filter) =>
      links().whereIn(target, db.queryBuilder(attribute.target!).select('id').where(filter).getKnexQuery()),
  };
};

/** `a` AND `b`: a filter, or `a` as given (a caller's filter that is not an object is left to the query engine). */
export const and = (a: unknown, b: Filter | undefined | null): unknown => {
  if (!a || (isObject(a) && Object.keys(a).length === 0)) return b ?? undefined;
  if (!b) return a;
  return { $and: [a, b] };
};

const isScalar = (v: unknown) =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date;

/** An operator's value must be what the query engine can compile (else it answers 500). */
const assertOperand = (operator: string, value: unknown, path: string[]) => {
  const scalars = (v: unknown) => Array.isArray(v) && v.every(isScalar);
  const ok =
    operator === '$between'
      ? scalars(value) && (value as unknown[]).length === 2
      : operator === '$in' || operator === '$notIn'
        ? isScalar(value) || scalars(value)
        : isScalar(value) || scalars(value);
  if (!ok)
    refuse(
      path,
      operator === '$between' ? 'takes a list of two values' : 'takes a value or a list of values',
    );
};

/** Attribute types whose filters walk into other rows or documents; every other type takes values or operators. */
const STRUCTURED_TYPES = new Set(['relation', 'component', 'dynamiczone', 'media', 'json', 'blocks']);

const assertAttributeFilter = (value: unknown, path: string[]): void => {
  if (isScalar(value) || (Array.isArray(value) && value.every(isScalar))) return;
  if (!isObject(value)) return refuse(path, 'takes a value or operators');
  for (const [key, sub] of Object.entries(value)) {
    if (!key.startsWith('$')) refuse([...path, key], 'not an operator');
    if (LOGICAL.has(key)) {
      if (!(isObject(sub) || (Array.isArray(sub) && sub.every(isObject))))
        refuse([...path, key], 'takes an object or a list of objects');
      (Array.isArray(sub) ? sub : [sub]).forEach((s) => assertAttributeFilter(s, [...path, key]));
    } else {
      assertOperand(key, sub, [...path, key]);
    }
  }
};

const hasNullCheck = (where: unknown): boolean => {
  if (Array.isArray(where)) return where.some(hasNullCheck);
  if (!isObject(where)) return false;
  return Object.entries(where).some(([k, v]) => k === '$null' || k === '$notNull' || hasNullCheck(v));
};
