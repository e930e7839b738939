/**
 * optimizer.minimize and the train.* factories against TensorFlow.js 4.22's own tf.train optimizers
 * minimizing the same quadratic: the variables after each of the first steps agree within 1e-5.
 */
import '@tensile/backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { type Tensor, ready, scalar, sum, square, sub, mul, tensor, variable } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { train } from '../src/index.js';
import type { Optimizer } from '../src/optimizers/index.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

const W0 = [0.5, -1.5, 2, 0.25];
const TARGET = [1, 2, -1, 0.5];
const SCALE = [1, 0.5, 2, 3];

/** sum(scale * (w - target)²): a quadratic with its minimum at `target`. */
function tensileRun(opt: Optimizer, steps: number): number[][] {
  const w = variable(tensor(W0), true, `q_${Math.random()}`);
  const target = tensor(TARGET);
  const scale = tensor(SCALE);
  const out: number[][] = [];
  for (let s = 0; s < steps; s++) {
    opt.minimize(() => sum(mul(scale, square(sub(w, target)))));
    out.push(Array.from(w.dataSync()));
  }
  opt.dispose();
  for (const t of [w, target, scale]) t.dispose();
  return out;
}

function tfjsRun(opt: tf.Optimizer, steps: number): number[][] {
  const w = tf.variable(tf.tensor(W0));
  const target = tf.tensor(TARGET);
  const scale = tf.tensor(SCALE);
  const out: number[][] = [];
  for (let s = 0; s < steps; s++) {
    opt.minimize(() => tf.sum(tf.mul(scale, tf.square(tf.sub(w, target)))) as tf.Scalar);
    out.push(Array.from(w.dataSync()));
  }
  opt.dispose();
  for (const t of [w, target, scale]) t.dispose();
  return out;
}

function expectClose(got: number[][], want: number[][], tol = 1e-5): void {
  expect(got.length).toBe(want.length);
  got.forEach((row, s) =>
    row.forEach((v, i) => expect(Math.abs(v - want[s][i]), `step ${s + 1}, element ${i}: ${v} vs ${want[s][i]}`).toBeLessThanOrEqual(tol)),
  );
}

const CASES: [string, () => Optimizer, () => tf.Optimizer][] = [
  ['sgd', () => train.sgd(0.05), () => tf.train.sgd(0.05)],
  ['momentum', () => train.momentum(0.05, 0.9), () => tf.train.momentum(0.05, 0.9)],
  ['momentum (nesterov)', () => train.momentum(0.05, 0.8, true), () => tf.train.momentum(0.05, 0.8, true)],
  ['adam', () => train.adam(0.1), () => tf.train.adam(0.1)],
  ['adam (betas, epsilon)', () => train.adam(0.05, 0.8, 0.99, 1e-4), () => tf.train.adam(0.05, 0.8, 0.99, 1e-4)],
  ['adamax', () => train.adamax(0.1), () => tf.train.adamax(0.1)],
  ['adamax (decay)', () => train.adamax(0.1, 0.85, 0.99, undefined, 0.3), () => tf.train.adamax(0.1, 0.85, 0.99, undefined, 0.3)],
  ['rmsprop', () => train.rmsprop(0.01), () => tf.train.rmsprop(0.01)],
  ['rmsprop (momentum, centered)', () => train.rmsprop(0.01, 0.8, 0.5, 1e-6, true), () => tf.train.rmsprop(0.01, 0.8, 0.5, 1e-6, true)],
  ['adagrad', () => train.adagrad(0.2), () => tf.train.adagrad(0.2)],
  ['adagrad (initial accumulator)', () => train.adagrad(0.2, 0.5), () => tf.train.adagrad(0.2, 0.5)],
];

describe('train.* minimize matches tf.train.* minimize (TensorFlow.js 4.22)', () => {
  for (const [name, ours, theirs] of CASES) {
    it(name, () => {
      expectClose(tensileRun(ours(), 5), tfjsRun(theirs(), 5));
    });
  }
});

