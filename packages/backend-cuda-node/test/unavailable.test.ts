/**
 * Where the CUDA backend cannot start it says why, in CUDA's or the loader's own words plus what
 * to install, and nothing crashes: no driver (simulated anywhere by pointing the addon at a
 * driver library that does not exist; real on this machine), no addon, and no nvcc at build time.
 * Each case runs in a child process, as a user's program would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAddon } from '../src/addon.js';
import { describeWithAddon } from './addon-here.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'cuda-unavailable-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Imports the built package in a fresh Node, tries to start cuda, prints what listBackends says. */
function startInChild(env: NodeJS.ProcessEnv) {
  const script = `
    const loaded = [];
    const dlopen = process.dlopen;
    process.dlopen = (m, file, ...rest) => { loaded.push(file); return dlopen.call(process, m, file, ...rest); };
    const core = await import('@tensile/core');
    await import('@tensile/backend-cuda-node');
    const atImport = loaded.filter((f) => f.endsWith('tensile_cuda.node')).length;
    let thrown = null;
    try { await core.setBackend('cuda'); } catch (e) { thrown = e.name; }
    const entry = core.listBackends().find((b) => b.name === 'cuda');
    console.log(JSON.stringify({ atImport, thrown, entry }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: pkg,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as {
    atImport: number;
    thrown: string | null;
    entry: { name: string; ready: boolean; error?: string };
  };
}

describeWithAddon('cuda where the driver is missing', () => {
  it('without the NVIDIA driver (simulated): unavailable, saying which library is missing and what to install', () => {
    const r = startInChild({ TENSILE_CUDA_LIBCUDA: 'libcuda-simulated-missing.so.1' });
    expect(r.atImport, 'importing the package must not load the addon').toBe(0);
    expect(r.thrown).toBe('BackendUnavailableError');
    expect(r.entry.ready).toBe(false);
    expect(r.entry.error).toMatch(
      /^cuda: the NVIDIA driver is not installed: libcuda-simulated-missing\.so\.1: cannot open shared object file/,
    );
    expect(r.entry.error).toMatch(/install the NVIDIA driver, version 580 or newer for CUDA 13/);
  });

  const probe = loadAddon();
  const gpuHere = 'addon' in probe && probe.addon.probe().ok;
  it.skipIf(gpuHere)('on this machine (no GPU, no driver): the addon loads and reports the driver missing', () => {
    expect('addon' in probe, 'reason' in probe ? probe.reason : '').toBe(true);
    const r = startInChild({});
    expect(r.entry.error).toMatch(
      /^cuda: (the NVIDIA driver is not installed|cudaGetDeviceCount failed: cudaError\w+: .+; install|no CUDA device found)/,
    );
  });
});

describe('cuda without its addon', () => {
  it('without the addon: says it was not built and how to build it', () => {
    const r = startInChild({ TENSILE_CUDA_ADDON: join(scratch, 'nowhere', 'tensile_cuda.node') });
    expect(r.thrown).toBe('BackendUnavailableError');
    expect(r.entry.error).toMatch(
      /^cuda: the CUDA addon was not built \(.*tensile_cuda\.node is missing\); build it where the CUDA 13 toolkit is installed/,
    );
  });
});

describe('build:native without nvcc', () => {
  // PATH without the toolkit (nvcc lives in /usr/local/bin or /usr/local/cuda/bin here).
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: '/usr/bin:/bin', CUDACXX: '', TENSILE_CUDA_BUILD_DIR: join(scratch, 'build') };
  delete env.TENSILE_REQUIRE_CUDA_BUILD;

  it('skips in one line saying why, and exits 0', () => {
    const r = spawnSync(process.execPath, [join(pkg, 'scripts', 'build-native.mjs')], { cwd: pkg, encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^build:native: skipping the CUDA addon: `nvcc --version` does not run here \(no CUDA toolkit on PATH/);
    expect(readFileSync(join(scratch, 'build', 'skipped.txt'), 'utf8')).toMatch(/nvcc --version/);
  });

  it('fails instead where the build is required (CI)', () => {
    const r = spawnSync(process.execPath, [join(pkg, 'scripts', 'build-native.mjs')], {
      cwd: pkg,
      encoding: 'utf8',
      env: { ...env, TENSILE_REQUIRE_CUDA_BUILD: '1' },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/skipping the CUDA addon/);
  });
});
