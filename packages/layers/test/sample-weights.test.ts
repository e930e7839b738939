/**
 * fit's sampleWeight and classWeight: against the weighted loss and its gradient worked out by hand
 * in float64 for a linear model, and against TensorFlow.js 4.22's fit with classWeight (one epoch
 * of SGD, same initial weights, no shuffle): the weights after it agree within 1e-5.
 */
import '@tensile/backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { type Tensor, ready, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { layers, type losses, sequential } from '../src/index.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

function values(n: number, seed: number, lo = -1, hi = 1): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return lo + ((hi - lo) * s) / 2147483648;
  });
}

const N = 6;
const D = 3;
const X = values(N * D, 11);
const KERNEL = values(D * 2, 12);
const BIAS = [0.1, -0.2];

function linear(activation?: 'softmax') {
  const m = sequential({ layers: [layers.dense({ units: 2, inputShape: [D], activation })] });
  m.setWeights([tensor(KERNEL, [D, 2]), tensor(BIAS)]);
  return m;
}

function flat(ts: readonly Tensor[]): number[] {
  return ts.flatMap((t) => Array.from(t.dataSync()));
}

describe('sampleWeight', () => {
  it('one SGD step on mean(w_i * mse_i) equals the hand-derived gradient step', async () => {
    const Y = values(N * 2, 13);
    const W = [1, 0, 2, 0.5, 3, 1];
    const lr = 0.1;
    const model = linear();
    model.compile({ optimizer: { className: 'SGD', config: { learningRate: lr } }, loss: 'mse' });
    const history = await model.fit(tensor(X, [N, D]), tensor(Y, [N, 2]), {
      batchSize: N,
      epochs: 1,
      shuffle: false,
      verbose: 0,
      sampleWeight: tensor(W),
    });
    // L = (1/N) sum_i w_i * (1/2) sum_j (p_ij - y_ij)^2, p = x K + b.
    const k = [...KERNEL];
    const b = [...BIAS];
    const gk = k.map(() => 0);
    const gb = [0, 0];
    let loss = 0;
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < 2; j++) {
        let p = b[j];
        for (let d = 0; d < D; d++) p += X[i * D + d] * k[d * 2 + j];
        const e = p - Y[i * 2 + j];
        loss += (W[i] * e * e) / 2 / N;
        const g = (W[i] * e) / N; // d/dp of w_i e^2 / (2N) times 2 / 2
        gb[j] += g;
        for (let d = 0; d < D; d++) gk[d * 2 + j] += g * X[i * D + d];
      }
    }
    const want = [...k.map((v, i) => v - lr * gk[i]), ...b.map((v, i) => v - lr * gb[i])];
    const got = flat(model.getWeights());
    got.forEach((v, i) => expect(Math.abs(v - want[i]), `weight ${i}`).toBeLessThanOrEqual(1e-6));
    expect(history.history.loss[0]).toBeCloseTo(loss, 5);
    model.dispose();
  });

  it('weights of 1 change nothing, and validationSplit splits the weights with the samples', async () => {
    const Y = values(N * 2, 14);
    const run = async (sampleWeight?: Tensor) => {
      const model = linear();
      model.compile({ optimizer: 'sgd', loss: 'mse' });
      const h = await model.fit(tensor(X, [N, D]), tensor(Y, [N, 2]), {
        batchSize: 2,
        shuffle: false,
        verbose: 0,
        sampleWeight,
        validationSplit: 0.5,
      });
      const w = flat(model.getWeights());
      model.dispose();
      return { w, val: h.history.val_loss[0] };
    };
    const plain = await run();
    const ones = await run(tensor([1, 1, 1, 1, 1, 1]));
    ones.w.forEach((v, i) => expect(v).toBeCloseTo(plain.w[i], 6));
    // Zero weight on the last validation sample, 3 on the others: val loss is their weighted mean over 3.
    const zeroLast = await run(tensor([1, 1, 1, 3, 3, 0]));
    ones.w.forEach((v, i) => expect(v).toBeCloseTo(zeroLast.w[i], 6));
    expect(zeroLast.val).not.toBeCloseTo(plain.val, 3);
  });

  it('refuses bad weights and classWeight with sampleWeight', async () => {
    const model = linear();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tensor(X, [N, D]);
    const y = tensor(values(N * 2, 15), [N, 2]);
    await expect(model.fit(x, y, { verbose: 0, sampleWeight: tensor([1, 2]) })).rejects.toThrow(/same number of samples/);
    await expect(model.fit(x, y, { verbose: 0, sampleWeight: tensor([1, 1, 1, 1, 1, 1]), classWeight: { 0: 1 } })).rejects.toThrow(
      /pass classWeight or sampleWeight, not both/,
    );
    await expect(model.fit(x, y, { verbose: 0, classWeight: { a: 1 } as never })).rejects.toThrow(/classWeight keys must be class indices/);
    await expect(model.fit(x, y, { verbose: 0, classWeight: { 0: -1 } })).rejects.toThrow(
      /classWeight\[0\] must be a non-negative finite number, got number -1/,
    );
    model.dispose();
  });
});

