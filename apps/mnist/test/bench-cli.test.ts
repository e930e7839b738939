/** `npm run bench` as a user runs it (dist/bench.js); no timing assertions, only that it reports. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bench = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist', 'bench.js');
const tmp = mkdtempSync(join(tmpdir(), 'mnist-bench-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, [bench, ...args], { encoding: 'utf8', timeout: 240_000 });

describe('bench CLI', () => {
  it.each([
    [['--bogus'], "unknown flag '--bogus'"],
    [['--backends', 'tensile-tpu'], "--backends: unknown benchmark 'tensile-tpu'"],
    [['--steps', 'many'], "--steps: expected a number >= 1, got 'many'"],
  ])('%j exits 2', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('measures the chosen backends in child processes and writes the Markdown report', () => {
    const out = join(tmp, 'benchmarks.md');
    const r = run(['--backends', 'tensile-cpu,tfjs-wasm', '--steps', '2', '--seconds', '0', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Tensile cpu\s+[\d,.]+\s+[\d.]+/);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('| backend | samples/s | ms/step | vs peer (same device kind) | notes |');
    expect(md).toMatch(/\| Tensile cpu \| [\d,.]+ \|/);
    // TF.js 4.22's wasm backend has no Conv2DBackpropFilter: the row says it cannot train.
    expect(md).toMatch(/\| TF\.js 4\.22 wasm \| cannot train \|.*Conv2DBackpropFilter/);
  });
});
