/**
 * `npm run mnist -- --backend webgl` in Node: gpu.js on headless-gl, under `xvfb-run -a` as the
 * backend's README says. On 2,048 images for one epoch the loss must fall well below chance and
 * the test accuracy pass 80%. Without a display the run must stop at once with one line saying
 * to use xvfb-run. Where headless-gl or xvfb-run is missing this skips, saying why, except in CI
 * (CI=true or TENSILE_REQUIRE_WEBGL=1), where it fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(app, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'mnist-webgl-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
const glBuilt = existsSync(join(app, '..', '..', 'node_modules', 'gl', 'build', 'Release', 'webgl.node'));
const missing = !xvfb
  ? 'xvfb-run is not installed (apt-get install -y xvfb xauth)'
  : !glBuilt
    ? 'headless-gl is not built (npm run build)'
    : null;
const ci = (process.env.CI ?? '') !== '' && process.env.CI !== 'false' && process.env.CI !== '0';
const required = ci || process.env.TENSILE_REQUIRE_WEBGL === '1';

function run(args: string[], env: NodeJS.ProcessEnv, withXvfb: boolean) {
  const cmd = withXvfb ? [xvfb, '-a', process.execPath, cli, ...args] : [process.execPath, cli, ...args];
  const clean = { ...env };
  delete clean.INIT_CWD;
  return spawnSync(cmd[0], cmd.slice(1), { cwd: tmp, encoding: 'utf8', timeout: 280_000, env: clean });
}

describe('mnist CLI on webgl (headless-gl in Node)', () => {
  if (missing !== null && !required) {
    it.skip(`skipped: ${missing}`, () => undefined);
    return;
  }

  it('trains 2,048 images for one epoch under xvfb-run: loss falls, test accuracy above 80%', () => {
    expect(missing, 'headless-gl and xvfb-run are required here').toBeNull();
    const out = join(tmp, 'run');
    const r = run(['--backend', 'webgl', '--limit', '2048', '--epochs', '1', '--out', out], process.env, true);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    const epoch = history.epochs[0];
    expect(epoch.backend).toBe('webgl');
    // Chance is ln(10) = 2.30 for ten classes.
    expect(epoch.logs.loss).toBeLessThan(1.5);
    expect(epoch.logs.val_loss).toBeLessThan(epoch.logs.loss);
    const acc = /test accuracy: (\d+\.\d\d)% \(\d+\/2048\)/.exec(r.stdout);
    expect(acc, r.stdout).not.toBeNull();
    expect(Number(acc?.[1])).toBeGreaterThan(80);
  }, 300_000);

  it('without a display, stops at once with one line saying to run under xvfb-run', () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    const r = run(['--backend', 'webgl', '--limit', '64', '--epochs', '1', '--out', join(tmp, 'none')], env, false);
    expect(r.status).not.toBe(0);
    const first = r.stderr.split('\n')[0];
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(first).toMatch(/^mnist: webgl: unavailable — .*xvfb-run -a/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
