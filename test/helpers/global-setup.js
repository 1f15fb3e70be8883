'use strict';
// Builds the plugin (server and admin bundle) and compiles the host app once for the whole run;
// every test file boots from dist/.
const { execFileSync } = require('child_process');
const path = require('path');
const { newRunName } = require('./run-names');

module.exports = async () => {
  // Names this run's temp folders and PostgreSQL databases (run-names.js): the teardown removes
  // only its own. The workers and the nodes they spawn inherit it.
  process.env.EXTRANET_TEST_RUN = newRunName();
  const root = path.join(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'plugins/extranet/scripts/build.js')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
};
