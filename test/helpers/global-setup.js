'use strict';
// Builds the plugin (server and admin bundle) and compiles the host app once for the whole run;
// every test file boots from dist/.
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = async () => {
  // Names this run's temp folders (test/helpers/strapi.ts): the teardown removes only its own.
  process.env.EXTRANET_TEST_RUN = `${process.pid}${Date.now().toString(36)}`;
  const root = path.join(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'plugins/extranet/scripts/build.js')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
};
