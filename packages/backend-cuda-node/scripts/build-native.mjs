#!/usr/bin/env node
// Builds the CUDA addon (build/Release/tensile_cuda.node) with cmake-js, in the package's own
// uncached turbo task; `npm run build` then copies it into dist/. Never runs at install time.
// Where nvcc or cmake is missing it says so in one line and exits 0: the package still builds,
// and the backend reports itself unavailable. CI sets TENSILE_REQUIRE_CUDA_BUILD=1, which turns
// that skip into a failure, since CI's machine has the toolkit.
//
//   TENSILE_CUDA_ARCHS=80-real   one architecture instead of six (a quicker local build)
//   TENSILE_CUDA_BUILD_DIR=dir   where cmake builds (default build/; the tests use a scratch one)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const say = (line) => console.log(`build:native: ${line}`);
const required = process.env.TENSILE_REQUIRE_CUDA_BUILD === '1';
const buildDir = process.env.TENSILE_CUDA_BUILD_DIR || join(pkg, 'build');

function skip(reason) {
  say(`skipping the CUDA addon: ${reason}`);
  // The TypeScript side reads this to say why the addon is missing.
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(join(buildDir, 'skipped.txt'), `${reason}\n`);
  process.exit(required ? 1 : 0);
}

function version(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return r.stdout;
}

const nvcc = process.env.CUDACXX || 'nvcc';
const nvccVersion = version(nvcc, ['--version']);
if (nvccVersion === null) {
  skip(`\`${nvcc} --version\` does not run here (no CUDA toolkit on PATH; install CUDA 13 and put its bin/ on PATH, or set CUDACXX)`);
}
if (version('cmake', ['--version']) === null) skip('`cmake --version` does not run here (apt-get install -y cmake)');

const require = createRequire(import.meta.url);
const generate = spawnSync(process.execPath, [join(here, 'generate-codes.mjs')], { stdio: 'inherit' });
if (generate.status !== 0) process.exit(generate.status ?? 1);

const cmakeJs = join(dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
const addonApi = dirname(require.resolve('node-addon-api/package.json'));
const release = (nvccVersion.match(/release ([0-9.]+)/) ?? [])[1] ?? '?';
const archs = process.env.TENSILE_CUDA_ARCHS;
say(`building the CUDA addon with nvcc ${release}${archs ? ` for ${archs}` : ' for sm_75 to sm_90 plus PTX'}`);
const started = Date.now();
const args = [
  cmakeJs,
  'build',
  '--directory',
  pkg,
  '--out',
  buildDir,
  `--CDNODE_ADDON_API_DIR=${addonApi}`,
  `--CDCMAKE_CUDA_COMPILER=${version('which', [nvcc])?.trim() || nvcc}`,
  // Always passed, empty for all six, so a one-arch build's value does not stay in cmake's cache.
  `--CDTENSILE_CUDA_ARCHS=${archs ?? ''}`,
  '--parallel',
  '2',
];
const r = spawnSync(process.execPath, args, { cwd: pkg, stdio: 'inherit' });
if (r.status !== 0) {
  say(`cmake-js failed (exit ${r.status}); the compiler's messages are above`);
  process.exit(r.status ?? 1);
}
const built = join(buildDir, 'Release', 'tensile_cuda.node');
rmSync(join(buildDir, 'skipped.txt'), { force: true });
if (!existsSync(built)) {
  say(`cmake-js succeeded but ${built} is missing`);
  process.exit(1);
}
say(`built ${built} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
