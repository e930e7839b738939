/**
 * A/B of two builds of the module, kernel by kernel, in one process with calls interleaved, so a
 * busy or uneven machine slows both alike. Run: node scripts/bench.mjs ab --base DIR [--threads N]
 * [--relaxed [--base-plain]] [--only TEXT] [--reps N] [--cpu]
 * (DIR holds the baseline's .wasm files, e.g. a copy of build/ taken before a change).
 */
import type { Conv2dAttrs, KernelAttrs, KernelName, Pool2dAttrs } from '@tensile/core';
import { readFileSync } from 'node:fs';
import { createWasmBackend, enableNodeRelaxedSimd } from '../src/index.js';
import { cpuClock, interleave, minMedian, timedCall } from './interleave.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const threads = Number(arg('threads', '1'));
const base = arg('base', '/tmp/wasm-base');
const reps = Number(arg('reps', '30'));
// `--relaxed`: both sides run the relaxed-SIMD (FMA) builds; add `--base-plain` to keep the base
// on plain SIMD (FMA against no FMA).
const relaxed = args.includes('--relaxed');
const baseRelaxed = relaxed && !args.includes('--base-plain');
const file = `tensile-${threads > 1 ? 'threads' : 'simd'}${baseRelaxed ? '-relaxed' : ''}.wasm`;
// `--cpu`: process CPU time per call instead of wall time (on one thread, other jobs on a busy
// machine then add nothing; with a pool it sums every thread, spinning included).
const clock = args.includes('--cpu') ? cpuClock : undefined;
// `--only TEXT`: just the rows whose label contains TEXT.
const only = arg('only', '');
if (relaxed) await enableNodeRelaxedSimd();
const b = createWasmBackend({ threads, relaxedSimd: relaxed });
const a = createWasmBackend({ threads, relaxedSimd: baseRelaxed, wasmBytes: readFileSync(`${base}/${file}`) });
await a.init();
await b.init();
function ab<K extends KernelName>(label: string, name: K, shapes: Record<string, number[]>, attrs: KernelAttrs<K>): void {
  if (!label.includes(only)) return;
  const [[amin, amed], [bmin, bmed]] = interleave(
    [a, b].map((bk) => timedCall(bk, name, shapes, attrs, clock)),
    reps,
  ).map(minMedian);
  console.log(
    `${label.padEnd(30)} base min ${amin.toFixed(3)} med ${amed.toFixed(3)} | new min ${bmin.toFixed(3)} med ${bmed.toFixed(3)} | new/base med ${(bmed / amed).toFixed(2)}`,
  );
}

const valid: Conv2dAttrs = { strides: [1, 1], pad: { top: 0, bottom: 0, left: 0, right: 0 }, dilations: [1, 1] };
const pool: Pool2dAttrs = { filterSize: [2, 2], strides: [2, 2], pad: { top: 0, bottom: 0, left: 0, right: 0 } };
const B = 128;
for (const [name, xs, fs] of [
  ['conv1', [B, 32, 32, 1], [5, 5, 1, 6]],
  ['conv2', [B, 14, 14, 6], [5, 5, 6, 16]],
  ['conv3', [B, 5, 5, 16], [5, 5, 16, 120]],
] as const) {
  const oh = xs[1] - fs[0] + 1;
  ab(`${name} fusedConv2d`, 'fusedConv2d', { x: [...xs], filter: [...fs], bias: [fs[3]] }, { ...valid, activation: 'tanh' });
  ab(`${name} backpropFilter`, 'conv2dBackpropFilter', { x: [...xs], dy: [B, oh, oh, fs[3]] }, { ...valid, filterShape: [...fs] });
  if (name !== 'conv1')
    ab(`${name} backpropInput`, 'conv2dBackpropInput', { dy: [B, oh, oh, fs[3]], filter: [...fs] }, { ...valid, inputShape: [...xs] });
}
ab('conv1 fusedConv2d linear', 'fusedConv2d', { x: [B, 32, 32, 1], filter: [5, 5, 1, 6], bias: [6] }, { ...valid, activation: 'linear' });
ab('avgPool 28x28x6', 'avgPool', { x: [B, 28, 28, 6] }, pool);
ab('avgPoolGrad 28x28x6', 'avgPoolGrad', { dy: [B, 14, 14, 6], x: [B, 28, 28, 6] }, pool);
ab('avgPool 10x10x16', 'avgPool', { x: [B, 10, 10, 16] }, pool);
ab('activationGrad tanh 28x28x6', 'activationGrad', { dy: [B, 28, 28, 6], y: [B, 28, 28, 6] }, { activation: 'tanh' });
ab('unary tanh 28x28x6', 'unary', { x: [B, 28, 28, 6] }, { op: 'tanh', alpha: 0 });
process.exit(0);
