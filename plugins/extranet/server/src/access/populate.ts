/** Populate normalisation, kept free of Strapi so that its unit tests run without it. */

const isObject = (v: unknown): v is Record<string, any> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every shape Strapi accepts for populate, as `{ attribute: true | { ...entry } }`. */
export const normalisePopulate = (populate: any, attributes: Record<string, any>): Record<string, any> => {
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
    const map: Record<string, any> = {};
    for (const path of populate) {
      if (path === '*') Object.assign(map, normalisePopulate(true, attributes));
      const [root, ...rest] = String(path).split('.');
      if (root === '*') continue;
      if (rest.length === 0) {
        map[root] = map[root] ?? true;
      } else {
        const entry = map[root] === true || map[root] === undefined ? {} : map[root];
        entry.populate = [...[].concat(entry.populate ?? []), rest.join('.')];
        map[root] = entry;
      }
    }
    return map;
  }
  return isObject(populate) ? populate : {};
};
