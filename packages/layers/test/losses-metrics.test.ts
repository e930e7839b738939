/** Losses and metrics against hand computation (Keras' formulas, epsilon clipping, fromLogits). */
import '@tensile/backend-cpu';
import { ready, tensor, tidy, type Tensor } from '@tensile/core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as losses from '../src/losses.js';
import * as metrics from '../src/metrics.js';

beforeAll(async () => {
  await ready();
});

const EPS = 1e-7;
const values = (f: () => Tensor): number[] => tidy(() => Array.from(f().dataSync()));
const close = (got: number[], want: number[], digits = 5): void => {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(g, `index ${i}`).toBeCloseTo(want[i], digits));
};
// Clipping happens in float32, where 1 - 1e-7 rounds to 1 - 2^-23 (as in Keras with float32).
const clip = (p: number): number => Math.min(Math.max(p, Math.fround(EPS)), Math.fround(1 - EPS));

describe('losses', () => {
  it('categoricalCrossentropy renormalises and clips probabilities', () => {
    const yTrue = [
      [0, 1, 0],
      [1, 0, 0],
    ];
    // The second row does not sum to 1 and puts 0 on the true class.
    const yPred = [
      [0.2, 0.7, 0.1],
      [0, 0.5, 1.5],
    ];
    const want = yPred.map((row, r) => {
      const s = row.reduce((a, b) => a + b);
      return -row.reduce((acc, p, c) => acc + yTrue[r][c] * Math.log(clip(p / s)), 0);
    });
    close(
      values(() => losses.categoricalCrossentropy(tensor(yTrue), tensor(yPred))),
      want,
    );
    expect(want[1]).toBeCloseTo(-Math.log(EPS), 3);
  });

  it('categoricalCrossentropy from logits uses log-softmax', () => {
    const logits = [
      [2, -1, 0.5],
      [10, 20, -30],
    ];
    const yTrue = [
      [0, 0, 1],
      [1, 0, 0],
    ];
    const want = logits.map((row, r) => {
      const lse = Math.log(row.reduce((a, z) => a + Math.exp(z), 0));
      return -row.reduce((acc, z, c) => acc + yTrue[r][c] * (z - lse), 0);
    });
    close(
      values(() => losses.categoricalCrossentropy(tensor(yTrue), tensor(logits), { fromLogits: true })),
      want,
      4,
    );
  });

  it('categoricalCrossentropy label smoothing mixes in a uniform target', () => {
    const yPred = [[0.2, 0.7, 0.1]];
    const smooth = [0.1 / 3, 1 - 0.1 + 0.1 / 3, 0.1 / 3];
    const want = -smooth.reduce((acc, t, c) => acc + t * Math.log(yPred[0][c]), 0);
    close(
      values(() => losses.categoricalCrossentropy(tensor([[0, 1, 0]]), tensor(yPred), { labelSmoothing: 0.1 })),
      [want],
    );
  });

  it('sparseCategoricalCrossentropy takes [batch] or [batch, 1] indices, probs or logits', () => {
    const probs = [
      [0.2, 0.7, 0.1],
      [0.5, 0.5, 0],
    ];
    const want = [-Math.log(0.7), -Math.log(EPS)];
    close(
      values(() => losses.sparseCategoricalCrossentropy(tensor([1, 2], undefined, 'int32'), tensor(probs))),
      want,
      4,
    );
    close(
      values(() => losses.sparseCategoricalCrossentropy(tensor([[1], [2]]), tensor(probs))),
      want,
      4,
    );
    const logits = [[1, 2, 3]];
    const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    close(
      values(() => losses.sparseCategoricalCrossentropy(tensor([0]), tensor(logits), { fromLogits: true })),
      [lse - 1],
    );
    expect(() => tidy(() => losses.sparseCategoricalCrossentropy(tensor([[0, 1]]), tensor(probs)))).toThrow(/class indices/);
  });

  it('binaryCrossentropy clips to [1e-7, 1 - 1e-7] and averages the last axis', () => {
    const yTrue = [
      [1, 0],
      [0, 1],
    ];
    const yPred = [
      [0.9, 0.2],
      [1, 0],
    ];
    const want = yPred.map(
      (row, r) =>
        row.reduce((acc, p, c) => {
          const t = yTrue[r][c];
          return acc - (t * Math.log(clip(p)) + (1 - t) * Math.log(1 - clip(p)));
        }, 0) / 2,
    );
    close(
      values(() => losses.binaryCrossentropy(tensor(yTrue), tensor(yPred))),
      want,
      3,
    );
  });

  it('binaryCrossentropy from logits is the stable sigmoid crossentropy', () => {
    const yTrue = [[1, 0, 1]];
    const x = [[3, -2, -40]];
    const sig = (z: number): number => 1 / (1 + Math.exp(-z));
    const terms = x[0].map((z, c) => {
      const t = yTrue[0][c];
      // log(sigmoid(-40)) computed directly: -40 - log1p(e^-40).
      const logP = z < -30 ? z : Math.log(sig(z));
      const log1mP = Math.log(1 - sig(z));
      return -(t * logP + (1 - t) * log1mP);
    });
    close(
      values(() => losses.binaryCrossentropy(tensor(yTrue), tensor(x), { fromLogits: true })),
      [terms.reduce((a, b) => a + b) / 3],
      4,
    );
  });

  it('mse, mae and huber', () => {
    const yTrue = [
      [1, 2],
      [0, -1],
    ];
    const yPred = [
      [1.5, 0],
      [0, 2],
    ];
    close(
      values(() => losses.meanSquaredError(tensor(yTrue), tensor(yPred))),
      [(0.25 + 4) / 2, 9 / 2],
    );
    close(
      values(() => losses.meanAbsoluteError(tensor(yTrue), tensor(yPred))),
      [(0.5 + 2) / 2, 3 / 2],
    );
    const h = (e: number, d: number): number => (Math.abs(e) <= d ? 0.5 * e * e : d * (Math.abs(e) - 0.5 * d));
    close(
      values(() => losses.huber(tensor(yTrue), tensor(yPred))),
      [(h(0.5, 1) + h(2, 1)) / 2, h(3, 1) / 2],
    );
    close(
      values(() => losses.huber(tensor(yTrue), tensor(yPred), { delta: 2.5 })),
      [(h(0.5, 2.5) + h(2, 2.5)) / 2, h(3, 2.5) / 2],
    );
  });

  it('get accepts Keras strings, camelCase and class names, and averages over the batch', () => {
    for (const name of ['mse', 'mean_squared_error', 'meanSquaredError', 'MeanSquaredError']) {
      expect(losses.get(name).fn).toBeTypeOf('function');
    }
    expect(losses.get('categorical_crossentropy').name).toBe('categorical_crossentropy');
    expect(losses.get('sparseCategoricalCrossentropy').name).toBe('sparse_categorical_crossentropy');
    expect(losses.get('binary_crossentropy').className).toBe('BinaryCrossentropy');
    expect(losses.get('mae').name).toBe('mae');
    expect(losses.get('huber')).toBeInstanceOf(losses.Huber);
    expect(() => losses.get('hinge')).toThrow(/unknown loss 'hinge'/);
    const mse = losses.get('mse');
    close(
      values(() => mse.call(tensor([[0], [0]]), tensor([[1], [3]]))),
      [5],
    );
    const custom = losses.get(function myLoss(t: Tensor, p: Tensor) {
      return losses.meanAbsoluteError(t, p);
    });
    expect(custom.name).toBe('my_loss');
  });
});

