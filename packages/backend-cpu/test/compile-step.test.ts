/**
 * core's compileStep on the cpu backend: a traced and replayed training step gives the numbers
 * the same step gives eagerly, replays without dispatching ops, holds memory flat, traces again
 * for new shapes, and runs eagerly (saying why) where a static plan would be wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyAdam,
  compileStep,
  dispose,
  everyStep,
  matMul,
  mean,
  memory,
  mul,
  randomNormal,
  randomUniform,
  registerBackend,
  removeBackend,
  setBackend,
  setRandomSeed,
  square,
  sub,
  tanh,
  tensor,
  tidy,
  variable,
  variableGrads,
  zerosLike,
  type Tensor,
  type Variable,
} from '@tensile/core';
import { recordDispatch } from '@tensile/core/testing';
import { CpuBackend } from '../src/index.js';

beforeAll(async () => {
  registerBackend('compile-cpu', () => new CpuBackend(), 60);
  await setBackend('compile-cpu');
});
afterAll(async () => {
  await setBackend('cpu');
  removeBackend('compile-cpu');
});

interface Net {
  w1: Variable;
  w2: Variable;
  m: Variable[];
  v: Variable[];
  t: { n: number };
}

function net(): Net {
  const w1 = variable(randomNormal([3, 8], 0, 0.5, 'float32', 1), true, 'w1');
  const w2 = variable(randomNormal([8, 1], 0, 0.5, 'float32', 2), true, 'w2');
  const m = [w1, w2].map((w, i) => variable(zerosLike(w), false, `m${i}`));
  const v = [w1, w2].map((w, i) => variable(zerosLike(w), false, `v${i}`));
  return { w1, w2, m, v, t: { n: 0 } };
}

/** One Adam step of a 3-8-1 tanh regression; the step count lives on the host, as an optimizer's. */
function trainStep(n: Net, x: Tensor, y: Tensor): Tensor {
  return tidy(() => {
    const { value, grads } = variableGrads(() => mean(square(sub(matMul(tanh(matMul(x, n.w1)), n.w2), y))), [n.w1, n.w2]);
    [n.w1, n.w2].forEach((w, i) => {
      applyAdam(w, grads[w.name], n.m[i], n.v[i], () => ({ learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: n.t.n + 1 }));
    });
    everyStep(() => {
      n.t.n++;
    });
    return value;
  });
}

function data(rows: number, seed: number): { x: Tensor; y: Tensor } {
  const x = randomUniform([rows, 3], -1, 1, 'float32', seed);
  const y = tidy(() => mul(tanh(matMul(x, tensor([[1], [-2], [0.5]]))), 0.7));
  return { x, y };
}

async function losses(
  step: (x: Tensor, y: Tensor) => Tensor,
  batches: { x: Tensor; y: Tensor }[],
  steps: number,
  from = 0,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = from; i < from + steps; i++) {
    const { x, y } = batches[i % batches.length];
    const l = step(x, y);
    out.push((await l.data())[0]);
    l.dispose();
  }
  return out;
}

