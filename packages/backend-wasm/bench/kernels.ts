/**
 * Each kernel call of a LeNet-5 training step (batch 128) on its own, timed in process CPU time
 * as well as wall time (CPU time stays meaningful when other jobs load the machine; with a pool
 * it sums all threads). Run: node scripts/bench.mjs kernels [--threads 1] [--relaxed]
 */
import type { Conv2dAttrs, KernelAttrs, KernelName, OutputInfo, Pool2dAttrs, TensorInfo } from '@tensile/core';
import { kernelSpecs } from '@tensile/core';
import { createWasmBackend, enableNodeRelaxedSimd, type WasmBackend } from '../src/index.js';

const args = process.argv.slice(2);
const threadsArg = args.indexOf('--threads');
const repsArg = args.indexOf('--reps');
const REPS = repsArg >= 0 ? Number(args[repsArg + 1]) : 40;
// `--relaxed`: the FMA builds, as apps/mnist runs them on Node 20.
if (args.includes('--relaxed')) await enableNodeRelaxedSimd();
const backend = createWasmBackend(threadsArg >= 0 ? { threads: Number(args[threadsArg + 1]) } : {});
await backend.init();

function input(shape: number[]): TensorInfo {
  const n = shape.reduce((p, d) => p * d, 1);
  const v = new Float32Array(n).map((_, i) => Math.sin(i * 0.37) * 0.5);
  return { dataId: backend.write(v, 'float32'), shape, dtype: 'float32' };
}

type Fn = (b: WasmBackend, i: Record<string, TensorInfo>, a: unknown, o: OutputInfo) => unknown;

function time<K extends KernelName>(label: string, name: K, inputs: Record<string, TensorInfo>, attrs: KernelAttrs<K>, flops = 0): void {
  const spec: { infer(i: unknown, a: unknown): OutputInfo } = kernelSpecs[name];
  const out = spec.infer(inputs, attrs);
  const fn: Fn = (backend.kernels as Record<string, Fn>)[name];
  const once = (): void => {
    const r = fn(backend, inputs, attrs, out);
    if (r !== undefined) backend.disposeData(r as object);
  };
  for (let i = 0; i < 3; i++) once();
  // The minimum over many calls: other jobs on this machine only ever add time.
  // Per call: wall time, and CPU time of the process (which excludes time other jobs held the
  // core, so on one thread it is the better estimate of an idle machine's wall time).
  let best = Infinity;
  let bestCpu = Infinity;
  for (let i = 0; i < REPS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    once();
    best = Math.min(best, performance.now() - t0);
    const c = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
  }
  const gf = flops > 0 ? `  ${(flops / bestCpu / 1e6).toFixed(1)} GFLOP/cpu-s` : '';
  console.log(`${label.padEnd(34)} min wall ${best.toFixed(3).padStart(7)} ms  min cpu ${bestCpu.toFixed(3).padStart(7)} ms${gf}`);
}

const valid: Conv2dAttrs = { strides: [1, 1], pad: { top: 0, bottom: 0, left: 0, right: 0 }, dilations: [1, 1] };
const pool: Pool2dAttrs = { filterSize: [2, 2], strides: [2, 2], pad: { top: 0, bottom: 0, left: 0, right: 0 } };
const B = 128;
const layers: [string, number[], [number, number, number, number]][] = [
  ['conv1', [B, 32, 32, 1], [5, 5, 1, 6]],
  ['conv2', [B, 14, 14, 6], [5, 5, 6, 16]],
  ['conv3', [B, 5, 5, 16], [5, 5, 16, 120]],
];
console.log(`build ${backend.info.build}, ${backend.info.threads} thread(s)`);
for (const [name, xs, fs] of layers) {
  const x = input(xs);
  const f = input(fs);
  const bias = input([fs[3]]);
  const oh = xs[1] - fs[0] + 1;
  const dy = input([B, oh, oh, fs[3]]);
  const flops = 2 * B * oh * oh * fs[0] * fs[1] * fs[2] * fs[3];
  time(`${name} fusedConv2d tanh`, 'fusedConv2d', { x, filter: f, bias }, { ...valid, activation: 'tanh' }, flops);
  time(`${name} conv2dBackpropFilter`, 'conv2dBackpropFilter', { x, dy }, { ...valid, filterShape: fs }, flops);
  if (name !== 'conv1')
    time(
      `${name} conv2dBackpropInput`,
      'conv2dBackpropInput',
      { dy, filter: f },
      { ...valid, inputShape: [xs[0], xs[1], xs[2], xs[3]] },
      flops,
    );
}
const a1 = input([B, 28, 28, 6]);
const a2 = input([B, 28, 28, 6]);
time('avgPool 28x28x6', 'avgPool', { x: a1 }, pool);
time('avgPoolGrad 28x28x6', 'avgPoolGrad', { dy: input([B, 14, 14, 6]), x: a1 }, pool);
time('unary tanh 128x28x28x6', 'unary', { x: a1 }, { op: 'tanh', alpha: 0 });
time('unary square 128x28x28x6', 'unary', { x: a1 }, { op: 'square', alpha: 0 });
time('binary mul 128x28x28x6', 'binary', { a: a1, b: a2 }, { op: 'mul' });
time('binary sub scalar-tensor', 'binary', { a: input([]), b: a2 }, { op: 'sub' });
time('reduce sum [0,1,2] 128x28x28x6', 'reduce', { x: a1 }, { op: 'sum', axes: [0, 1, 2], keepDims: false });
// conv1's backward as a compiled step runs it: the gradient at its output stored (fusedAvgPoolGrad),
// then the filter and bias gradients read it; or both made from the pooled gradient (core's fuse.ts).
const pooledDy = input([B, 14, 14, 6]);
const x1 = input([B, 32, 32, 1]);
time('conv1 fusedAvgPoolGrad tanh', 'fusedAvgPoolGrad', { dy: pooledDy, y: a1 }, { ...pool, activation: 'tanh' });
time(
  'conv1 fusedPoolConv2dBackpropFilter',
  'fusedPoolConv2dBackpropFilter',
  { x: x1, dy: pooledDy, y: a1 },
  { ...valid, filterShape: [5, 5, 1, 6], pool, activation: 'tanh' },
  2 * B * 28 * 28 * 25 * 6,
);
time('conv1 fusedPoolBiasGrad', 'fusedPoolBiasGrad', { dy: pooledDy, y: a1 }, { ...pool, activation: 'tanh' });
time(
  'fusedMatMul 128x120x84 tanh',
  'fusedMatMul',
  { a: input([1, B, 120]), b: input([1, 120, 84]), bias: input([84]) },
  { transposeA: false, transposeB: false, activation: 'tanh' },
  2 * B * 120 * 84,
);
const w = input([48120]);
time(
  'applyAdam 48120',
  'applyAdam',
  { variable: w, grad: input([48120]), m: input([48120]), v: input([48120]) },
  { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1 },
);
console.log(`shares run by workers: ${backend.memory().workerShares}`);
backend.dispose();
process.exit(0);
