/**
 * The plugin's pure modules (the rule, the condition compiler, populate normalisation, relation
 * values, config validation, signed file URLs) on their own: no Strapi, no database, no build.
 * They stand beside them, in `__tests__/` folders of `plugins/extranet/server/src`.
 * `npm run test:unit`; Stryker (`npm run test:mutation`) mutates these modules against these tests.
 * They also run in the full suite (jest.config.js).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/plugins/extranet/server/src'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
};
