/**
 * The unit tests as Stryker runs them (stryker.config.json): jest.unit.config.js, with every unit
 * test file loaded by one entry file (test/unit/stryker-entry.ts). Stryker runs jest once per
 * mutant, and jest pays for each test file it loads (a fresh module registry, environment and test
 * framework): one file instead of eight made each mutant's run about three times faster. The tests
 * and their names are the same, each under a `describe` named after its file.
 */
const unit = require('./jest.unit.config');

/** @type {import('jest').Config} */
module.exports = {
  ...unit,
  testMatch: ['<rootDir>/test/unit/stryker-entry.ts'],
};
