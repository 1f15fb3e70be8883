/** Populate normalisation, kept free of Strapi so that its unit tests run without it. */

type Row = Record<string, unknown>;
/** An entry of a normalised populate written from a list of paths: every relation's own sub-paths. */
type PathEntry = true | { populate?: string[] };

const isObject = (v: unknown): v is Row => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every shape Strapi accepts for populate, as `{ attribute: true | { ...entry } }`. */
export const normalisePopulate = (populate: unknown, attributes: Record<string, { type: string }>): Row => {
  if (populate === true || populate === '*') {
    return Object.fromEntries(
      Object.entries(attributes)
        .filter(([, a]) => a.type === 'relation')
        .map(([k]) => [k, true]),
    );
  }
  if (typeof populate === 'string')
    return normalisePopulate(
      populate
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      attributes,
    );
  if (Array.isArray(populate)) {
    // No prototype while it is built: `__proto__.x` or `constructor.x` would otherwise write
    // `populate` onto Object.prototype or Object itself, for the whole process. The keys stay, as
    // own properties, for the door to refuse.
    const map: Record<string, PathEntry> = Object.create(null);
    for (const path of populate) {
      if (path === '*') Object.assign(map, normalisePopulate(true, attributes));
      const [root, ...rest] = String(path).split('.');
      if (root === '*') continue;
      if (rest.length === 0) {
        map[root] = map[root] ?? true;
      } else {
        const current = map[root];
        const entry = current === true || current === undefined ? {} : current;
        entry.populate = [...([] as string[]).concat(entry.populate ?? []), rest.join('.')];
        map[root] = entry;
      }
    }
    return Object.fromEntries(Object.entries(map));
  }
  return isObject(populate) ? populate : {};
};
