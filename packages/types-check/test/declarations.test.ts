/**
 * The shipped declarations as a consumer sees them: tsc (the repository's, from node_modules)
 * checks consumer/ against every package's built dist/*.d.ts and *.d.cts with skipLibCheck off.
 * Run after the builds (turbo's test task depends on ^build).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const consumer = resolve(here, '../consumer');
const packages = resolve(here, '../..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Every declaration entry point a consumer can import, ESM and CJS flavours. */
const ENTRY_POINTS = [
  'core/dist/index',
  'core/dist/testing/index',
  'backend-cpu/dist/index',
  'backend-wasm/dist/index',
  'backend-webgpu/dist/index',
  'layers/dist/index',
].flatMap((p) => [`${p}.d.ts`, `${p}.d.cts`]);

interface Check {
  status: number | null;
  errors: string[];
  files: string[];
  output: string;
}

function typeCheck(project: string): Check {
  const run = spawnSync(process.execPath, [tsc, '-p', join(consumer, project), '--listFiles', '--pretty', 'false'], { encoding: 'utf8' });
  const lines = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l.trim() !== '');
  const errors = lines.filter((l) => /error TS\d+/.test(l)).map((l) => l.replace(`${packages}/`, ''));
  const files = lines.filter((l) => l.startsWith('/')).map((l) => relative(packages, resolve(l)));
  return { status: run.status, errors, files, output: lines.filter((l) => !l.startsWith('/')).join('\n') };
}

describe('declarations type-check in a consumer project with skipLibCheck: false', () => {
  for (const [project, what] of [
    ['tsconfig.json', 'ES2022 target, default lib, no ambient @types'],
    ['tsconfig.esnext.json', 'ESNext lib and @types/node, with `using`'],
  ] as const) {
    it(`${project}: ${what}`, () => {
      const check = typeCheck(project);
      expect(check.errors, `tsc -p consumer/${project} reported:\n${check.errors.join('\n')}`).toEqual([]);
      expect(check.status, `tsc exited with ${check.status}:\n${check.output}`).toBe(0);
      // The check means something only if the built declarations were the ones loaded.
      expect(ENTRY_POINTS.filter((f) => !check.files.includes(f))).toEqual([]);
    });
  }
});
