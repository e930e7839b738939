/**
 * `npm run bench`: LeNet-5 training steps at batch 128 (forward, loss, backward, Adam) on every
 * Tensile backend that starts here, and the peers in the same run: TensorFlow.js 4.22 cpu / wasm /
 * webgpu and PyTorch CPU; then Tensile wasm (eager and compiled) and PyTorch CPU at the other batch
 * sizes. Each measurement runs in its own child process, time-boxed, one at a time: the next
 * starts only once the previous has exited and the CPUs have gone quiet (see `settle`). Prints the
 * tables and writes docs/benchmarks.md at the repository root.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './args.js';
import { BENCH_PID_ENV, RESULT_PREFIX, shortError, type BenchResult } from './bench-measure.js';
import { benchInChromium } from './bench-browser.js';
import { BENCH_IDS } from './bench-ids.js';
import { BATCH_TABLE_IDS, batchTextTable, label, markdownReport, textTable } from './bench-report.js';
import { userPath } from './user-path.js';

const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** webgl and cuda are listed only where their package is installed (they are not deps of the app). */
const OPTIONAL = new Map([
  ['tensile-webgl', '@tensile/backend-webgl'],
  ['tensile-cuda', '@tensile/backend-cuda-node'],
]);

/**
 * The rows measured in every round, those with the close ratios: the batch table's (Tensile wasm
 * eager and compiled against PyTorch CPU), and webgpu against TF.js webgpu, which on a software
 * Vulkan driver runs on the same CPUs and is slowed by the same load.
 */
const ROUND_IDS = [...BATCH_TABLE_IDS, 'tensile-webgpu', 'tensile-webgpu-compiled', 'tfjs-webgpu'] as const;

const USAGE = `Usage: npm run bench -- [--backends a,b,...] [--batch-sizes B,...] [--rounds N] [--steps N]
                        [--seconds S] [--batch-seconds S] [--settle S] [--timeout S] [--out FILE]
                        [--json FILE]

  --backends       ids among ${BENCH_IDS.join(', ')}
                   (or a group: tensile, tfjs, pytorch, chromium); default: all that are installed
                   (the chromium- ones run together in one headless Chromium page). An id given
                   twice is measured twice (e.g. tensile-wasm,tensile-cpu,tensile-wasm), to check
                   that the order does not change a backend's speed
  --batch-sizes    batch sizes of the second table, for ${BATCH_TABLE_IDS.join(', ')}
                   (default 32,64,128,256; the first table is batch 128)
  --rounds N       measure these rows in N rounds, each over all of them in the same order, and
                   report each row's best round (default 5): other load only ever slows a
                   measurement, and every row gets the same places in the order. The rows:
                   ${ROUND_IDS.join(', ')}
  --steps N        at most N measured steps per measurement after warm-up (default 500)
  --seconds S      stop measuring a backend after S seconds (default 10; at least 2 steps are measured)
  --batch-seconds S  the same for the second table's rows at sizes other than 128 (default 5)
  --settle S       before each measurement, wait up to S seconds (at least one half-second sample)
                   for the previous child to be gone and the CPUs to go quiet (default 3)
  --timeout S      kill a measurement that runs longer than S seconds in all (default 300)
  --out FILE       Markdown report (default docs/benchmarks.md at the repository root)
  --json FILE      also write every result, with its process id and timeline, as JSON
`;

interface BenchOptions {
  ids: string[];
  batchSizes: number[];
  rounds: number;
  steps: number;
  seconds: number;
  batchSeconds: number;
  settle: number;
  timeout: number;
  out: string;
  json?: string;
}

/** One child process: a backend at a batch size, with its time budget. */
interface Job {
  readonly id: string;
  readonly batchSize: number;
  readonly seconds: number;
}

const FLAGS = [
  '--backends',
  '--batch-sizes',
  '--rounds',
  '--steps',
  '--seconds',
  '--batch-seconds',
  '--settle',
  '--timeout',
  '--out',
  '--json',
];

function repoRoot(): string {
  const root = resolve(APP_DIR, '..', '..');
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces?: unknown };
    if (pkg.workspaces) return root;
  } catch {
    // not inside the monorepo (an installed copy): fall back to the working directory
  }
  return process.cwd();
}

