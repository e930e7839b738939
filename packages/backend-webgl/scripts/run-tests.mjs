#!/usr/bin/env node
// Runs vitest, under `xvfb-run -a` when there is no X display and xvfb-run exists: headless-gl
// (gpu.js's headlessgl mode) creates its contexts on an X display. With a display already set
// (a desktop, or an outer xvfb-run) vitest runs as is; without either, the WebGL tests skip
// with the reason, or fail where CI=true or TENSILE_REQUIRE_WEBGL=1.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const args = [vitest, 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results.json', ...process.argv.slice(2)];

const hasXvfbRun = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
const wrap = process.platform === 'linux' && !process.env.DISPLAY && hasXvfbRun;
if (process.platform === 'linux' && !process.env.DISPLAY && !hasXvfbRun) {
  console.log('run-tests: no X display and no xvfb-run (apt-get install -y xvfb xauth): headless-gl tests cannot create a context');
}
const [command, commandArgs] = wrap ? ['xvfb-run', ['-a', process.execPath, ...args]] : [process.execPath, args];
const run = spawnSync(command, commandArgs, { stdio: 'inherit' });
if (run.error) {
  console.error(`run-tests: could not start ${command}: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? 1);
