/**
 * The program that check.sh runs on a GPU machine with no Node toolchain, bundled by prepare.mjs
 * into payload/check.mjs (with @tensile/core, layers, backend-cpu, apps/mnist's model and data
 * code, and this package's backend from ../src):
 *
 *   node check.mjs probe [--emulate]
 *   node check.mjs conformance [--emulate] [--cases REGEX]
 *   node check.mjs train [--emulate] [--epochs 1] [--batch 128] [--limit N] [--warmup 10] --data DIR
 *
 * `--emulate` runs the addon's kernels on the host (createCudaBackend({emulate: true})), which
 * needs no GPU. The addon is found through TENSILE_CUDA_ADDON=/abs/path/tensile_cuda.node, since
 * the bundle has no dist/ beside it. Exit codes: 0 passed, 1 failed, 2 bad usage.
 */
import { existsSync } from 'node:fs';
import { CpuBackend } from '@tensile/backend-cpu';
import { type Backend, getBackend, listBackends, matMul, registerBackend, setBackend, tensor2d, tidy } from '@tensile/core';
import { runConformanceSuite } from '@tensile/core/testing';
import { createCudaBackend, loadAddon } from '../src/index.js';
import { MiniRunner } from './mini-runner.js';
import { trainCheck } from './train-check.js';

const USAGE = `usage: node check.mjs probe [--emulate]
       node check.mjs conformance [--emulate] [--cases REGEX]
       node check.mjs train [--emulate] [--epochs 1] [--batch 128] [--limit N] [--warmup 10] --data DIR`;

class UsageError extends Error {}

interface Flags {
  emulate: boolean;
  values: Map<string, string>;
}

function parseFlags(args: readonly string[], valued: readonly string[]): Flags {
  const flags: Flags = { emulate: false, values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--emulate') flags.emulate = true;
    else if (valued.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      flags.values.set(a, v);
    } else throw new UsageError(`unknown argument '${a}'`);
  }
  return flags;
}