function installed(pkg: string): boolean {
  try {
    createRequire(import.meta.url).resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

function parse(argv: readonly string[]): BenchOptions | 'help' {
  const o: BenchOptions = {
    ids: BENCH_IDS.filter((id) => !OPTIONAL.has(id) || installed(OPTIONAL.get(id) ?? '')),
    batchSizes: [32, 64, 128, 256],
    rounds: 5,
    steps: 500,
    seconds: 10,
    batchSeconds: 5,
    settle: 3,
    timeout: 300,
    out: join(repoRoot(), 'docs', 'benchmarks.md'),
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    if (flag === '--help' || flag === '-h') return 'help';
    if (!FLAGS.includes(flag)) throw new UsageError(`unknown flag '${flag}'`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag}: missing value`);
    const num = (min: number): number => {
      const v = Number(value);
      if (!Number.isFinite(v) || v < min) throw new UsageError(`${flag}: expected a number >= ${min}, got '${value}'`);
      return v;
    };
    if (flag === '--backends') {
      o.ids = value.split(',').flatMap((s) => {
        const id = s.trim();
        const group = BENCH_IDS.filter((a) => a.startsWith(`${id}-`));
        if (BENCH_IDS.includes(id)) return [id];
        if (group.length) return group.filter((g) => !OPTIONAL.has(g) || installed(OPTIONAL.get(g) ?? ''));
        throw new UsageError(`--backends: unknown benchmark '${id}'; expected ids among ${BENCH_IDS.join(', ')} or tensile, tfjs, pytorch`);
      });
    } else if (flag === '--batch-sizes') {
      o.batchSizes = value.split(',').map((s) => {
        const b = Number(s.trim());
        if (!Number.isInteger(b) || b < 1)
          throw new UsageError(`--batch-sizes: expected whole numbers >= 1 separated by commas, got '${value}'`);
        return b;
      });
      o.batchSizes = [...new Set(o.batchSizes)].sort((a, b) => a - b);
    } else if (flag === '--rounds') {
      o.rounds = num(1);
      if (!Number.isInteger(o.rounds)) throw new UsageError(`--rounds: expected a whole number >= 1, got '${value}'`);
    } else if (flag === '--steps') o.steps = Math.floor(num(1));
    else if (flag === '--seconds') o.seconds = num(0);
    else if (flag === '--batch-seconds') o.batchSeconds = num(0);
    else if (flag === '--settle') o.settle = num(0);
    else if (flag === '--timeout') o.timeout = num(1);
    else if (flag === '--json') o.json = userPath(value);
    else o.out = userPath(value);
  }
  return o;
}

/** The batch-128 table (every id, in the order given), then the other batch sizes of the second table. */
function firstRound(o: BenchOptions): Job[] {
  const jobs: Job[] = o.ids.map((id) => ({ id, batchSize: 128, seconds: o.seconds }));
  for (const batchSize of o.batchSizes) {
    if (batchSize === 128) continue;
    for (const id of BATCH_TABLE_IDS) if (o.ids.includes(id)) jobs.push({ id, batchSize, seconds: o.batchSeconds });
  }
  return jobs;
}

/**
 * Every measurement in order, with the row it belongs to: round 1 is `firstRound`; each later
 * round measures the rows of ROUND_IDS of round 1 again, in the same order.
 */
function plan(o: BenchOptions): { job: Job; row: number; round: number }[] {
  const rows = firstRound(o);
  const all = rows.map((job, row) => ({ job, row, round: 1 }));
  const again = all.filter((x) => ROUND_IDS.some((id) => id === x.job.id));
  for (let round = 2; round <= o.rounds; round++) for (const x of again) all.push({ ...x, round });
  return all;
}

/** A row's reported result: its fastest round, with every round's speed in its notes. */
function bestOf(measured: readonly BenchResult[]): BenchResult {
  const ok = measured.filter((r) => r.status === 'ok' && r.samplesPerSec !== undefined);
  if (measured.length < 2 || ok.length === 0) return measured[0];
  const best = ok.reduce((a, b) => ((b.samplesPerSec ?? 0) > (a.samplesPerSec ?? 0) ? b : a));
  const speeds = measured.map((r) => (r.status === 'ok' ? Math.round(r.samplesPerSec ?? 0).toLocaleString('en') : r.status));
  const rounds = `best of ${measured.length} rounds (${speeds.join(', ')} samples/s)`;
  return { ...best, detail: best.detail ? `${rounds}; ${best.detail}` : rounds };
}

interface ChildRun {
  stdout: string;
  stderr: string;
  timedOut: boolean;
  code: number | null;
  pid?: number;
  spawnedAt: number;
  closedAt: number;
}

/**
 * Runs a child, returns its stdout; kills it after `timeoutS`. While it runs the parent only
 * waits: no timers but the kill timer, and the child prints one line at the end.
 */
function runChild(cmd: string, args: string[], timeoutS: number): Promise<ChildRun> {
  return new Promise((done) => {
    const env = { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? tmpdir(), [BENCH_PID_ENV]: String(process.pid) };
    const spawnedAt = Date.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    // 'close' comes after the child has exited (and been reaped) and its pipes have closed.
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ stdout, stderr, timedOut, code, pid: child.pid, spawnedAt, closedAt: Date.now() });
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ stdout, stderr: stderr + String(e), timedOut, code: -1, pid: child.pid, spawnedAt, closedAt: Date.now() });
    });
  });
}

/** The first python3 that can import torch (Debian's python3-torch lives under /usr/bin/python3). */
function findTorchPython(): { python?: string; why: string } {
  const tried: string[] = [];
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(py, ['-c', 'import torch'], { stdio: 'pipe', timeout: 60_000 });
      return { python: py, why: '' };
    } catch (e) {
      tried.push(`${py}: ${shortError(e, 80)}`);
    }
  }
  return { why: `python3 -c 'import torch' failed (install Debian python3-torch): ${tried.join('; ')}` };
}

/** CPU time counters of the whole machine (Linux /proc/stat): busy and total jiffies. */
function cpuTimes(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user).
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - f[3] - f[4], total };
  } catch {
    return undefined;
  }
}

/** This process's live children (Linux /proc), or 0 where that cannot be read. */
function liveChildren(): number {
  try {
    let n = 0;
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid) n++;
      } catch {
        // exited while we looked
      }
    }
    return n;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits, before a measurement, until no child of this process is left and the machine's CPUs
 * have gone quiet: less than a quarter of one core busy over half a second, or `maxS` seconds
 * in all (a shared machine may never go quiet). Returns how many cores were busy in the last
 * half-second, for the report. The previous child's exit, the kernel freeing its memory and a
 * burst of work elsewhere then all fall outside the next child's measurement.
 */
async function settle(maxS: number): Promise<number | undefined> {
  const deadline = performance.now() + maxS * 1000;
  const cores = cpus().length;
  let busyCores: number | undefined;
  do {
    const a = cpuTimes();
    await sleep(500);
    const b = cpuTimes();
    busyCores = a && b && b.total > a.total ? (cores * (b.busy - a.busy)) / (b.total - a.total) : undefined;
    if (liveChildren() === 0 && (busyCores === undefined || busyCores < 0.25)) break;
  } while (performance.now() < deadline);
  return busyCores;
}

async function measure(job: Job, o: BenchOptions): Promise<BenchResult> {
  const { id } = job;
  const common = ['--steps', String(o.steps), '--seconds', String(job.seconds), '--batch-size', String(job.batchSize)];
  let res: ChildRun;
  if (id === 'pytorch-cpu') {
    const { python, why } = findTorchPython();
    if (!python) return { id, status: 'unavailable', error: why };
    res = await runChild(python, [join(APP_DIR, 'bench', 'pytorch_lenet.py'), ...common], o.timeout);
  } else {
    const worker = fileURLToPath(new URL('./bench-worker.js', import.meta.url));
    // webgl in Node is headless-gl, which needs an X display: give it a virtual one.
    const xvfb = id === 'tensile-webgl' && !process.env.DISPLAY ? which('xvfb-run') : null;
    res = xvfb
      ? await runChild(xvfb, ['-a', process.execPath, worker, id, ...common], o.timeout)
      : await runChild(process.execPath, [worker, id, ...common], o.timeout);
  }
  const child = { batchSize: job.batchSize, pid: res.pid, spawnedAt: res.spawnedAt, closedAt: res.closedAt };
  const line = res.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX) || l.startsWith('{"id"'));
  if (line) {
    try {
      const r = JSON.parse(line.startsWith(RESULT_PREFIX) ? line.slice(RESULT_PREFIX.length) : line) as BenchResult;
      // What the child says it measured wins; the bench adds what only it knows.
      return { ...child, ...r, pid: r.pid ?? res.pid, spawnedAt: res.spawnedAt, closedAt: res.closedAt };
    } catch {
      // fall through: report the raw output
    }
  }
  const tail = (res.stderr || res.stdout).trim().split('\n').slice(-3).join(' / ');
  if (res.timedOut) return { id, status: 'failed', error: `timed out after ${o.timeout} s (--timeout); ${tail}`.slice(0, 300), ...child };
  return { id, status: 'failed', error: `exit code ${res.code}: ${tail}`.slice(0, 300), ...child };
}

/** The path of `cmd` on PATH, or null. */
function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function machine(): string {
  const c = cpus();
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `${c[0]?.model.trim() ?? 'unknown CPU'}, ${c.length} cores, ${gib} GiB RAM, ${process.platform} ${process.arch}, Node ${process.version}`;
}

const METHOD = `One training step is forward, loss (categorical cross-entropy), backward and the Adam update
(learning rate 1e-3) of LeNet-5 (28×28×1 pixels → zero padding to 32×32 → rescaling → conv 6@5×5 tanh →
avg pool → conv 16@5×5 tanh → avg pool → conv 120@5×5 tanh → dense 84 tanh → dense 10 softmax, 61,706
parameters; the model \`npm run mnist\` saves) on one batch of MNIST images (128 in the first table).
PyTorch runs the same layers, padding and rescaling included, on random 28×28 pixels. "Tensile wasm
compiled" and "Tensile webgpu compiled" are the same model compiled with \`jitCompile: true\` (the
traced, replayed training step).

Isolation: each measurement runs in its own child process (fresh memory, no thread pool or wasm
heap of another), one at a time. Before starting the next, the bench waits until the previous
child has exited and been reaped, no child of the bench is left, and the CPUs have gone quiet (less
than a quarter of one core busy over half a second; at most 3 s, \`--settle\`); while a child runs
the bench process only waits for its one result line, and it never loads MNIST itself. Each
child checks /proc when its timed steps begin and end and reports how many other children of the
bench were alive (0 in every row of a normal run). Every backend gets the same warm-up: at least
3 steps and at least 2 s (so that V8 has finished compiling the hot wasm and JS with its optimising
tier; 1–2 steps where a step takes more than 3 s), then steps are timed until the step budget
(500) or the time budget (10 s; 5 s for the second table's rows at other batch sizes) is used, at
least 2 steps. An id given twice in \`--backends\` is measured twice, so the same backend can be
compared first and after others in one run; \`npm run bench:isolation\` also compares it with runs
of that backend alone, alternating pairs of runs so that the machine's drift from minute to minute
hits each alike (docs/bench-isolation.md). The rows whose ratios are the close ones, Tensile wasm
(eager and compiled) and PyTorch CPU at every batch size, and Tensile webgpu (eager and compiled)
and TF.js webgpu, are measured in 5 rounds (\`--rounds\`): round 1 is the run above, each later
round measures their rows again in the same order, and a row reports its fastest round (its notes
list every round). Other load only ever slows a measurement, so the best round is the one least
disturbed, and every row has been measured in the same places of the order. Five, not three: on a
shared virtual machine whose neighbours take its cores for a minute at a time (no steal time shows
inside it), three rounds sometimes left a row with no undisturbed round at all, and a row that
uses both cores well loses more in such a minute than one that does not.

A step ends when its loss has been read back to the host, so queued device work is counted.
samples/s = batch size / median step time (robust to short bursts of other load on a shared
machine); the notes also give the mean over the whole interval. The ratio compares each Tensile
backend with the peers on the same kind of device: cpu with TF.js cpu and PyTorch; wasm with TF.js
wasm and PyTorch CPU (both run on the CPU); webgpu with TF.js webgpu (in Node on Dawn; on this
machine a software Vulkan adapter, lavapipe). PyTorch is measured with all cores and with one thread
(half the time budget each) and the faster is reported, at every batch size: with all cores its
OpenMP barriers collapse when another process holds a core, one thread does not. Where a peer cannot
train, the table says why (and, for TF.js wasm, how fast it runs inference alone). Other processes on
the machine affect the numbers; compare ratios from the same run. The chromium- rows are measured in
one headless Chromium page (Debian's chromium, WebGL2 on SwiftShader where there is no GPU): Tensile
webgl, then TF.js 4.22 webgl, same images, same step, batch 128.

The second table measures Tensile wasm eager, Tensile wasm compiled and PyTorch CPU at each batch
size of \`--batch-sizes\` (default 32, 64, 128, 256) in the same run; its batch-128 row is the first
table's measurement.`;

async function main(): Promise<number> {
  let o: BenchOptions | 'help';
  try {
    o = parse(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bench: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (o === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  console.log(`LeNet-5 training, Adam — ${machine()}`);
  // Other work on the machine slows every row; the load average says how busy it was.
  const loadBefore = loadavg()[0].toFixed(1);
  const results: BenchResult[] = [];
  const byRow: BenchResult[][] = [];
  let chromium: Promise<BenchResult[]> | null = null;
  for (const { job, row, round } of plan(o)) {
    const { id } = job;
    // A row that could not train in round 1 (no adapter, no torch) would only say so again.
    if (round > 1 && byRow[row][0].status !== 'ok') continue;
    const which = `${label(id)} @${job.batchSize}${round > 1 ? ` (round ${round})` : ''}`;
    process.stdout.write(`  ${which.padEnd(28)} … `);
    const t = performance.now();
    let r: BenchResult;
    if (id.startsWith('chromium-')) {
      // One page measures every chromium- id, in the same browser, one after the other.
      if (!chromium) {
        const busyCoresBefore = await settle(o.settle);
        chromium = benchInChromium(APP_DIR, o.steps, o.seconds, o.timeout).then((all) =>
          all.map((x) => ({ ...x, batchSize: 128, busyCoresBefore })),
        );
      }
      const all = await chromium;
      r = all.find((x) => x.id === id) ?? { id, status: 'failed', error: 'the page did not report it', batchSize: 128 };
    } else {
      const busyCoresBefore = await settle(o.settle);
      r = { ...(await measure(job, o)), busyCoresBefore };
    }
    r = { ...r, round };
    results.push(r);
    (byRow[row] ??= []).push(r);
    const secs = ((performance.now() - t) / 1000).toFixed(0);
    const what = r.status === 'ok' ? `${Math.round(r.samplesPerSec ?? 0)} samples/s` : `${r.status}: ${r.error ?? ''}`;
    console.log(`${what} (${secs} s)`);
  }
  const reported = byRow.map(bestOf);
  const main128 = reported.slice(0, o.ids.length);
  console.log(`\n${textTable(main128)}\n`);
  const batch = reported.filter(
    (r) => BATCH_TABLE_IDS.some((id) => id === r.id) && r.batchSize !== undefined && o.batchSizes.includes(r.batchSize),
  );
  if (batch.length) console.log(`${batchTextTable(batch)}\n`);
  const md = markdownReport(main128, {
    date: `${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    machine: `${machine()}; 1-minute load average ${loadBefore} at the start, ${loadavg()[0].toFixed(1)} at the end`,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    method: METHOD,
    batch,
  });
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, md);
  console.log(`wrote ${o.out}`);
  if (o.json) {
    mkdirSync(dirname(o.json), { recursive: true });
    writeFileSync(o.json, `${JSON.stringify({ benchPid: process.pid, results }, null, 2)}\n`);
    console.log(`wrote ${o.json}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
