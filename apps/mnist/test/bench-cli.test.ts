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
/** The shortest measurements: 2 steps after the warm-up, no settling between children. */
const QUICK = ['--steps', '2', '--seconds', '0', '--batch-seconds', '0', '--settle', '0'];

describe('bench CLI', () => {
  it.each([
    [['--bogus'], "unknown flag '--bogus'"],
    [['--backends', 'tensile-tpu'], "--backends: unknown benchmark 'tensile-tpu'"],
    [['--steps', 'many'], "--steps: expected a number >= 1, got 'many'"],
    [['--batch-sizes', '32,x'], "--batch-sizes: expected whole numbers >= 1 separated by commas, got '32,x'"],
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

  it('repeats a row of the rounds only where it trained in round 1', () => {
    // PyTorch CPU is one of the rows measured in every round. Without torch (CI installs none) it
    // is unavailable in round 1 and not tried again; with torch it is measured in both rounds.
    const json = join(tmp, 'rounds.json');
    const r = run([
      '--backends',
      'pytorch-cpu',
      '--batch-sizes',
      '128',
      '--rounds',
      '2',
      ...QUICK,
      '--out',
      join(tmp, 'rounds.md'),
      '--json',
      json,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const rows = (JSON.parse(readFileSync(json, 'utf8')) as { results: { id: string; status: string; round: number }[] }).results;
    expect(rows.every((x) => x.id === 'pytorch-cpu')).toBe(true);
    if (rows[0].status === 'ok') expect(rows.map((x) => x.round)).toEqual([1, 2]);
    else {
      expect(rows.map((x) => x.round)).toEqual([1]);
      expect(r.stdout).not.toContain('(round 2)');
    }
  });
});

/** Isolation is asserted by structure (processes, order, overlap), never by speed. */
describe('bench isolation', () => {
  interface Timed {
    id: string;
    status: string;
    batchSize?: number;
    pid?: number;
    spawnedAt?: number;
    closedAt?: number;
    measuredFrom?: number;
    measuredTo?: number;
    siblings?: number;
    round?: number;
    samplesPerSec?: number;
  }

  it('measures one child at a time, each in its own process, the batch table at the asked sizes', () => {
    const out = join(tmp, 'iso.md');
    const json = join(tmp, 'iso.json');
    const ids = 'tensile-cpu,tensile-wasm,tensile-wasm-compiled,tensile-cpu';
    const r = run(['--backends', ids, '--batch-sizes', '32,128', '--rounds', '2', ...QUICK, '--out', out, '--json', json]);
    expect(r.status, r.stderr).toBe(0);
    const { benchPid, results } = JSON.parse(readFileSync(json, 'utf8')) as { benchPid: number; results: Timed[] };
    // Round 1: the batch-128 table in the order given (tensile-cpu twice), then the batch-32 rows;
    // round 2: the batch table's rows again, in the same order.
    expect(results.map((x) => `${x.id}@${x.batchSize}#${x.round}`)).toEqual([
      'tensile-cpu@128#1',
      'tensile-wasm@128#1',
      'tensile-wasm-compiled@128#1',
      'tensile-cpu@128#1',
      'tensile-wasm@32#1',
      'tensile-wasm-compiled@32#1',
      'tensile-wasm@128#2',
      'tensile-wasm-compiled@128#2',
      'tensile-wasm@32#2',
      'tensile-wasm-compiled@32#2',
    ]);
    for (const x of results) expect(x.status, x.id).toBe('ok');
    const pids = results.map((x) => x.pid);
    expect(new Set(pids).size).toBe(results.length);
    expect(pids).not.toContain(benchPid);
    for (const [i, x] of results.entries()) {
      // The child timed its steps while it was alive, and no other child of the bench was.
      expect(x.spawnedAt).toBeLessThanOrEqual(x.measuredFrom ?? Number.NaN);
      expect(x.measuredTo).toBeLessThanOrEqual(x.closedAt ?? Number.NaN);
      if (process.platform === 'linux') expect(x.siblings, x.id).toBe(0);
      // The next child is spawned only after this one has exited and closed its pipes.
      if (i > 0) expect(results[i - 1].closedAt).toBeLessThanOrEqual(x.spawnedAt ?? Number.NaN);
    }
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/\| Tensile cpu \(run 2\) \| [\d,.]+ \|/);
    // A row measured in two rounds reports the faster (the batch table at 32), and the first
    // table's notes list both (at 128).
    const speeds = (b: number) =>
      results.filter((x) => x.id === 'tensile-wasm' && x.batchSize === b).map((x) => Math.round(x.samplesPerSec ?? 0));
    const fmt = (v: number) => v.toLocaleString('en');
    expect(md).toContain(`| 32 | ${fmt(Math.max(...speeds(32)))} |`);
    expect(md).toMatch(
      new RegExp(
        `\\| Tensile wasm \\| ${fmt(Math.max(...speeds(128)))} \\|.*best of 2 rounds \\(${speeds(128).map(fmt).join(', ')} samples/s\\)`,
      ),
    );
    // The timed steps of the compiled rows were replays of its plan, with fused kernels in it.
    expect(md).toMatch(/\| Tensile wasm compiled \| [\d,.]+ \|.*jitCompile: [1-9]\d* replays of \d+ kernels, [1-9]\d* fused;/);
    expect(md).toContain('| batch size | Tensile wasm samples/s | Tensile wasm compiled samples/s | PyTorch CPU samples/s |');
    // PyTorch was not asked for: its column and the ratios are empty.
    expect(md).toMatch(/\| 32 \| [\d,.]+ \| [\d,.]+ \| {2}\| {2}\| {2}\|/);
    expect(md).toMatch(/\| 128 \| [\d,.]+ \| [\d,.]+ \| {2}\| {2}\| {2}\|/);
  });
});