function positiveInt(flags: Flags, name: string, fallback: number | undefined, min = 1): number | undefined {
  const v = flags.values.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer >= ${min}, got '${v}'`);
  return n;
}

function describeAddon(): string {
  const path = process.env.TENSILE_CUDA_ADDON;
  if (!path) return 'TENSILE_CUDA_ADDON is not set (the backend looks beside its own files)';
  return `TENSILE_CUDA_ADDON=${path}${existsSync(path) ? '' : ' (MISSING)'}`;
}

function makeBackend(emulate: boolean): Backend {
  return createCudaBackend(emulate ? { emulate: true } : {});
}

/** Registers (where the package's import has not) and starts the backend; its name. */
async function startCuda(emulate: boolean): Promise<string> {
  const name = emulate ? 'cuda-emulated' : 'cuda';
  if (!listBackends().some((b) => b.name === name)) registerBackend(name, () => makeBackend(emulate), 0);
  try {
    await setBackend(name);
  } catch (e) {
    const why = listBackends().find((b) => b.name === name)?.error ?? (e instanceof Error ? e.message : String(e));
    throw new Error(`backend '${name}' did not start: ${why}`);
  }
  return getBackend();
}

/**
 * Loads the addon, asks for the device and runs one small matrix product through the backend:
 * seconds, where the conformance suite takes minutes. check.sh runs it under compute-sanitizer
 * first, to learn whether the sanitizer works on this machine before trusting its verdict.
 */
async function probe(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args, []);
  console.log(`probe: ${describeAddon()}`);
  const loaded = loadAddon();
  if ('reason' in loaded) {
    console.log(JSON.stringify({ kind: 'tensile-probe', ok: false, reason: loaded.reason }));
    return 1;
  }
  const device = flags.emulate ? null : loaded.addon.probe();
  if (device) console.log(`probe: ${JSON.stringify(device)}`);
  const t0 = performance.now();
  let backend: string;
  try {
    backend = await startCuda(flags.emulate);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    console.log(JSON.stringify({ kind: 'tensile-probe', ok: false, device, reason }));
    return 1;
  }
  // [[1..64] x 64 rows] times a matrix of ones: every output is 64 * 65 / 2 = 2080.
  const n = 64;
  const a = Float32Array.from({ length: n * n }, (_, i) => (i % n) + 1);
  const c = tidy(() => matMul(tensor2d(a, [n, n]), tensor2d(new Float32Array(n * n).fill(1), [n, n])));
  const values = await c.data();
  c.dispose();
  const ok = values.every((v) => v === 2080);
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ kind: 'tensile-probe', ok, backend, device, ms }));
  if (!ok) console.log(`probe: a ${n}x${n} matMul gave ${values.slice(0, 4).join(', ')}, ..., expected 2080 everywhere`);
  return ok ? 0 : 1;
}

/** Failures grouped by message (a backend that does not start fails every case with one), each
 *  with its count and its first few cases. */
function groupFailures(failures: readonly { name: string; message: string }[]) {
  const groups = new Map<string, { message: string; count: number; cases: string[] }>();
  for (const f of failures) {
    let g = groups.get(f.message);
    if (!g) groups.set(f.message, (g = { message: f.message, count: 0, cases: [] }));
    g.count++;
    if (g.cases.length < 5) g.cases.push(f.name);
  }
  return [...groups.values()].slice(0, 20);
}

async function conformance(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args, ['--cases']);
  const cases = flags.values.get('--cases');
  let only: RegExp | null = null;
  try {
    only = cases === undefined ? null : new RegExp(cases);
  } catch (e) {
    throw new UsageError(`--cases must be a regular expression, got '${cases}' (${e instanceof Error ? e.message : e})`);
  }
  console.log(
    `conformance: backend ${flags.emulate ? 'cuda (emulated on the host)' : 'cuda'}; ${describeAddon()}${only ? `; only cases matching ${only}` : ''}`,
  );
  const runner = new MiniRunner(undefined, only);
  runConformanceSuite(
    {
      name: flags.emulate ? 'cuda-emulated' : 'cuda',
      create: () => makeBackend(flags.emulate),
      moveTarget: () => new CpuBackend(),
    },
    runner.api,
  );
  const counts = await runner.run().catch((e: unknown) => {
    // Only the runner itself failing gets here; cases' errors are counted as failures.
    console.log(`conformance: the runner failed: ${e instanceof Error ? e.stack : String(e)}`);
    return null;
  });
  if (counts === null) {
    console.log('conformance: 0 passed, 1 failed, 0 skipped');
    return 1;
  }
  const json = {
    kind: 'tensile-conformance',
    emulated: flags.emulate,
    passed: counts.passed,
    failed: counts.failed,
    skipped: counts.skipped,
    seconds: counts.seconds,
    failures: groupFailures(counts.failures),
  };
  // The JSON goes before the summary line, which must stay the last line.
  console.log(JSON.stringify(json));
  console.log(`conformance: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return counts.failed === 0 ? 0 : 1;
}

async function train(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args, ['--epochs', '--batch', '--limit', '--warmup', '--data']);
  const dataDir = flags.values.get('--data');
  if (!dataDir) throw new UsageError('train needs --data DIR (the gzipped MNIST IDX files)');
  const options = {
    epochs: positiveInt(flags, '--epochs', 1) ?? 1,
    batchSize: positiveInt(flags, '--batch', 128) ?? 128,
    limit: positiveInt(flags, '--limit', undefined),
    warmup: positiveInt(flags, '--warmup', 10, 0) ?? 10,
    dataDir,
  };
  console.log(`train: ${describeAddon()}`);
  const backend = await startCuda(flags.emulate);
  console.log(`train: backend '${backend}' started`);
  const report = await trainCheck(options, (line) => console.log(line));
  console.log(JSON.stringify({ ...report, emulated: flags.emulate }));
  const ok = Number.isFinite(report.lossLast) && report.steadySamplesPerSec > 0;
  return ok ? 0 : 1;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'probe') return await probe(rest);
    if (command === 'conformance') return await conformance(rest);
    if (command === 'train') return await train(rest);
    if (command === '--help' || command === '-h') {
      console.log(USAGE);
      return 0;
    }
    throw new UsageError(command === undefined ? 'no command given' : `unknown command '${command}'`);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`check: ${e.message}\n${USAGE}`);
      return 2;
    }
    console.error(`check ${command}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}

// Exit explicitly: a native backend may hold handles that keep the event loop alive.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
