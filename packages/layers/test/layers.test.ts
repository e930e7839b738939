import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { add, conv2d, ready, randomNormal, tensor, tensor2d, tidy, type Tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { initializers, input, layers, regularizers, sequential, type Layer } from '../src/index.js';

async function values(t: Tensor | Tensor[]): Promise<number[]> {
  return Array.from(await (Array.isArray(t) ? t[0] : t).data());
}

function close(a: number[], b: number[], tol = 1e-5): void {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(tol));
}

beforeAll(async () => {
  await ready();
});

describe('Dense', () => {
  it('computes activation(x · kernel + bias) as by hand', async () => {
    const d = layers.dense({ units: 2, activation: 'relu', biasInitializer: initializers.constant({ value: 0.5 }) });
    const x = tensor2d([
      [1, 2, 3],
      [-1, 0, 1],
    ]);
    d.apply(x);
    d.setWeights([
      tensor2d([
        [1, -1],
        [0, 2],
        [1, 0],
      ]),
      tensor([0.5, -10]),
    ]);
    const y = d.apply(x);
    // [1,2,3]·K = [4, 3] + b = [4.5, -7] -> relu; [-1,0,1]·K = [0, 1] + b = [0.5, -9]
    expect(y.shape).toEqual([2, 2]);
    close(await values(y), [4.5, 0, 0.5, 0]);
  });

  it('applies the kernel to the last axis of rank-3 inputs and runs unfused activations', async () => {
    const d = layers.dense({ units: 3, activation: 'softmax', inputShape: [4] });
    const y = d.apply(randomNormal([2, 5, 4], 0, 1, 'float32', 3));
    expect(y.shape).toEqual([2, 5, 3]);
    const v = await values(y);
    for (let r = 0; r < 10; r++) expect(v[r * 3] + v[r * 3 + 1] + v[r * 3 + 2]).toBeCloseTo(1, 5);
    expect(d.computeOutputShape([null, 5, 4])).toEqual([null, 5, 3]);
  });

  it('names weights layer/weight and counts parameters', () => {
    const d = layers.dense({ units: 4, name: 'probe_dense' });
    d.apply(tensor2d([[1, 2]]));
    expect(d.weights.map((w) => w.name)).toEqual(['probe_dense/kernel', 'probe_dense/bias']);
    expect(d.countParams()).toBe(12);
    const again = layers.dense({ units: 4, name: 'probe_dense' });
    again.apply(tensor2d([[1, 2]]));
    // Variables stay unique; the saved (original) name stays layer-scoped.
    expect(again.weights[0].name).toBe('probe_dense/kernel_1');
    expect(again.originalNameOf(again.weights[0])).toBe('probe_dense/kernel');
  });

  it('seeded initializers give the same weights', async () => {
    const a = layers.dense({ units: 3, kernelInitializer: initializers.heNormal({ seed: 7 }) });
    const b = layers.dense({ units: 3, kernelInitializer: initializers.heNormal({ seed: 7 }) });
    const x = tensor2d([[1, 1]]);
    a.apply(x);
    b.apply(x);
    expect(await values(a.weights[0])).toEqual(await values(b.weights[0]));
  });

  it('adds l2 penalties', async () => {
    const d = layers.dense({ units: 1, kernelRegularizer: regularizers.l2({ l2: 0.5 }), kernelInitializer: 'ones' });
    d.apply(tensor2d([[1, 1, 1]]));
    const [penalty] = d.regularizationLosses();
    close(await values(penalty), [1.5]);
  });
});

