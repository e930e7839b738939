/**
 * The CLI as a user runs it: `node dist/cli.js` in a child process (built by the package's build
 * step, which turbo runs before test). Bad flags must answer fast with exit code 2; a small run
 * trains, prints the accuracy and writes the run directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(app, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'mnist-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], timeout = 280_000) {
  // Without INIT_CWD (set by npm for `npm test`), the CLI writes relative to its own cwd.
  const env = { ...process.env };
  delete env.INIT_CWD;
  return spawnSync(process.execPath, [cli, ...args], { cwd: tmp, encoding: 'utf8', timeout, env });
}

describe('mnist CLI', () => {
  it('is built', () => {
    expect(existsSync(cli), `${cli} is missing: run npm run build -w @tensile/mnist-app`).toBe(true);
  });

  it.each([
    [['--epochs', 'zero'], "--epochs: expected an integer >= 1, got 'zero'"],
    [['--bogus'], "unknown flag '--bogus'"],
    [['--backend', 'tpu'], "unknown backend 'tpu'"],
    [['--model', 'alexnet'], "unknown model 'alexnet'"],
  ])('%j exits 2 with a clear message', (args, message) => {
    const r = run(args, 30_000);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('--help');
  });

  it('--help lists the flags and exits 0', () => {
    const r = run(['--help'], 30_000);
    expect(r.status).toBe(0);
    for (const flag of [
      '--backend',
      '--epochs',
      '--batch-size',
      '--lr',
      '--lr-decay',
      '--optimizer',
      '--model',
      '--limit',
      '--seed',
      '--out',
      '--switch-backend-at',
    ]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('an --out that cannot be written exits 1 at once with one line, before any training', () => {
    // As \`--out /etc/passwd/x\`: a folder under a regular file cannot be created.
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'not a directory\n');
    const out = join(file, 'x');
    const r = run(['--limit', '300', '--epochs', '1', '--backend', 'cpu', '--out', out], 120_000);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `mnist: --out ${out}: cannot write the run there (ENOTDIR: not a directory, mkdir '${out}'); nothing was trained\n`,
    );
    // Nothing of an epoch was printed: it stopped before training (a time limit would be flaky).
    expect(r.stdout).not.toContain('Epoch 1/1');
  });

  it('trains on 2,000 images for one epoch and writes the run directory', () => {
    // A space in the folder name: the model must land beside history.json, not in 'run%201'.
    const out = join(tmp, 'run 1');
    const r = run(['--limit', '2000', '--epochs', '1', '--backend', 'cpu', '--out', out]);
    expect(r.stderr).not.toMatch(/failed/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Total params: 61,706/);
    expect(r.stdout).toMatch(/test accuracy: \d+\.\d\d% \(\d+\/2000\)/);
    expect(r.stdout).toContain('confusion matrix');
    expect(r.stdout).toMatch(/throughput: [\d,]+ training samples\/s/);
    for (const f of ['model.json', 'history.json', 'curves.svg']) expect(existsSync(join(out, f)), f).toBe(true);
    const h = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as {
      history: Record<string, number[]>;
      test: { accuracy: number };
    };
    expect(h.history.loss).toHaveLength(1);
    expect(h.history.val_accuracy).toHaveLength(1);
    // 1 epoch on 1,800 images is well above chance (10%).
    expect(h.test.accuracy).toBeGreaterThan(0.5);
    expect(readFileSync(join(out, 'curves.svg'), 'utf8')).toContain('data-series="val_loss"');
  });

  it('--switch-backend-at 1:cpu continues where the first backend stopped', () => {
    type Run = { epochs: Array<{ epoch: number; backend: string }>; history: Record<string, number[]> };
    const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'history.json'), 'utf8')) as Run;
    const common = ['--limit', '600', '--epochs', '2', '--seed', '5'];
    const plain = run([...common, '--backend', 'cpu', '--out', join(tmp, 'plain')]);
    expect(plain.status).toBe(0);
    // The default backend (wasm where it is built, else cpu) for epoch 1, then cpu.
    const switched = run([...common, '--switch-backend-at', '1:cpu', '--out', join(tmp, 'switch')]);
    expect(switched.status).toBe(0);
    expect(switched.stdout).toMatch(/switched backend after epoch 1: \w+ -> cpu/);
    const a = read(join(tmp, 'plain'));
    const b = read(join(tmp, 'switch'));
    expect(b.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(b.epochs[1].backend).toBe('cpu');
    // Same seed, same batches, weights and Adam state carried over: the switched run retraces the
    // cpu-only run (up to float rounding differences between backends).
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) {
      expect(b.history[key]).toHaveLength(2);
      b.history[key].forEach((v, i) => expect(v).toBeCloseTo(a.history[key][i], 3));
    }
  });

  it('the tensors data mode (fit(x, y)) trains too', () => {
    const r = run(['--limit', '500', '--epochs', '1', '--backend', 'cpu', '--data', 'tensors', '--out', join(tmp, 'tensors')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('whole set uploaded as tensors');
    expect(r.stdout).toMatch(/test accuracy: \d+\.\d\d%/);
  });

  it('writes under ./runs/<timestamp>/ by default', () => {
    const r = run(['--limit', '300', '--epochs', '1', '--backend', 'cpu', '--validation-split', '0']);
    expect(r.status).toBe(0);
    const m = /wrote (.*)\/ \(model\.json/.exec(r.stdout);
    expect(m?.[1]).toMatch(new RegExp(`^${tmp.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/runs/\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d`));
  });
});
