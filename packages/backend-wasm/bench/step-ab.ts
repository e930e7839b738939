/**
 * Two wasm backend configurations training the same LeNet-5 step (batch 128) in one process,
 * in alternating blocks of steps, so that a busy or uneven machine slows both alike; prints the
 * median step time of each and their ratio.
 * Run: node scripts/bench.mjs step-ab [--steps 40] [--relaxed] --a '{"sharesPerThread":1}' --b '{}'
 */
import {
  applyAdam,
  dispose,
  mul,
  randomNormal,
  registerBackend,
  setBackend,
  tensor,
  tidy,
  variable,
  variableGrads,
  zeros,
} from '@tensile/core';
import { createWasmBackend, enableNodeRelaxedSimd, type WasmBackendOptions } from '../src/index.js';
import { BATCH, PARAM_SHAPES, loss } from './lenet.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const STEPS = Number(arg('steps', '40'));
if (args.includes('--relaxed')) await enableNodeRelaxedSimd();
const configs: WasmBackendOptions[] = [JSON.parse(arg('a', '{}')), JSON.parse(arg('b', '{}'))];

const xs = new Float32Array(BATCH * 32 * 32).map((_, i) => ((i * 7919) % 255) / 255);
const ys = new Float32Array(BATCH * 10).map((_, i) => (i % 10 === Math.floor(i / 10) % 10 ? 1 : 0));

// One model: its tensors move to each configuration's backend in turn (setBackend), blocks of
// BLOCK timed steps each after one untimed step, alternating A, B, A, B...
const BLOCK = 5;
for (const [i, options] of configs.entries()) registerBackend(`ab${i}`, () => createWasmBackend(options), 0);
await setBackend('ab0');
const { params, m, v } = tidy(() => {
  const ps = PARAM_SHAPES.map(([, s], j) =>
    variable(s.length === 1 ? zeros(s) : mul(randomNormal(s, 0, 1, 'float32', j + 1), 0.1), true, `p${j}`),
  );
  return { params: ps, m: ps.map((p) => variable(zeros(p.shape), false)), v: ps.map((p) => variable(zeros(p.shape), false)) };
});
const x = tensor(xs, [BATCH, 32, 32, 1]);
const labels = tensor(ys, [BATCH, 10]);
let t = 1;

function step(): number {
  const t0 = performance.now();
  tidy(() => {
    const { value, grads } = variableGrads(() => loss(params, x, labels), params);
    params.forEach((p, i) =>
      applyAdam(p, grads[p.name], m[i], v[i], { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: t }),
    );
    return value;
  }).dataSync();
  t++;
  return performance.now() - t0;
}

const times: number[][] = [[], []];
for (let block = 0; block < Math.ceil(STEPS / BLOCK); block++) {
  for (let c = 0; c < configs.length; c++) {
    await setBackend(`ab${c}`);
    step();
    for (let i = 0; i < BLOCK; i++) times[c].push(step());
  }
}
const median = (ts: number[]): number => [...ts].sort((p, q) => p - q)[ts.length >> 1];
const [a, b] = times.map(median);
console.log(`A ${JSON.stringify(configs[0])}: median ${a.toFixed(2)} ms/step (${Math.round((BATCH * 1000) / a)} samples/s)`);
console.log(`B ${JSON.stringify(configs[1])}: median ${b.toFixed(2)} ms/step (${Math.round((BATCH * 1000) / b)} samples/s)`);
console.log(`B/A: ${(b / a).toFixed(3)}`);
dispose([...params, ...m, ...v, x, labels]);
process.exit(0);
