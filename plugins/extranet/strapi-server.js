'use strict';

// Strapi loads a local plugin's server from this file (an npm install goes through the package's
// `./strapi-server` export): both point at the compiled TypeScript, built by `npm run build` here
// or by the host app's postinstall.
module.exports = require('./dist/server');