describe('train.adadelta', () => {
  it("follows Keras' update (TensorFlow.js 4.22 uses the previous squared-gradient average)", () => {
    const rho = 0.9;
    const eps = 1e-7;
    const w = [...W0];
    const accG = W0.map(() => 0);
    const accD = W0.map(() => 0);
    const want = [0, 1, 2].map(() => {
      for (let i = 0; i < w.length; i++) {
        const g = 2 * SCALE[i] * (w[i] - TARGET[i]);
        accG[i] = rho * accG[i] + (1 - rho) * g * g;
        const d = (Math.sqrt(accD[i] + eps) / Math.sqrt(accG[i] + eps)) * g;
        accD[i] = rho * accD[i] + (1 - rho) * d * d;
        w[i] -= d;
      }
      return [...w];
    });
    expectClose(tensileRun(train.adadelta(1, rho), 3), want);
  });
});

describe('optimizer.minimize', () => {
  it('reaches the minimum of a quadratic', () => {
    const steps = tensileRun(train.sgd(0.1), 200);
    expectClose([steps[steps.length - 1]], [TARGET], 1e-4);
    const adam = tensileRun(train.adam(0.05), 600);
    expectClose([adam[adam.length - 1]], [TARGET], 1e-3);
  });

  it('returns the cost when asked, null otherwise, and leaks nothing', () => {
    const w = variable(tensor([3]), true, 'cost_w');
    const opt = train.sgd(0.25);
    const f = (): Tensor => sum(square(w));
    expect(opt.minimize(f)).toBeNull();
    const before = undisposedTensors();
    const cost = opt.minimize(f, true);
    // w: 3 -> 1.5 after the first step; the second step's cost is taken before its update.
    expect(cost?.dataSync()[0]).toBeCloseTo(2.25, 6);
    expect(w.dataSync()[0]).toBeCloseTo(0.75, 6);
    cost?.dispose();
    opt.minimize(f);
    expect(undisposedTensors()).toBe(before);
    opt.dispose();
    w.dispose();
  });

  it('updates only the variables in varList', () => {
    const a = variable(tensor([1]), true, 'vl_a');
    const b = variable(tensor([1]), true, 'vl_b');
    const opt = train.sgd(0.5);
    opt.minimize(() => sum(mul(a, b)), false, [a]);
    expect(a.dataSync()[0]).toBeCloseTo(0.5, 6);
    expect(b.dataSync()[0]).toBe(1);
    opt.dispose();
    a.dispose();
    b.dispose();
  });

  it('computeGradients returns the value and gradients by name without applying them', () => {
    const w = variable(tensor([2, -1]), true, 'cg_w');
    const opt = train.sgd(1);
    const { value, grads } = opt.computeGradients(() => sum(square(w)));
    expect(value.dataSync()[0]).toBeCloseTo(5, 6);
    expect(Array.from(grads.cg_w.dataSync())).toEqual([4, -2]);
    expect(Array.from(w.dataSync())).toEqual([2, -1]);
    value.dispose();
    grads.cg_w.dispose();
    w.dispose();
  });

  it('refuses a non-scalar loss, a loss with no variables, and a bad varList', () => {
    const w = variable(tensor([1, 2]), true, 'bad_w');
    const opt = train.sgd(0.1);
    const before = undisposedTensors();
    expect(() => opt.minimize(() => square(w))).toThrow(/must return a scalar, got shape \[2\]/);
    expect(() => opt.minimize(() => scalar(3))).toThrow(/sgd.minimize: the loss does not depend on any trainable variable/);
    expect(() => opt.minimize(() => sum(w), false, [tensor([1]) as never])).toThrow(
      /varList must be an array of Variables, got an array whose entry 0 is a Tensor/,
    );
    expect(undisposedTensors()).toBe(before + 1);
    opt.dispose();
    w.dispose();
  });

  it('train factories check their arguments', () => {
    expect(() => (train.sgd as (lr?: number) => Optimizer)()).toThrow(/train.sgd: the learning rate is required/);
    expect(() => train.momentum(0.1, undefined as never)).toThrow(/train.momentum: momentum must be a number/);
    expect(() => train.adam(0.1, 1.5)).toThrow(/beta1 must be a number in \[0, 1\)/);
    expect(() => train.adamax(0.1, 0.9, 0.99, null, -1)).toThrow(/train.adamax: decay must be a non-negative number/);
  });
});
