/**
 * The GPU check's plumbing, run here without a GPU: prepare.mjs builds a payload (without Node)
 * into a temporary folder, and check.sh --emulate runs every step of the device check from it
 * (the conformance suite and a short LeNet-5 training on the addon's host emulation, PyTorch on
 * the CPU), then writes its summary to $OUT/cuda-check.json, which this test reads.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { describeWithAddon } from './addon-here.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 64 * 2 ** 20;

interface Run {
  code: number | null;
  output: string;
}

/** Runs a command in the package folder; resolves with its exit code and its output. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: pkg, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

interface Manifest {
  totalBytes: number;
  files: Record<string, { bytes: number; sha256: string }>;
  addon: { archs: string[] };
}

interface Summary {
  ok: boolean;
  emulated: boolean;
  conformance: { passed: number | null; failed: number | null; skipped: number | null };
  train: { lossFirst: number; lossLast: number; lossFalling: boolean; testAccuracy: number } | null;
  tensileSamplesPerSec: number | null;
}

const tmp = mkdtempSync(join(tmpdir(), 'tensile-device-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describeWithAddon('device check (check.sh --emulate)', () => {
  it('prepares a payload within 64 MiB and runs the whole check on the emulated runtime', { timeout: 300_000 }, async () => {
    const payload = join(tmp, 'payload');
    const out = join(tmp, 'out');
    const prepared = await run(process.execPath, ['device/prepare.mjs', '--no-node', '--any-arch', '--out', payload], process.env, 120_000);
    expect(prepared.code, prepared.output).toBe(0);

    const manifest: Manifest = JSON.parse(readFileSync(join(payload, 'manifest.json'), 'utf8'));
    const names = Object.keys(manifest.files).sort();
    expect(names).toEqual([
      'check.mjs',
      'mnist/t10k-images-idx3-ubyte.gz',
      'mnist/t10k-labels-idx1-ubyte.gz',
      'mnist/train-images-idx3-ubyte.gz',
      'mnist/train-labels-idx1-ubyte.gz',
      'tensile_cuda.node',
    ]);
    let total = statSync(join(payload, 'manifest.json')).size;
    for (const [name, f] of Object.entries(manifest.files)) {
      const bytes = readFileSync(join(payload, name));
      expect(bytes.length, name).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), name).toBe(f.sha256);
      total += bytes.length;
    }
    expect(manifest.totalBytes).toBeLessThanOrEqual(MAX_BYTES);
    expect(total).toBeLessThanOrEqual(MAX_BYTES);
    expect(manifest.addon.archs.length).toBeGreaterThan(0);

    // A sample of the suite: the plumbing is what is under test here, and the whole suite already
    // runs on the emulation in conformance-emulated.test.ts.
    const cases = '(matMul|conv2d|softmax|gradients) ';
    const checked = await run(
      'bash',
      ['device/check.sh', '--emulate', '--payload', payload, '--cases', cases],
      { ...process.env, OUT: out },
      240_000,
    );
    const summary: Summary = JSON.parse(readFileSync(join(out, 'cuda-check.json'), 'utf8'));
    const context = checked.output.slice(-4000);
    expect(summary.emulated).toBe(true);
    expect(summary.conformance.failed, context).toBe(0);
    expect(summary.conformance.passed, context).toBeGreaterThan(0);
    expect(checked.output, context).toContain(`only cases matching /${cases}/`);
    expect(summary.train, context).not.toBeNull();
    expect(Number.isFinite(summary.train?.lossFirst)).toBe(true);
    expect(Number.isFinite(summary.train?.lossLast)).toBe(true);
    expect(summary.train?.lossFalling, `loss ${summary.train?.lossFirst} -> ${summary.train?.lossLast}`).toBe(true);
    expect(summary.tensileSamplesPerSec ?? 0).toBeGreaterThan(0);
    expect(summary.ok, context).toBe(true);
    expect(checked.code, context).toBe(0);
  });
});
