/**
 * How much a second thread speeds each LeNet-5 convolution up: a one-thread and a pooled backend
 * in one process, calls interleaved. Run: node scripts/bench.mjs scaling [--relaxed] [--reps N]
 */
import type { Conv2dAttrs, KernelAttrs, KernelName } from '@tensile/core';
import { createWasmBackend, enableNodeRelaxedSimd } from '../src/index.js';
import { interleave, minMedian, timedCall } from './interleave.js';

const args = process.argv.slice(2);
const reps = args.includes('--reps') ? Number(args[args.indexOf('--reps') + 1]) : 30;
if (args.includes('--relaxed')) await enableNodeRelaxedSimd();
const one = createWasmBackend({ threads: 1 });
const pool = createWasmBackend({});
await one.init();
await pool.init();

function row<K extends KernelName>(label: string, name: K, shapes: Record<string, number[]>, attrs: KernelAttrs<K>): void {
  const [[, a], [, b]] = interleave(
    [one, pool].map((bk) => timedCall(bk, name, shapes, attrs)),
    reps,
  ).map(minMedian);
  console.log(
    `${label.padEnd(28)} 1 thread ${a.toFixed(3)} ms | ${pool.info.threads} threads ${b.toFixed(3)} ms | speed-up ${(a / b).toFixed(2)}`,
  );
}

const valid: Conv2dAttrs = { strides: [1, 1], pad: { top: 0, bottom: 0, left: 0, right: 0 }, dilations: [1, 1] };
const B = 128;
for (const [name, xs, fs] of [
  ['conv1', [B, 32, 32, 1], [5, 5, 1, 6]],
  ['conv2', [B, 14, 14, 6], [5, 5, 6, 16]],
  ['conv3', [B, 5, 5, 16], [5, 5, 16, 120]],
] as const) {
  const oh = xs[1] - fs[0] + 1;
  row(`${name} fusedConv2d`, 'fusedConv2d', { x: [...xs], filter: [...fs], bias: [fs[3]] }, { ...valid, activation: 'tanh' });
  row(`${name} fusedConv2d linear`, 'fusedConv2d', { x: [...xs], filter: [...fs], bias: [fs[3]] }, { ...valid, activation: 'linear' });
  row(`${name} backpropFilter`, 'conv2dBackpropFilter', { x: [...xs], dy: [B, oh, oh, fs[3]] }, { ...valid, filterShape: [...fs] });
  if (name !== 'conv1')
    row(`${name} backpropInput`, 'conv2dBackpropInput', { dy: [B, oh, oh, fs[3]], filter: [...fs] }, { ...valid, inputShape: [...xs] });
}
row('unary tanh 128x28x28x6', 'unary', { x: [B, 28, 28, 6] }, { op: 'tanh', alpha: 0 });
process.exit(0);
