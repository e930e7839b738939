#!/usr/bin/env node
/**
 * Run before `npm run mnist` / `npm run bench`: builds this app and the Tensile packages it uses
 * (turbo, cached, so a no-op when nothing changed), quietly. A backend that does not build yet
 * (wasm, webgpu are optional) is not fatal: the app skips backends it cannot import. What is
 * fatal is a missing core, layers, backend-cpu or app build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(app, '..', '..');
const required = [
  join(root, 'packages/core/dist/index.js'),
  join(root, 'packages/layers/dist/index.js'),
  join(root, 'packages/backend-cpu/dist/index.js'),
  join(app, 'dist/cli.js'),
  join(app, 'dist/bench.js'),
  join(app, 'dist/bench-isolation.js'),
];

const turbo = join(root, 'node_modules', '.bin', 'turbo');
process.stderr.write('mnist: building @tensile/mnist-app and its dependencies (turbo, cached)...\n');
const r = spawnSync(turbo, ['run', 'build', '--filter=@tensile/mnist-app...', '--continue=always', '--output-logs=errors-only'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
});
const missing = required.filter((f) => !existsSync(f));
if (r.error || missing.length > 0) {
  process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}\n`);
  process.stderr.write(`mnist: the build did not produce ${missing.join(', ')}\n`);
  process.exit(1);
}
if (r.status !== 0) {
  const failed = [...new Set(`${r.stdout}${r.stderr}`.match(/@tensile\/[a-z0-9-]+(?=#build)/g) ?? [])];
  const optional = failed.filter((p) => /^@tensile\/backend-(?!cpu$)/.test(p));
  const stale = failed.filter((p) => !optional.includes(p));
  if (optional.length) process.stderr.write(`mnist: ${optional.join(', ')} did not build; those backends will be skipped.\n`);
  // The outputs exist, so a failed rebuild of a required package leaves its previous build in dist/.
  if (stale.length)
    process.stderr.write(
      `mnist: warning: ${stale.join(', ')} did not build; using the previous build in dist/ (run \`npx turbo run build\` to see why).\n`,
    );
  if (!failed.length) process.stderr.write('mnist: turbo reported a failure; run `npx turbo run build` to see it.\n');
}