describe('classWeight', () => {
  const LABELS = [0, 1, 1, 0, 1, 0];
  const CW = { 0: 0.5, 1: 3 };

  async function tfjsFit(loss: string, y: tf.Tensor): Promise<number[]> {
    const m = tfl.sequential({ layers: [tfl.layers.dense({ units: 2, inputShape: [D], activation: 'softmax' })] });
    m.setWeights([tf.tensor(KERNEL, [D, 2]), tf.tensor(BIAS)]);
    m.compile({ optimizer: tf.train.sgd(0.5), loss });
    await m.fit(tf.tensor(X, [N, D]), y, { batchSize: 4, epochs: 1, shuffle: false, classWeight: CW, verbose: 0 });
    const out = m.getWeights().flatMap((t) => Array.from(t.dataSync()));
    m.dispose();
    return out;
  }

  async function ours(loss: losses.LossName, y: Tensor): Promise<number[]> {
    const m = linear('softmax');
    m.compile({ optimizer: { className: 'SGD', config: { learningRate: 0.5 } }, loss });
    await m.fit(tensor(X, [N, D]), y, { batchSize: 4, epochs: 1, shuffle: false, classWeight: CW, verbose: 0 });
    const out = flat(m.getWeights());
    m.dispose();
    return out;
  }

  it('one-hot targets (categoricalCrossentropy) match TensorFlow.js fit', async () => {
    const onehot = LABELS.flatMap((c) => (c === 0 ? [1, 0] : [0, 1]));
    const got = await ours('categoricalCrossentropy', tensor(onehot, [N, 2]));
    const want = await tfjsFit('categoricalCrossentropy', tf.tensor(onehot, [N, 2]));
    got.forEach((v, i) => expect(Math.abs(v - want[i]), `weight ${i}: ${v} vs ${want[i]}`).toBeLessThanOrEqual(1e-5));
    const plain = linear('softmax');
    const moved = flat(plain.getWeights()).some((v, i) => Math.abs(v - got[i]) > 1e-3);
    expect(moved).toBe(true);
    plain.dispose();
  });

  it('sparse targets (sparseCategoricalCrossentropy) match TensorFlow.js fit', async () => {
    const got = await ours('sparseCategoricalCrossentropy', tensor(LABELS, [N, 1]));
    const want = await tfjsFit('sparseCategoricalCrossentropy', tf.tensor(LABELS, [N, 1]));
    got.forEach((v, i) => expect(Math.abs(v - want[i]), `weight ${i}: ${v} vs ${want[i]}`).toBeLessThanOrEqual(1e-5));
  });

  it('equals fit with the same weights given per sample, and leaks nothing', async () => {
    const onehot = LABELS.flatMap((c) => (c === 0 ? [1, 0] : [0, 1]));
    const byClass = await ours('categoricalCrossentropy', tensor(onehot, [N, 2]));
    const m = linear('softmax');
    m.compile({ optimizer: { className: 'SGD', config: { learningRate: 0.5 } }, loss: 'categoricalCrossentropy' });
    const x = tensor(X, [N, D]);
    const y = tensor(onehot, [N, 2]);
    const sw = tensor(LABELS.map((c) => CW[c as 0 | 1]));
    const before = undisposedTensors();
    await m.fit(x, y, { batchSize: 4, epochs: 2, shuffle: true, seed: 1, sampleWeight: sw, validationSplit: 0.34, verbose: 0 });
    expect(undisposedTensors()).toBe(before);
    await m.fit(x, y, { batchSize: 4, epochs: 2, classWeight: CW, verbose: 0 });
    expect(undisposedTensors()).toBe(before);
    m.dispose();
    const m2 = linear('softmax');
    m2.compile({ optimizer: { className: 'SGD', config: { learningRate: 0.5 } }, loss: 'categoricalCrossentropy' });
    await m2.fit(x, y, { batchSize: 4, epochs: 1, shuffle: false, sampleWeight: sw, verbose: 0 });
    flat(m2.getWeights()).forEach((v, i) => expect(v).toBeCloseTo(byClass[i], 6));
    m2.dispose();
  });

  it('refuses classWeight on a multi-output model', async () => {
    const { input, model } = await import('../src/index.js');
    const inp = input({ shape: [D] });
    const a = layers.dense({ units: 2 }).apply(inp);
    const b = layers.dense({ units: 1 }).apply(inp);
    const m = model({ inputs: inp, outputs: [a, b] } as never);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tensor(X, [N, D]);
    await expect(
      m.fit(x, [tensor(values(N * 2, 3), [N, 2]), tensor(values(N, 4), [N, 1])], { verbose: 0, classWeight: { 0: 2 } }),
    ).rejects.toThrow(/classWeight needs a single-output model/);
    m.dispose();
  });
});