describe('metrics', () => {
  it('categorical, sparse categorical and binary accuracy', () => {
    const yPred = [
      [0.1, 0.8, 0.1],
      [0.6, 0.3, 0.1],
      [0.2, 0.2, 0.6],
    ];
    close(
      values(() =>
        metrics.categoricalAccuracy(
          tensor([
            [0, 1, 0],
            [0, 1, 0],
            [0, 0, 1],
          ]),
          tensor(yPred),
        ),
      ),
      [1, 0, 1],
    );
    close(
      values(() => metrics.sparseCategoricalAccuracy(tensor([1, 1, 2]), tensor(yPred))),
      [1, 0, 1],
    );
    close(
      values(() => metrics.sparseCategoricalAccuracy(tensor([[1], [0], [0]]), tensor(yPred))),
      [1, 1, 0],
    );
    close(
      values(() =>
        metrics.binaryAccuracy(
          tensor([
            [1, 0],
            [0, 0],
          ]),
          tensor([
            [0.7, 0.4],
            [0.6, 0.1],
          ]),
        ),
      ),
      [1, 0.5],
    );
    close(
      values(() => metrics.binaryAccuracy(tensor([[1], [0]]), tensor([[0.7], [0.6]]), 0.65)),
      [1, 1],
    );
    close(
      values(() => metrics.mse(tensor([[1, 3]]), tensor([[2, 1]]))),
      [2.5],
    );
    close(
      values(() => metrics.mae(tensor([[1, 3]]), tensor([[2, 1]]))),
      [1.5],
    );
  });

  it("'accuracy' picks the variant from the loss and the shapes, as Keras", () => {
    const pick = (loss: string | undefined, yTrueShape: number[], yPredShape: (number | null)[]): metrics.MetricFn =>
      metrics.get('accuracy', { loss: loss ? losses.get(loss) : undefined, yTrueShape, yPredShape }).fn;
    expect(pick('binary_crossentropy', [4, 3], [null, 3])).not.toBe(metrics.categoricalAccuracy);
    expect(pick('sparse_categorical_crossentropy', [4], [null, 10])).toBe(metrics.sparseCategoricalAccuracy);
    expect(pick('categorical_crossentropy', [4, 10], [null, 10])).toBe(metrics.categoricalAccuracy);
    expect(pick('mse', [4], [null, 10])).toBe(metrics.sparseCategoricalAccuracy);
    expect(pick('mse', [4, 1], [null, 10])).toBe(metrics.sparseCategoricalAccuracy);
    // One output unit: binary accuracy (thresholded at 0.5).
    const binary = pick(undefined, [2, 1], [null, 1]);
    close(
      values(() => binary(tensor([[1], [0]]), tensor([[0.9], [0.9]]))),
      [1, 0],
    );
  });

  it('names follow the spelling given, as Keras 3', () => {
    expect(metrics.get('acc').name).toBe('acc');
    expect(metrics.get('mse').name).toBe('mse');
    expect(metrics.get('categoricalAccuracy').name).toBe('categoricalAccuracy');
    expect(metrics.get('categorical_accuracy').fn).toBe(metrics.categoricalAccuracy);
    expect(() => metrics.get('f1')).toThrow(/unknown metric 'f1'/);
  });
});