describe('Conv2D', () => {
  it('matches core conv2d + bias + activation, same and valid', async () => {
    for (const padding of ['valid', 'same'] as const) {
      const c = layers.conv2d({ filters: 3, kernelSize: [3, 2], strides: 2, padding, activation: 'selu', biasInitializer: 'randomNormal' });
      const x = randomNormal([2, 7, 6, 2], 0, 1, 'float32', 11);
      const y = c.apply(x);
      const [k, b] = c.weights;
      const expected = tidy(() => add(conv2d(x, k, 2, padding, 'NHWC', 1), b).arraySync());
      expect(y.shape).toEqual(padding === 'same' ? [2, 4, 3, 3] : [2, 3, 3, 3]);
      const sel = (v: number) => (v > 0 ? 1.0507009873554805 * v : 1.0507009873554805 * 1.6732632423543772 * (Math.exp(v) - 1));
      close(await values(y), (expected as number[][][][]).flat(3).map(sel), 1e-4);
      expect(c.computeOutputShape([null, 7, 6, 2])).toEqual(y.shape.map((d, i) => (i === 0 ? null : d)));
    }
  });

  it('uses the fused path for tanh with the same values', async () => {
    const c = layers.conv2d({ filters: 2, kernelSize: 3, activation: 'tanh', dilationRate: 2 });
    const x = randomNormal([1, 8, 8, 1], 0, 1, 'float32', 5);
    const y = c.apply(x);
    const [k, b] = c.weights;
    const expected = (tidy(() => add(conv2d(x, k, 1, 'valid', 'NHWC', 2), b).arraySync()) as number[][][][]).flat(3).map(Math.tanh);
    close(await values(y), expected, 1e-5);
  });
});

describe('shape layers', () => {
  const cases: [string, () => Layer, number[], number[]][] = [
    ['maxPooling2d', () => layers.maxPooling2d({ poolSize: 2 }), [2, 5, 5, 3], [2, 2, 2, 3]],
    ['averagePooling2d same', () => layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }), [1, 5, 5, 2], [1, 3, 3, 2]],
    ['globalAveragePooling2d', () => layers.globalAveragePooling2d(), [2, 4, 4, 3], [2, 3]],
    ['globalMaxPooling2d keepdims', () => layers.globalMaxPooling2d({ keepdims: true }), [2, 4, 4, 3], [2, 1, 1, 3]],
    ['flatten', () => layers.flatten(), [2, 3, 4, 5], [2, 60]],
    ['reshape', () => layers.reshape({ targetShape: [-1, 4] }), [2, 3, 4, 5], [2, 15, 4]],
    [
      'zeroPadding2d',
      () =>
        layers.zeroPadding2d({
          padding: [
            [1, 2],
            [0, 3],
          ],
        }),
      [1, 4, 4, 2],
      [1, 7, 7, 2],
    ],
    ['activation', () => layers.activation({ activation: 'leakyRelu' }), [2, 3], [2, 3]],
  ];
  for (const [name, make, inShape, outShape] of cases) {
    it(`${name}: output shape computed and actual agree`, () => {
      const layer = make();
      const y = layer.apply(randomNormal(inShape, 0, 1, 'float32', 1));
      expect(y.shape).toEqual(outShape);
      expect(layer.computeOutputShape([null, ...inShape.slice(1)])).toEqual([null, ...outShape.slice(1)]);
    });
  }

  it('pools the values Keras does', async () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 4, 4, 1]);
    close(await values(layers.maxPooling2d({ poolSize: 2 }).apply(x)), [6, 8, 14, 16]);
    close(await values(layers.averagePooling2d({ poolSize: 2 }).apply(x)), [3.5, 5.5, 11.5, 13.5]);
    close(await values(layers.globalAveragePooling2d().apply(x)), [8.5]);
    const padded = await values(layers.zeroPadding2d({ padding: 1 }).apply(tensor([1], [1, 1, 1, 1])));
    expect(padded).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
  });
});

describe('Dropout', () => {
  it('is the identity at inference and drops with scaling (reproducibly) in training', async () => {
    const x = tensor(new Float32Array(1000).fill(1), [10, 100]);
    const make = () => layers.dropout({ rate: 0.3, seed: 42 });
    const d = make();
    expect(await values(d.apply(x))).toEqual(Array.from({ length: 1000 }, () => 1));
    const v = await values(d.apply(x, { training: true }));
    const kept = v.filter((e) => e !== 0);
    kept.forEach((e) => expect(e).toBeCloseTo(1 / 0.7, 5));
    expect(kept.length / 1000).toBeGreaterThan(0.6);
    expect(kept.length / 1000).toBeLessThan(0.8);
    expect(await values(make().apply(x, { training: true }))).toEqual(v);
    // The next call draws another mask.
    expect(await values(d.apply(x, { training: true }))).not.toEqual(v);
  });
});

