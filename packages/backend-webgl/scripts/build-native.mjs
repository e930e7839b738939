#!/usr/bin/env node
// Builds headless-gl (`gl` 8.1.6, gpu.js's optional dependency) from source with node-gyp, in
// the workspace's build rather than at install time (the root package.json keeps gl's install
// script off). Exits 0 with one line when gl is already built, not installed, or the Debian
// packages it needs are missing: the backend then says why in listBackends(), and CI's tests
// fail on it (TENSILE_REQUIRE_WEBGL=1). Exits non-zero only when a build that should work fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const BUILD_PACKAGES = ['build-essential', 'python3', 'pkg-config', 'libxi-dev', 'libglu1-mesa-dev', 'libglew-dev'];
const RUN_PACKAGES = ['xvfb', 'xauth'];
const say = (line) => console.log(`build:native: ${line}`);

const require = createRequire(import.meta.url);
// gl is resolved from gpu.js, which is what requires it at run time.
let glDir;
try {
  glDir = dirname(createRequire(require.resolve('gpu.js')).resolve('gl/package.json'));
} catch {
  say("skipping headless-gl: the `gl` package is not installed (it is gpu.js's optional dependency; run `npm ci`)");
  process.exit(0);
}
const glVersion = JSON.parse(readFileSync(join(glDir, 'package.json'), 'utf8')).version;
const addon = join(glDir, 'build', 'Release', 'webgl.node');

// Built for this Node? Loading the addon needs no display, and fails on an ABI mismatch.
if (existsSync(addon)) {
  try {
    require(addon);
    say(`gl ${glVersion} already built for Node ${process.version} (${addon})`);
    process.exit(0);
  } catch (err) {
    say(`gl ${glVersion} was built but does not load here (${err.message.split('\n')[0]}); rebuilding`);
  }
}

if (process.platform !== 'linux') {
  say(`skipping headless-gl: this script builds it on Linux only (here: ${process.platform}); see gl's README`);
  process.exit(0);
}

function dpkgMissing(packages) {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's format fields
  const probe = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...packages], { encoding: 'utf8' });
  if (probe.error) return null; // not Debian: let node-gyp try, and report what it says
  const installed = new Set(
    probe.stdout
      .split('\n')
      .filter((line) => line.endsWith(' install ok installed'))
      .map((line) => line.split(' ')[0].split(':')[0]),
  );
  return packages.filter((p) => !installed.has(p));
}

const missing = dpkgMissing(BUILD_PACKAGES);
if (missing !== null && missing.length > 0) {
  say(
    `skipping headless-gl (gl ${glVersion}): missing Debian packages ${missing.join(' ')}; install with \`apt-get install -y ${[...BUILD_PACKAGES, ...RUN_PACKAGES].join(' ')}\` and run \`npm run build\` again`,
  );
  process.exit(0);
}
const missingRun = dpkgMissing(RUN_PACKAGES);
if (missingRun !== null && missingRun.length > 0) {
  say(
    `note: ${missingRun.join(' ')} not installed: gl builds, but runs only under xvfb-run (apt-get install -y ${RUN_PACKAGES.join(' ')})`,
  );
}

// Node's own headers (Debian's and the official tarballs ship include/node beside bin/node), so
// node-gyp does not try to download them: CI reaches only the npm registry and Debian apt.
const prefix = dirname(dirname(process.execPath));
const nodedir = existsSync(join(prefix, 'include', 'node', 'node_version.h')) ? [`--nodedir=${prefix}`] : [];
if (nodedir.length === 0) say(`no Node headers under ${prefix}/include/node: node-gyp will look in its cache or download them`);

const nodeGyp = join(dirname(createRequire(join(glDir, 'package.json')).resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
const log = join(glDir, 'build-native.log');
say(`building gl ${glVersion} from source with node-gyp (about 3 min on 2 cores); log: ${log}`);
const started = Date.now();
const build = spawnSync(process.execPath, [nodeGyp, 'rebuild', ...nodedir, '--jobs=max'], {
  cwd: glDir,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
writeFileSync(log, `${build.stdout ?? ''}${build.stderr ?? ''}`);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (build.status !== 0 || !existsSync(addon)) {
  const tail = `${build.stdout ?? ''}${build.stderr ?? ''}`.trimEnd().split('\n').slice(-25).join('\n');
  console.error(tail);
  say(
    `gl ${glVersion} failed to build after ${seconds} s (exit ${build.status ?? build.signal ?? build.error?.message}); full log: ${log}`,
  );
  process.exit(1);
}
say(`built gl ${glVersion} in ${seconds} s (${addon})`);
