/**
 * One LeNet-5 training step at batch 128 (forward, softmax cross-entropy, backward, Adam),
 * composed from core's ops as the layers package composes it (fused conv/dense + bias + tanh),
 * timed on the wasm backend (one thread and the default pool) and on the cpu backend in the same
 * run, with a per-kernel profile. Run: npm run bench -w @tensile/backend-wasm [-- --steps 20]
 * Flags: --steps N, --cpu-steps N, --relaxed (FMA builds), --wall (profile in wall time),
 * --no-profile, --one-thread-only, --pool-only, --shares-per-thread N.
 */
import { CpuBackend } from '@tensile/backend-cpu';
import {
  applyAdam,
  dispose,
  memory,
  mul,
  randomNormal,
  registerBackend,
  setBackend,
  tensor,
  tidy,
  variable,
  variableGrads,
  zeros,
  type Backend,
  type Variable,
} from '@tensile/core';
import { createWasmBackend, enableNodeRelaxedSimd } from '../src/index.js';
import { BATCH, PARAM_SHAPES, loss } from './lenet.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const STEPS = opt('steps', 20);
// `--relaxed`: the FMA builds, as apps/mnist runs them on Node 20.
if (args.includes('--relaxed')) await enableNodeRelaxedSimd();
const ONLY_POOL = args.includes('--pool-only');
// `--wall`: the per-kernel profile in wall time instead of process CPU time (with a pool, CPU
// time sums every thread, spinning included).
const WALL = args.includes('--wall');
const CPU_STEPS = opt('cpu-steps', 3);

/** Process CPU time: other jobs on a busy machine do not inflate it (all threads summed). */
function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

interface Profile {
  ms: Map<string, number>;
  calls: Map<string, number>;
}

/** Wraps every kernel of `backend` with a CPU-time meter (kernels are synchronous). */
function profiled<B extends Backend>(backend: B): { backend: B; profile: Profile } {
  const profile: Profile = { ms: new Map(), calls: new Map() };
  if (args.includes('--no-profile')) return { backend, profile };
  const table: Record<string, (...a: unknown[]) => unknown> = { ...backend.kernels };
  for (const [name, fn] of Object.entries(table)) {
    table[name] = (...a: unknown[]) => {
      const c0 = WALL ? performance.now() : cpuMs();
      // Elementwise kernels are keyed by their op too: they are many small calls.
      const attrs = a[2];
      const op = attrs !== null && typeof attrs === 'object' && 'op' in attrs ? `(${String(attrs.op)})` : '';
      const key = `${name}${op}`;
      try {
        return fn(...a);
      } finally {
        profile.ms.set(key, (profile.ms.get(key) ?? 0) + (WALL ? performance.now() : cpuMs()) - c0);
        profile.calls.set(key, (profile.calls.get(key) ?? 0) + 1);
      }
    };
  }
  Object.defineProperty(backend, 'kernels', { value: table });
  return { backend, profile };
}

function makeModel(): Variable[] {
  return tidy(() => makeVariables());
}

function makeVariables(): Variable[] {
  return PARAM_SHAPES.map(([name, s], i) =>
    variable(s.length === 1 ? zeros(s) : mul(randomNormal(s, 0, 1, 'float32', i + 1), 0.1), true, name),
  );
}

async function run(name: string, backend: Backend, profile: Profile, steps: number): Promise<number> {
  registerBackend(name, () => backend, 0);
  await setBackend(name);
  const params = makeModel();
  const ms = tidy(() => params.map((v) => variable(zeros(v.shape), false)));
  const vs = tidy(() => params.map((v) => variable(zeros(v.shape), false)));
  const xs = new Float32Array(BATCH * 32 * 32).map((_, i) => ((i * 7919) % 255) / 255);
  const ys = new Float32Array(BATCH * 10).map((_, i) => (i % 10 === Math.floor(i / 10) % 10 ? 1 : 0));
  const step = (t: number): void => {
    const x = tensor(xs, [BATCH, 32, 32, 1]);
    const labels = tensor(ys, [BATCH, 10]);
    tidy(() => {
      const { value, grads } = variableGrads(() => loss(params, x, labels), params);
      params.forEach((p, i) =>
        applyAdam(p, grads[p.name], ms[i], vs[i], { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: t }),
      );
      return value;
    }).dispose();
    dispose([x, labels]);
  };
  for (let t = 1; t <= 2; t++) step(t);
  const heapAfterWarmup = backend.memory();
  profile.ms.clear();
  profile.calls.clear();
  // Wall time per step (the mean), and CPU time (the minimum over steps): on a machine other jobs
  // load, single-thread CPU time is the estimate of an idle machine's wall time.
  const t0 = performance.now();
  let bestCpu = Infinity;
  for (let t = 3; t < 3 + steps; t++) {
    const c0 = cpuMs();
    step(t);
    bestCpu = Math.min(bestCpu, cpuMs() - c0);
  }
  const perStep = (performance.now() - t0) / steps;
  const heap = backend.memory();
  console.log(
    `\n${name}: wall ${perStep.toFixed(2)} ms/step (${Math.round((BATCH * 1000) / perStep)} samples/s), ` +
      `min CPU ${bestCpu.toFixed(2)} ms/step (${Math.round((BATCH * 1000) / bestCpu)} samples/s per CPU-second) ` +
      `(live tensors ${memory().numTensors}, heap ${fmtBytes(heap.heapBytes)}${heapAfterWarmup.heapBytes !== undefined && heap.heapBytes !== heapAfterWarmup.heapBytes ? ' GREW after warm-up' : ''})`,
  );
  const rows = [...profile.ms.entries()].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, v]) => s + v, 0);
  for (const [k, v] of rows) {
    console.log(
      `  ${k.padEnd(26)} ${(v / steps).toFixed(3).padStart(8)} ms  ${(profile.calls.get(k) ?? 0) / steps} calls  ${((100 * v) / total).toFixed(1)}%`,
    );
  }
  console.log(`  ${'(kernels total)'.padEnd(22)} ${(total / steps).toFixed(3).padStart(8)} ms CPU per step (mean)`);
  dispose([...params, ...ms, ...vs]);
  return bestCpu;
}

function fmtBytes(n: number | undefined): string {
  return n === undefined ? '?' : `${(n / 2 ** 20).toFixed(1)} MiB`;
}

const w1 = profiled(createWasmBackend({ threads: 1 }));
const wasm1 = ONLY_POOL ? NaN : await run('bench-wasm-1-thread', w1.backend, w1.profile, STEPS);
if (args.includes('--one-thread-only')) process.exit(0);
const wn = profiled(createWasmBackend(args.includes('--shares-per-thread') ? { sharesPerThread: opt('shares-per-thread', 4) } : {}));
await wn.backend.init();
const wasmN = await run(`bench-wasm-${wn.backend.info.threads}-threads`, wn.backend, wn.profile, STEPS);
console.log(`build: ${wn.backend.info.build}`);
// `--cpu-steps 0` skips the cpu backend, warm-up included (it would dominate a JS profile).
const c = profiled(new CpuBackend());
const cpu = CPU_STEPS > 0 ? await run('bench-cpu', c.backend, c.profile, CPU_STEPS) : NaN;
console.log(
  `\nCPU time per step: wasm 1 thread ${wasm1.toFixed(2)} ms, wasm pool ${wasmN.toFixed(2)} ms (all threads), cpu backend ${cpu.toFixed(2)} ms ` +
    `(${(cpu / wasm1).toFixed(1)}x); PyTorch CPU does ~5,600 samples/s here (22.9 ms/step)`,
);
process.exit(0);
