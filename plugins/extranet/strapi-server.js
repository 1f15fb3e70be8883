'use strict';

// Strapi loads plugins from plain JavaScript: this points it at the compiled TypeScript
// (built by `npm run build` here, or by the host app's postinstall).
module.exports = require('./dist/server/src').default;
