'use strict';
/**
 * Builds the plugin for Strapi and for npm: the server with tsc (dist/server, dist/shared), entry
 * points for the package's `./strapi-server` export, and the admin bundled with esbuild
 * (dist/admin/index.mjs with lazy chunks, dist/admin/index.js) with React, the Strapi packages,
 * react-router-dom, styled-components and react-intl left to the host app.
 *
 *   node scripts/build.js            server and admin
 *   node scripts/build.js --server   server only
 *   node scripts/build.js --admin    admin only
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const only = process.argv[2];

const buildServer = () => {
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')],
    { stdio: 'inherit' },
  );
  fs.writeFileSync(
    path.join(dist, 'server', 'index.js'),
    "'use strict';\nmodule.exports = require('./src/index.js').default;\n",
  );
  fs.writeFileSync(
    path.join(dist, 'server', 'index.mjs'),
    "import plugin from './index.js';\nexport default plugin;\n",
  );
};

const EXTERNAL = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'react-router-dom',
  'styled-components',
  'react-intl',
  '@strapi/*',
];

const newest = (target) => {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(target).map((entry) => newest(path.join(target, entry))));
};

const buildAdmin = async () => {
  const out = path.join(dist, 'admin');
  // Left alone when fresh, so that the host's admin build (which embeds it) stays fresh too.
  const inputs = Math.max(
    newest(path.join(root, 'admin', 'src')),
    newest(path.join(root, 'shared')),
    newest(__filename),
  );
  const outputs = Math.min(newest(path.join(out, 'index.mjs')), newest(path.join(out, 'index.js')));
  if (outputs > inputs) return;
  const esbuild = require('esbuild');
  fs.rmSync(out, { recursive: true, force: true });
  const common = {
    entryPoints: [path.join(root, 'admin', 'src', 'index.ts')],
    bundle: true,
    jsx: 'automatic',
    target: 'es2020',
    platform: 'browser',
    external: EXTERNAL,
    logLevel: 'warning',
    sourcemap: true,
  };
  await esbuild.build({
    ...common,
    format: 'esm',
    splitting: true,
    outdir: out,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
  });
  await esbuild.build({ ...common, format: 'cjs', outfile: path.join(out, 'index.js') });
};

(async () => {
  if (only !== '--admin') buildServer();
  if (only !== '--server') await buildAdmin();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
