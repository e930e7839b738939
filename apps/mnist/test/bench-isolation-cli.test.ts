/** `npm run bench:isolation` as a user runs it (dist/bench-isolation.js); no timing assertions. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist', 'bench-isolation.js');
const tmp = mkdtempSync(join(tmpdir(), 'mnist-bench-isolation-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 240_000, env: { ...process.env, ...env } });
const scratchDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith('tensile-bench-isolation-')).length;
const num = (s: string) => Number(s.replace(/[*,]/g, ''));

describe('bench:isolation CLI', () => {
  it.each([
    [['--pairs', '0'], "--pairs: expected a whole number >= 1, got '0'"],
    [['--after', 'tensile-wasm-compiled'], "--after must differ from --backend (both 'tensile-wasm-compiled')"],
    [['--bogus', '1'], "unknown flag '--bogus'"],
    [['--backend', 'bogus'], "--backend: unknown benchmark 'bogus'; expected one of tensile-cpu, tensile-wasm,"],
    [['--after', 'tensile-wasm-compiledx'], "--after: unknown benchmark 'tensile-wasm-compiledx'"],
  ])('%j exits 2', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('runs alone and first/after in alternating pairs and reports each position with its median', () => {
    // A relative --out is where the user typed the command (npm's INIT_CWD), not apps/mnist.
    const out = join(tmp, 'isolation.md');
    const before = scratchDirs();
    const args = [
      '--backend',
      'tensile-cpu',
      '--after',
      'tensile-wasm',
      '--pairs',
      '2',
      '--seconds',
      '1',
      '--steps',
      '2',
      '--out',
      'isolation.md',
    ];
    const r = run(args, { INIT_CWD: tmp });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(scratchDirs()).toBe(before);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('`npm run bench -- --backends tensile-cpu` (alone), then `--backends tensile-cpu,tensile-wasm,tensile-cpu`');
    const pairs = [...md.matchAll(/^\| (\d) \| ([\d,]+) \| ([\d,]+) \| ([\d,]+) \|$/gm)].map((m) => m.slice(2).map(num));
    expect(pairs).toHaveLength(2);
    for (const p of pairs) for (const x of p) expect(x).toBeGreaterThan(0);
    // The median of two is their mean; the percentages are against the alone median.
    const m = md.match(
      /^\| \*\*median\*\* \| \*\*([\d,]+)\*\* \| \*\*([\d,]+)\*\* \(([+−][\d.]+)%\) \| \*\*([\d,]+)\*\* \(([+−][\d.]+)%\) \|$/m,
    );
    expect(m).not.toBeNull();
    const [alone, first, firstPct, after, afterPct] = (m ?? []).slice(1);
    const mid = (i: number) => (pairs[0][i] + pairs[1][i]) / 2;
    expect(Math.abs(num(alone) - mid(0))).toBeLessThanOrEqual(1);
    expect(Math.abs(num(first) - mid(1))).toBeLessThanOrEqual(1);
    expect(Math.abs(num(after) - mid(2))).toBeLessThanOrEqual(1);
    const signed = (s: string) => Number(s.replace('−', '-'));
    expect(signed(firstPct)).toBeCloseTo((mid(1) / mid(0) - 1) * 100, 0);
    expect(signed(afterPct)).toBeCloseTo((mid(2) / mid(0) - 1) * 100, 0);
    expect(r.stdout).toMatch(/pair 2: alone [\d,]+, first [\d,]+, after tensile-wasm [\d,]+ samples\/s/);
  });
});
