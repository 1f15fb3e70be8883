// See strapi.d.ts: the error classes, untyped, for the checker's program only.
export const errors: any;
