/**
 * `npm run bench`: LeNet-5 training steps at batch 128 (forward, loss, backward, Adam) on every
 * Tensile backend that starts here, and the peers in the same run: TensorFlow.js 4.22 cpu / wasm /
 * webgpu and PyTorch CPU. Each measurement runs in its own child process, time-boxed. Prints a
 * table and writes docs/benchmarks.md at the repository root.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX, shortError, type BenchResult } from './bench-measure.js';
import { BROWSER_IDS, benchInChromium } from './bench-browser.js';
import { label, markdownReport, textTable } from './bench-report.js';

const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ALL = [
  'tensile-cpu',
  'tensile-wasm',
  'tensile-webgpu',
  'tensile-webgl',
  'tensile-cuda',
  'tfjs-cpu',
  'tfjs-wasm',
  'tfjs-webgpu',
  'pytorch-cpu',
  ...BROWSER_IDS,
];
/** webgl and cuda are listed only where their package is installed (they are not deps of the app). */
const OPTIONAL = new Map([
  ['tensile-webgl', '@tensile/backend-webgl'],
  ['tensile-cuda', '@tensile/backend-cuda-node'],
]);

const USAGE = `Usage: npm run bench -- [--backends a,b,...] [--steps N] [--seconds S] [--timeout S] [--out FILE]

  --backends   ids among ${ALL.join(', ')}
               (or a group: tensile, tfjs, pytorch, chromium); default: all that are installed
               (the chromium- ones run together in one headless Chromium page)
  --steps N    at most N measured steps per backend after warm-up (default 500)
  --seconds S  stop measuring a backend after S seconds (default 10; at least 2 steps are measured)
  --timeout S  kill a measurement that runs longer than S seconds in all (default 300)
  --out FILE   Markdown report (default docs/benchmarks.md at the repository root)
`;

interface BenchOptions {
  ids: string[];
  steps: number;
  seconds: number;
  timeout: number;
  out: string;
}

class UsageError extends Error {}

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
    ids: ALL.filter((id) => !OPTIONAL.has(id) || installed(OPTIONAL.get(id) ?? '')),
    steps: 500,
    seconds: 10,
    timeout: 300,
    out: join(repoRoot(), 'docs', 'benchmarks.md'),
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    if (flag === '--help' || flag === '-h') return 'help';
    if (!['--backends', '--steps', '--seconds', '--timeout', '--out'].includes(flag)) throw new UsageError(`unknown flag '${flag}'`);
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
        const group = ALL.filter((a) => a.startsWith(`${id}-`));
        if (ALL.includes(id)) return [id];
        if (group.length) return group.filter((g) => !OPTIONAL.has(g) || installed(OPTIONAL.get(g) ?? ''));
        throw new UsageError(`--backends: unknown benchmark '${id}'; expected ids among ${ALL.join(', ')} or tensile, tfjs, pytorch`);
      });
    } else if (flag === '--steps') o.steps = Math.floor(num(1));
    else if (flag === '--seconds') o.seconds = num(0);
    else if (flag === '--timeout') o.timeout = num(1);
    else o.out = resolve(value);
  }
  return o;
}

/** Runs a child, returns its stdout; kills it after `timeoutS`. */
function runChild(
  cmd: string,
  args: string[],
  timeoutS: number,
): Promise<{ stdout: string; stderr: string; timedOut: boolean; code: number | null }> {
  return new Promise((done) => {
    const env = { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? tmpdir() };
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
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ stdout, stderr, timedOut, code });
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ stdout, stderr: stderr + String(e), timedOut, code: -1 });
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

async function measure(id: string, o: BenchOptions): Promise<BenchResult> {
  const common = ['--steps', String(o.steps), '--seconds', String(o.seconds)];
  let res: Awaited<ReturnType<typeof runChild>>;
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
  const line = res.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX) || l.startsWith('{"id"'));
  if (line) {
    try {
      return JSON.parse(line.startsWith(RESULT_PREFIX) ? line.slice(RESULT_PREFIX.length) : line) as BenchResult;
    } catch {
      // fall through: report the raw output
    }
  }
  const tail = (res.stderr || res.stdout).trim().split('\n').slice(-3).join(' / ');
  if (res.timedOut) return { id, status: 'failed', error: `timed out after ${o.timeout} s (--timeout); ${tail}`.slice(0, 300) };
  return { id, status: 'failed', error: `exit code ${res.code}: ${tail}`.slice(0, 300) };
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
parameters; the model \`npm run mnist\` saves) on one batch of 128 MNIST images. PyTorch runs the same
layers, padding and rescaling included, on random 28×28 pixels. Each backend runs in its own child process (fresh memory, no cross-talk): 3 warm-up steps
(1–2 where a step takes more than 3 s), then steps are timed until the step budget or the time
budget is used (at least 2 steps). A step ends when its loss has been read back to the host, so
queued device work is counted. samples/s = 128 / median step time (robust to short bursts of
other load on a shared machine); the notes also give the mean over the whole interval. The ratio
compares each Tensile backend with the peers on the same kind of device: cpu with TF.js cpu and
PyTorch; wasm with TF.js wasm and PyTorch CPU (both run on the CPU); webgpu with TF.js webgpu (in
Node on Dawn; on this machine a software Vulkan adapter, lavapipe). PyTorch is measured with all
cores and with one thread (half the time budget each) and the faster is reported: with all cores
its OpenMP barriers collapse when another process holds a core, one thread does not. Where a peer cannot train, the table says why (and, for
TF.js wasm, how fast it runs inference alone). Other processes on the machine affect the numbers;
compare ratios from the same run. The chromium- rows are measured in one headless Chromium page
(Debian's chromium, WebGL2 on SwiftShader where there is no GPU): Tensile webgl, then TF.js 4.22
webgl, same images, same step.`;

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
  console.log(`LeNet-5 training, batch 128, Adam — ${machine()}`);
  // Other work on the machine slows every row; the load average says how busy it was.
  const loadBefore = loadavg()[0].toFixed(1);
  const results: BenchResult[] = [];
  let chromium: Promise<BenchResult[]> | null = null;
  for (const id of o.ids) {
    process.stdout.write(`  ${label(id).padEnd(18)} … `);
    const t = performance.now();
    let r: BenchResult;
    if (id.startsWith('chromium-')) {
      // One page measures every chromium- id, in the same browser, one after the other.
      chromium ??= benchInChromium(APP_DIR, o.steps, o.seconds, o.timeout);
      const all = await chromium;
      r = all.find((x) => x.id === id) ?? { id, status: 'failed', error: 'the page did not report it' };
    } else {
      r = await measure(id, o);
    }
    results.push(r);
    const secs = ((performance.now() - t) / 1000).toFixed(0);
    const what = r.status === 'ok' ? `${Math.round(r.samplesPerSec ?? 0)} samples/s` : `${r.status}: ${r.error ?? ''}`;
    console.log(`${what} (${secs} s)`);
  }
  console.log(`\n${textTable(results)}\n`);
  const md = markdownReport(results, {
    date: `${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    machine: `${machine()}; 1-minute load average ${loadBefore} at the start, ${loadavg()[0].toFixed(1)} at the end`,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    method: METHOD,
  });
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, md);
  console.log(`wrote ${o.out}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
