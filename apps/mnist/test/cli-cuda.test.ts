/**
 * `npm run mnist -- --backend cuda` on a machine without an NVIDIA GPU (this one, and CI's) stops
 * at once: exit 1, one line saying why CUDA cannot start and what to install, no stack trace.
 * Where a GPU and its driver are present this has nothing to check, and says so in its name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAddon } from '@tensile/backend-cuda-node';
import { afterAll, describe, expect, it } from 'vitest';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(app, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'mnist-cuda-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const loaded = loadAddon();
const gpuHere = 'addon' in loaded && loaded.addon.probe().ok;

describe('mnist CLI with --backend cuda and no GPU', () => {
  it.skipIf(gpuHere)('exits 1 with one line: cuda: unavailable — why, and what to install (skipped where a GPU is present)', () => {
    const env = { ...process.env };
    delete env.INIT_CWD;
    const out = join(tmp, 'run');
    const r = spawnSync(process.execPath, [cli, '--backend', 'cuda', '--limit', '64', '--epochs', '1', '--out', out], {
      cwd: tmp,
      encoding: 'utf8',
      timeout: 60_000,
      env,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mnist: cuda: unavailable — .*(install|build)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});
