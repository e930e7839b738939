/**
 * `npm run mnist -- --backend webgpu` as on a new machine, whose GPU driver has no compiled
 * shaders yet (MESA_SHADER_CACHE_DISABLE=true: Mesa's llvmpipe compiles every pipeline on its
 * first dispatch). The run must finish, and while the first step waits for the compiler the
 * output must say so instead of sitting silent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeBackend, setBackend } from '@tensile/core';
import { afterAll, describe, expect, it } from 'vitest';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(app, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'mnist-webgpu-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Why this machine has no WebGPU adapter, or null when it has one: asked as a user would, by
 *  switching to it (which accepts a software adapter), then forgotten again. */
async function probeAdapter(): Promise<string | null> {
  await import('@tensile/backend-webgpu');
  try {
    await setBackend('webgpu');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    removeBackend('webgpu');
  }
}

const reason = await probeAdapter();
const required = process.env.TENSILE_REQUIRE_WEBGPU === '1';

describe('mnist CLI on webgpu with a cold shader cache', () => {
  if (reason !== null && !required) {
    it.skip(`skipped: no WebGPU adapter here (${reason})`, () => undefined);
    return;
  }

  it('trains 256 images and says what it compiles while the first step waits', () => {
    expect(reason, 'a WebGPU adapter is required here (TENSILE_REQUIRE_WEBGPU=1)').toBeNull();
    const out = join(tmp, 'run');
    const env: NodeJS.ProcessEnv = { ...process.env, MESA_SHADER_CACHE_DISABLE: 'true' };
    delete env.INIT_CWD;
    const r = spawnSync(process.execPath, [cli, '--backend', 'webgpu', '--limit', '256', '--epochs', '1', '--out', out], {
      cwd: tmp,
      encoding: 'utf8',
      timeout: 280_000,
      env,
    });
    expect(r.stderr).not.toMatch(/failed/);
    expect(r.status).toBe(0);
    const compiling = /^webgpu: compiling (\d+) GPU pipelines on first use \((.+)\)$/m.exec(r.stdout);
    expect(compiling, r.stdout).not.toBeNull();
    expect(Number(compiling?.[1])).toBeGreaterThan(10);
    expect(compiling?.[2]).toMatch(/conv/);
    expect(r.stdout).toMatch(/^webgpu: done after \d+\.\d s$/m);
    // The status comes before the epoch's line, which it explains.
    expect(r.stdout.indexOf('webgpu: compiling')).toBeLessThan(r.stdout.indexOf('Epoch 1/1'));
    expect(r.stdout).toMatch(/test accuracy: \d+\.\d\d% \(\d+\/256\)/);
    expect(existsSync(join(out, 'model.json'))).toBe(true);
  });
});
