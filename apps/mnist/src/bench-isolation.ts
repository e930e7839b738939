/**
 * `npm run bench:isolation`: does a backend measure the same alone, first in a run, and after
 * another backend? Runs `npm run bench` (dist/bench.js) in pairs: `--backends B` (alone), then
 * `--backends B,A,B` (first, and after A), pair after pair, and reports each position's median.
 *
 * Pairs, not one long run each: on a shared virtual machine the speed of the same code drifts by
 * more than 10% from one minute to the next (one vCPU can run vector code 1.75× slower for a while,
 * with no steal time to show for it), so three runs minutes apart would compare the machine's
 * moods; alternating puts every position through the same drift, and the median discards a pair
 * that hit a slow spell.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './bench-measure.js';
import { UsageError } from './args.js';
import { BENCH_IDS } from './bench-ids.js';
import { median } from './bench-measure.js';
import { userPath } from './user-path.js';

const USAGE = `Usage: npm run bench:isolation -- [--backend ID] [--after ID] [--pairs N] [--seconds S] [--steps N] [--out FILE]

  --backend   the benchmark id measured alone, first and after (default tensile-wasm-compiled)
  --after     the id measured between (default tensile-cpu, the one that once slowed wasm by a quarter)
  --pairs     how many times to run the alone run and the first/after run, alternating (default 6)
  --seconds   time budget of each measurement (default 6), --steps its step budget (default 500)
  --out       Markdown report (default: printed only)
`;

interface Options {
  backend: string;
  after: string;
  pairs: number;
  seconds: number;
  steps: number;
  out?: string;
}

function parse(argv: readonly string[]): Options | 'help' {
  const o: Options = { backend: 'tensile-wasm-compiled', after: 'tensile-cpu', pairs: 6, seconds: 6, steps: 500 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') return 'help';
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`${flag}: missing value`);
    const whole = (min: number): number => {
      const v = Number(value);
      if (!Number.isInteger(v) || v < min) throw new UsageError(`${flag}: expected a whole number >= ${min}, got '${value}'`);
      return v;
    };
    if (flag === '--backend') o.backend = value;
    else if (flag === '--after') o.after = value;
    else if (flag === '--pairs') o.pairs = whole(1);
    else if (flag === '--seconds') o.seconds = whole(1);
    else if (flag === '--steps') o.steps = whole(1);
    else if (flag === '--out') o.out = userPath(value);
    else throw new UsageError(`unknown flag '${flag}'`);
  }
  for (const [flag, id] of [
    ['--backend', o.backend],
    ['--after', o.after],
  ]) {
    if (!BENCH_IDS.includes(id)) throw new UsageError(`${flag}: unknown benchmark '${id}'; expected one of ${BENCH_IDS.join(', ')}`);
  }
  if (o.backend === o.after) throw new UsageError(`--after must differ from --backend (both '${o.backend}')`);
  return o;
}

/** One `npm run bench` run; the samples/s of every row of `id`, in order. */
function benchRun(ids: readonly string[], id: string, o: Options, dir: string): number[] {
  const json = join(dir, 'run.json');
  const bench = fileURLToPath(new URL('./bench.js', import.meta.url));
  const args = [bench, '--backends', ids.join(','), '--batch-sizes', '128', '--rounds', '1'];
  args.push('--seconds', String(o.seconds), '--steps', String(o.steps), '--out', join(dir, 'run.md'), '--json', json);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench ${ids.join(',')} exited with ${r.status}: ${(r.stderr || r.stdout).trim().slice(-300)}`);
  const { results } = JSON.parse(readFileSync(json, 'utf8')) as { results: BenchResult[] };
  const rows = results.filter((x) => x.id === id && x.batchSize === 128);
  const failed = rows.find((x) => x.status !== 'ok');
  if (failed) throw new Error(`bench ${ids.join(',')}: ${id} ${failed.status}: ${failed.error ?? ''}`);
  return rows.map((x) => x.samplesPerSec ?? Number.NaN);
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number, base: number) => `${x >= base ? '+' : '−'}${(Math.abs(x / base - 1) * 100).toFixed(1)}%`;

function main(): number {
  let o: Options | 'help';
  try {
    o = parse(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`bench:isolation: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (o === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tensile-bench-isolation-'));
  const load = loadavg()[0].toFixed(1);
  const alone: number[] = [];
  const first: number[] = [];
  const after: number[] = [];
  try {
    for (let p = 1; p <= o.pairs; p++) {
      alone.push(...benchRun([o.backend], o.backend, o, dir));
      const [f, a] = benchRun([o.backend, o.after, o.backend], o.backend, o, dir);
      first.push(f);
      after.push(a);
      console.log(`pair ${p}: alone ${fmt(alone[p - 1])}, first ${fmt(f)}, after ${o.after} ${fmt(a)} samples/s`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const m = { alone: median(alone), first: median(first), after: median(after) };
  const lines = [
    `# ${o.backend}: alone, first, and after ${o.after}`,
    '',
    `Written by \`npm run bench:isolation -- ${process.argv.slice(2).join(' ')}\` (apps/mnist/src/bench-isolation.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; 1-minute load average ${load} at the start, ${loadavg()[0].toFixed(1)} at the end.`,
    '',
    `${o.pairs} pairs, alternating: \`npm run bench -- --backends ${o.backend}\` (alone), then \`--backends ${o.backend},${o.after},${o.backend}\` (first, and after ${o.after}); batch 128, ${o.seconds} s per measurement. samples/s:`,
    '',
    '| pair | alone | first | after |',
    '| ---: | ---: | ---: | ---: |',
    ...alone.map((x, i) => `| ${i + 1} | ${fmt(x)} | ${fmt(first[i])} | ${fmt(after[i])} |`),
    `| **median** | **${fmt(m.alone)}** | **${fmt(m.first)}** (${pct(m.first, m.alone)}) | **${fmt(m.after)}** (${pct(m.after, m.alone)}) |`,
    '',
  ];
  const md = lines.join('\n');
  console.log(`\n${md}`);
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, md);
    console.log(`wrote ${o.out}`);
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(`bench:isolation: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
