'use strict';
/**
 * The test environment of Stryker's jest runs (jest.stryker.config.js): jest's node environment,
 * plus `@strapi/utils` loaded once per test-runner process and handed to every run.
 *
 * Stryker runs jest once per mutant, and each run starts from an empty module registry: every
 * module the tests import is evaluated again. `@strapi/utils` (Strapi's error classes, reached
 * through `errors.ts` and `principal.ts`) pulls in lodash, yup and the rest, about 1 s of each
 * run's 1.7 s. It is the same package at the same version, loaded by Node instead of by jest;
 * the modules under test and the tests are still loaded afresh for every run.
 */
const { TestEnvironment } = require('jest-environment-node');

const strapiUtils = require('@strapi/utils');

class StrykerUnitEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.__strapiUtilsLoadedOnce = strapiUtils;
  }
}

module.exports = StrykerUnitEnvironment;
