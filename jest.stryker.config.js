/**
 * The unit tests as Stryker runs them (stryker.config.json): jest.unit.config.js, with every unit
 * test file loaded by one entry file (test/unit/stryker-entry.ts). Stryker runs jest once per
 * mutant, and jest pays for each test file it loads (a fresh module registry, environment and test
 * framework): one file instead of eight made each mutant's run about three times faster. The tests
 * and their names are the same, each under a `describe` named after its file.
 *
 * What else each of those runs paid for, and no longer does:
 * - `@strapi/utils` (Strapi's error classes, imported by `errors.ts` and `principal.ts`), evaluated
 *   again by every run: about 1 s of a run's 1.7 s. test/unit/stryker-environment.js loads it once
 *   per test-runner process, and `moduleNameMapper` hands that copy to the modules;
 * - jest's scan of its roots for files (`find`, spawned once a run, over `test/` and the plugin's
 *   source): the one test file lives in `test/unit`, so that is the one root (modules outside the
 *   roots are still required and transformed as usual), read with Node's fs API.
 */
const path = require('path');
const unit = require('./jest.unit.config');

/** @type {import('jest').Config} */
module.exports = {
  ...unit,
  roots: ['<rootDir>/test/unit'],
  testMatch: ['<rootDir>/test/unit/stryker-entry.ts'],
  // An absolute path: Stryker wraps the environment (per-test coverage) and loads it by this name.
  testEnvironment: path.join(__dirname, 'test/unit/stryker-environment.js'),
  moduleNameMapper: { '^@strapi/utils$': '<rootDir>/test/unit/strapi-utils-loaded-once.js' },
  haste: { forceNodeFilesystemAPI: true },
};
