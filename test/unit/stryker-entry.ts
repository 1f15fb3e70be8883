/**
 * Stryker's one test file (jest.stryker.config.js): every test file of the unit run
 * (jest.unit.config.js: its roots and testMatch), each under a `describe` named after it.
 * Not a test of its own: `npm run test:unit` runs the same files one by one.
 */
import fs from 'fs';
import path from 'path';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const micromatch = require('micromatch');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const unit = require('../../jest.unit.config');

const ROOT = path.join(__dirname, '..', '..');
const atRoot = (pattern: string) => pattern.replace('<rootDir>', ROOT);

const walk = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
        return [full];
      })
    : [];

const files = [...new Set((unit.roots as string[]).map(atRoot).flatMap(walk))]
  // Stryker's sandbox lives under `.stryker-tmp`, a dot folder that `**` skips unless told (as jest is).
  .filter((file) => micromatch.isMatch(file, (unit.testMatch as string[]).map(atRoot), { dot: true }))
  .sort();

if (files.length === 0) throw new Error('stryker-entry: no unit test file found');

for (const file of files) {
  describe(path.relative(ROOT, file), () => {
    require(file);
  });
}