describe('BatchNormalization', () => {
  it('normalizes with batch statistics in training and updates the moving ones (momentum 0.99)', async () => {
    const bn = layers.batchNormalization();
    const x = tensor2d([
      [1, 10],
      [3, 30],
    ]);
    const y = bn.apply(x, { training: true });
    // per feature: mean [2, 20], biased variance [1, 100]; y = (x - m) / sqrt(v + 1e-3)
    close(await values(y), [-1 / Math.sqrt(1.001), -10 / Math.sqrt(100.001), 1 / Math.sqrt(1.001), 10 / Math.sqrt(100.001)], 1e-5);
    const [gamma, beta, movingMean, movingVar] = bn.weights;
    expect(bn.trainableWeights).toEqual([gamma, beta]);
    close(await values(movingMean), [0.02, 0.2]);
    close(await values(movingVar), [0.99 + 0.01 * 1, 0.99 + 0.01 * 100], 1e-5);
    // Inference uses the moving statistics.
    const inf = await values(bn.apply(x));
    close(
      inf,
      [
        (1 - 0.02) / Math.sqrt(1 + 1e-3),
        (10 - 0.2) / Math.sqrt(1.99 + 1e-3),
        (3 - 0.02) / Math.sqrt(1 + 1e-3),
        (30 - 0.2) / Math.sqrt(1.99 + 1e-3),
      ],
      1e-5,
    );
  });

  it('a frozen layer runs in inference mode in training: moving statistics used, not updated (Keras 3)', async () => {
    const bn = layers.batchNormalization();
    const x = tensor2d([
      [1, 10],
      [3, 30],
    ]);
    bn.apply(x, { training: true });
    bn.trainable = false;
    const [, , movingMean, movingVar] = bn.weights;
    const mean0 = await values(movingMean);
    const var0 = await values(movingVar);
    const y = await values(bn.apply(x, { training: true }));
    expect(await values(movingMean)).toEqual(mean0);
    expect(await values(movingVar)).toEqual(var0);
    const expected = [1, 10, 3, 30].map((v, i) => (v - mean0[i % 2]) / Math.sqrt(var0[i % 2] + 1e-3));
    close(y, expected, 1e-5);
  });

  it('fit leaves a frozen layer as it was while the layers around it learn', async () => {
    const bn = layers.batchNormalization();
    const m = sequential([layers.dense({ units: 2, inputShape: [2] }), bn]);
    bn.trainable = false;
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = await Promise.all(m.weights.map((w) => values(w)));
    const x = randomNormal([16, 2], 3, 2, 'float32', 4);
    const y = randomNormal([16, 2], 0, 1, 'float32', 5);
    await m.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    const after = await Promise.all(m.weights.map((w) => values(w)));
    const names = m.weights.map((w) => w.name.replace(/^.*\//, ''));
    expect(names).toEqual(['kernel', 'bias', 'gamma', 'beta', 'moving_mean', 'moving_variance']);
    expect(after[0]).not.toEqual(before[0]);
    expect(after.slice(2)).toEqual(before.slice(2));
    m.dispose();
  });

  it('normalizes conv features over batch, height and width', () => {
    const bn = layers.batchNormalization({ axis: 3 });
    const y = bn.apply(randomNormal([2, 3, 3, 4], 0, 1, 'float32', 2), { training: true });
    expect(y.shape).toEqual([2, 3, 3, 4]);
    expect(bn.countParams()).toBe(16);
  });
});

describe('merging', () => {
  it('adds and concatenates tensors and symbolic tensors', async () => {
    const a = tensor2d([[1, 2]]);
    const b = tensor2d([[10, 20]]);
    expect(await values(layers.add().apply([a, b]))).toEqual([11, 22]);
    expect(await values(layers.concatenate().apply([a, b]))).toEqual([1, 2, 10, 20]);
    const s1 = input({ shape: [2] });
    const s2 = input({ shape: [3] });
    expect(layers.concatenate().apply([s1, s2]).shape).toEqual([null, 5]);
    expect(() => layers.add().apply([s1, s2])).toThrow(/cannot be added/);
  });
});

describe('memory', () => {
  it('a layer call leaves only its output behind', () => {
    const d = layers.dense({ units: 8, activation: 'swish' });
    const x = randomNormal([4, 16], 0, 1, 'float32', 1);
    d.apply(x).dispose();
    const before = undisposedTensors();
    d.apply(x).dispose();
    expect(undisposedTensors()).toBe(before);
  });
});
