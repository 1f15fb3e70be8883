'use strict';
/** `@strapi/utils` in Stryker's jest runs: the copy test/unit/stryker-environment.js loaded once. */
module.exports = globalThis.__strapiUtilsLoadedOnce;
