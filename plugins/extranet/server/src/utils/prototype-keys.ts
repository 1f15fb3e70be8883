/**
 * Keys that name an object's prototype machinery (`__proto__`, `constructor`, `toString`,
 * `valueOf`...), never a field or an attribute: yup, Strapi's validators and plain lookups would
 * resolve them on their own objects (a 500, or worse). Every door refuses them as unknown.
 */
export const isPrototypeKey = (key: string) => key === 'prototype' || key in Object.prototype;
