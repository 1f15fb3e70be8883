/**
 * The admin panel the browser tests load: Strapi's own `strapi build` output (dist/build),
 * rebuilt only when it is older than what it is made of (the plugin's admin bundle, built by
 * global-setup; the app's admin config; the installed packages).
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const ROOT = path.join(__dirname, '..', '..');

const newest = (target: string): number => {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(target).map((entry) => newest(path.join(target, entry))));
};

export function ensureAdminBuild() {
  const built = newest(path.join(ROOT, 'dist', 'build', 'index.html'));
  const inputs = ['plugins/extranet/dist/admin', 'config/admin.ts', 'package-lock.json', 'src/admin'].map((p) => newest(path.join(ROOT, p)));
  if (built > Math.max(...inputs)) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
  });
}
