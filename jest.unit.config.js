/**
 * The plugin's pure modules (the rule, the condition compiler, the explanation, populate
 * normalisation, relation values, config validation, signed file URLs) on their own: no Strapi, no
 * database, no build. `npm run test:unit`; Stryker (`npm run test:mutation`) mutates these modules
 * against these tests (through jest.stryker.config.js). They also run in the full suite
 * (jest.config.js).
 *
 * Found by glob: the unit tests kept beside the modules (`__tests__/` folders under the plugin's
 * server source), and the one pure test in `test/` (the explanation).
 */
const roots = ['<rootDir>/test', '<rootDir>/plugins/extranet/server/src'];
const testMatch = ['<rootDir>/test/explain.test.ts', '**/__tests__/**/*.test.ts'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots,
  testMatch,
  transform: { '^.+\\.ts$': ['@swc/jest'] },
};
