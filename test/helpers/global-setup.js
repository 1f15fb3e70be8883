'use strict';
// Compiles the plugin and the host app once for the whole run; every test file boots from dist/.
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = async () => {
  const root = path.join(__dirname, '..', '..');
  const tsc = require.resolve('typescript/bin/tsc');
  for (const project of ['plugins/extranet/tsconfig.json', 'tsconfig.json']) {
    execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
  }
};
