/** @type {import('jest').Config} */
module.exports = {
  // jest's node environment, naming a file that leaves a timer, socket or process behind.
  testEnvironment: '<rootDir>/test/helpers/environment.js',
  // test/, and unit tests kept beside the plugin's modules (`__tests__/`).
  roots: ['<rootDir>/test', '<rootDir>/plugins/extranet/server/src'],
  testMatch: ['**/*.test.ts'],
  // The admin panel's browser test needs a built admin and runs in the SQLite run only: what it
  // checks of the database does not depend on the dialect, and the PostgreSQL run keeps its budget.
  testPathIgnorePatterns: process.env.DATABASE_CLIENT === 'postgres' ? ['/node_modules/', '\\.e2e\\.test\\.ts$'] : ['/node_modules/'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  globalSetup: '<rootDir>/test/helpers/global-setup.js',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.js',
  setupFiles: ['<rootDir>/test/helpers/env.js'],
  // A hang guard, not a speed goal: on a 2-core machine at load 20 a Strapi boot in a beforeAll
  // took over 60 s (the demo seed's), and a hook that times out leaves its app booting on.
  testTimeout: 300000,
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
  // Each file boots its own Strapi; two workers match the two cores of CI.
  maxWorkers: 2,
};