describe('compileStep', () => {
  it('replays a training step with the eager numbers, without dispatching, memory flat', async () => {
    const batches = [data(32, 10), data(32, 11), data(32, 12)];
    const eagerNet = net();
    const eager = await losses((x, y) => trainStep(eagerNet, x, y), batches, 40);
    const jitNet = net();
    const step = compileStep((x: Tensor, y: Tensor) => trainStep(jitNet, x, y));
    const traced = recordDispatch();
    const first = await losses(step, batches, 10);
    traced.stop();
    expect(step.status()).toMatchObject({ mode: 'replayed', reason: null, plans: 1 });
    const before = memory();
    const replayed = recordDispatch();
    const rest = await losses(step, batches, 30, 10);
    replayed.stop();
    const after = memory();
    // The three eager calls (warm-up and two traces) went through dispatch; replays do not.
    expect(traced.kernelRuns('matMul')).toBeGreaterThanOrEqual(3 * 2);
    expect(traced.kernelRuns('applyAdam')).toBe(3 * 2);
    expect(replayed.kernelRuns('matMul') + replayed.kernelRuns('applyAdam')).toBe(0);
    expect(step.status().replays).toBe(37);
    expect(after.numTensors + after.numCollected).toBe(before.numTensors + before.numCollected);
    // The collector frees the data of tensors earlier tests dropped whenever it runs; only then
    // may there be fewer bytes than before.
    const same = after.numCollected === before.numCollected ? 'toBe' : 'toBeLessThanOrEqual';
    expect(after.numBytes)[same](before.numBytes);
    expect(after.backends['compile-cpu'].numDataIds)[same](before.backends['compile-cpu'].numDataIds);
    const jit = [...first, ...rest];
    // Same kernels on the same values in the same order: the replay must match eager exactly.
    expect(jit).toEqual(eager);
    expect(jit[39]).toBeLessThan(jit[0] * 0.5);
    expect(jitNet.t.n).toBe(40);
    const weights = await Promise.all([eagerNet.w1.data(), jitNet.w1.data()]);
    expect(Array.from(weights[1])).toEqual(Array.from(weights[0]));
    step.dispose();
    dispose([
      ...batches.flatMap((b) => [b.x, b.y]),
      eagerNet.w1,
      eagerNet.w2,
      ...eagerNet.m,
      ...eagerNet.v,
      jitNet.w1,
      jitNet.w2,
      ...jitNet.m,
      ...jitNet.v,
    ]);
  });

  it('traces again for a new batch size, and keeps both plans', async () => {
    const n = net();
    const step = compileStep((x: Tensor, y: Tensor) => trainStep(n, x, y));
    const small = data(8, 1);
    const big = data(16, 2);
    await losses(step, [small], 4);
    expect(step.status()).toMatchObject({ mode: 'replayed', plans: 1 });
    await losses(step, [big], 4);
    expect(step.status()).toMatchObject({ mode: 'replayed', plans: 2 });
    await losses(step, [small], 1);
    expect(step.status()).toMatchObject({ mode: 'replayed', plans: 2, replays: 3 });
    step.dispose();
    dispose([small.x, small.y, big.x, big.y, n.w1, n.w2, ...n.m, ...n.v]);
  });

  it('draws new random values at each replay, as each eager call does', async () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8]);
    const noisy = (t: Tensor): Tensor => tidy(() => mul(t, randomUniform([8])));
    setRandomSeed(7);
    const eager = await Promise.all(Array.from({ length: 6 }, () => noisy(x).data()));
    setRandomSeed(7);
    const step = compileStep(noisy);
    const jit = [];
    for (let i = 0; i < 6; i++) jit.push(await step(x).data());
    expect(step.status().mode).toBe('replayed');
    expect(jit.map((a) => Array.from(a))).toEqual(eager.map((a) => Array.from(a)));
    expect(Array.from(jit[4])).not.toEqual(Array.from(jit[5]));
    step.dispose();
    x.dispose();
  });

  it('runs eagerly, with the reason, where a plan would freeze what changes', async () => {
    const reasons: string[] = [];
    const onFallback = (r: string): void => {
      reasons.push(r);
    };
    const x = tensor([1, 2, 3]);
    let k = 0;
    const hostValue = compileStep((t: Tensor) => mul(t, ++k), { onFallback });
    const hostRead = compileStep((t: Tensor) => mul(t, t.dataSync()[0]), { onFallback });
    const kept: Tensor[] = [];
    const keeps = compileStep(
      (t: Tensor) => {
        kept.push(mul(t, 2));
        return mul(t, 3);
      },
      { onFallback },
    );
    const results: number[][] = [];
    for (let i = 0; i < 4; i++) {
      for (const s of [hostValue, hostRead, keeps]) {
        const y = s(x);
        results.push(Array.from(await y.data()));
        y.dispose();
      }
    }
    // Reads and kept tensors are seen while tracing (the second call); a changed value only when
    // the third call's trace is compared with the second's.
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toMatch(/reads a tensor of shape \[3\] on the host \(dataSync\)/);
    expect(reasons[1]).toMatch(/keeps a tensor of shape \[3\] it computed alive/);
    expect(reasons[2]).toMatch(/a tensor the step makes from host values \(1 values\) changed between runs/);
    expect(hostValue.status()).toMatchObject({ mode: 'eager', plans: 0 });
    expect(hostRead.status().reason).toBe(reasons[0]);
    // Eager after the fallback: the fourth call multiplies by 4.
    expect(results[9]).toEqual([4, 8, 12]);
    dispose([x, ...kept]);
  });

  it('refuses what is not a function or not a tensor, naming the step', () => {
    expect(() => compileStep(3 as unknown as () => Tensor)).toThrow('compileStep: expected a function, got number');
    const step = compileStep((t: Tensor) => t, { name: 'myStep' });
    expect(() => step([1, 2] as unknown as Tensor)).toThrow('myStep: argument 0 must be a tensor, got object');
  });
});
