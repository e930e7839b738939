#!/usr/bin/env node
// After tsup (which empties dist/): puts the built addon beside the JavaScript, so the package
// ships it and `npm install` never compiles. No addon (no CUDA toolkit where it was built): the
// reason the native build left goes there instead, for the backend to report.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(pkg, 'build', 'Release', 'tensile_cuda.node');
const skipped = join(pkg, 'build', 'skipped.txt');
const target = join(pkg, 'dist', 'tensile_cuda.node');
const note = join(pkg, 'dist', 'tensile_cuda.missing.txt');
rmSync(note, { force: true });
if (existsSync(built)) {
  copyFileSync(built, target);
} else {
  const reason = existsSync(skipped) ? readFileSync(skipped, 'utf8').trim() : 'the native build did not run';
  writeFileSync(note, `${reason}\n`);
}
