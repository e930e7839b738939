/** The tf.losses functions against TensorFlow.js 4.22's own, for every reduction, with and without weights, within 1e-5. */
import '@tensile/backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { type Tensor, ready, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { Reduction, losses, tfLosses } from '../src/index.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

/** Deterministic values in [lo, hi). */
function values(n: number, seed: number, lo = -2, hi = 2): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return lo + ((hi - lo) * s) / 2147483648;
  });
}

const SHAPE = [4, 3];
const labels01 = values(12, 1, 0, 1).map((v) => (v > 0.5 ? 1 : 0));
const probs = values(12, 2, 0.02, 0.98);
const preds = values(12, 3);
const labelsReal = values(12, 4);
const onehot = [0, 1, 2, 1].flatMap((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0)));
const unit = (v: number[]): number[] => {
  const out: number[] = [];
  for (let r = 0; r < 4; r++) {
    const row = v.slice(3 * r, 3 * r + 3);
    const n = Math.hypot(...row);
    out.push(...row.map((x) => x / n));
  }
  return out;
};

const WEIGHTS: [string, number[] | null, number[]][] = [
  ['no weights', null, []],
  ['per-element weights with zeros', [0, 1, 0.5, 2, 0, 1, 1, 3, 0.25, 0, 1, 1], SHAPE],
  ['per-row weights', [1, 0, 2, 0.5], [4, 1]],
  ['scalar weight', [2], []],
];
const REDUCTIONS = [Reduction.NONE, Reduction.MEAN, Reduction.SUM, Reduction.SUM_BY_NONZERO_WEIGHTS];
/** TF.js's enum member for each of ours, by name, so a renumbering on either side fails here. */
const TFJS_REDUCTION: Record<Reduction, tf.Reduction> = {
  [Reduction.NONE]: tf.Reduction.NONE,
  [Reduction.MEAN]: tf.Reduction.MEAN,
  [Reduction.SUM]: tf.Reduction.SUM,
  [Reduction.SUM_BY_NONZERO_WEIGHTS]: tf.Reduction.SUM_BY_NONZERO_WEIGHTS,
};

function compare(ours: Tensor, theirs: tf.Tensor): void {
  expect(ours.shape).toEqual(theirs.shape);
  const a = ours.dataSync();
  const b = theirs.dataSync();
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]), `element ${i}: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(1e-5);
  ours.dispose();
  theirs.dispose();
}

type Ours = (l: Tensor, p: Tensor, w: Tensor | undefined, r: Reduction) => Tensor;
type Theirs = (l: tf.Tensor, p: tf.Tensor, w: tf.Tensor | undefined, r: tf.Reduction) => tf.Tensor;

const CASES: [string, number[], number[], Ours, Theirs, boolean][] = [
  [
    'absoluteDifference',
    labelsReal,
    preds,
    (l, p, w, r) => losses.absoluteDifference(l, p, w, r),
    (l, p, w, r) => tf.losses.absoluteDifference(l, p, w, r),
    false,
  ],
  [
    'meanSquaredError',
    labelsReal,
    preds,
    (l, p, w, r) => tfLosses.meanSquaredError(l, p, w, r),
    (l, p, w, r) => tf.losses.meanSquaredError(l, p, w, r),
    false,
  ],
  [
    'huberLoss',
    labelsReal,
    preds,
    (l, p, w, r) => losses.huberLoss(l, p, w, 0.7, r),
    (l, p, w, r) => tf.losses.huberLoss(l, p, w, 0.7, r),
    false,
  ],
  [
    'logLoss',
    labels01,
    probs,
    (l, p, w, r) => losses.logLoss(l, p, w, 1e-6, r),
    (l, p, w, r) => tf.losses.logLoss(l, p, w, 1e-6, r),
    false,
  ],
  ['hingeLoss', labels01, preds, (l, p, w, r) => losses.hingeLoss(l, p, w, r), (l, p, w, r) => tf.losses.hingeLoss(l, p, w, r), false],
  [
    'sigmoidCrossEntropy',
    labels01,
    preds,
    (l, p, w, r) => losses.sigmoidCrossEntropy(l, p, w, 0.1, r),
    (l, p, w, r) => tf.losses.sigmoidCrossEntropy(l, p, w, 0.1, r),
    false,
  ],
  [
    'cosineDistance',
    unit(labelsReal),
    unit(preds),
    (l, p, w, r) => losses.cosineDistance(l, p, 1, w, r),
    (l, p, w, r) => tf.losses.cosineDistance(l, p, 1, w, r),
    true,
  ],
  [
    'softmaxCrossEntropy',
    onehot,
    preds,
    (l, p, w, r) => losses.softmaxCrossEntropy(l, p, w, 0.2, r),
    (l, p, w, r) => tf.losses.softmaxCrossEntropy(l, p, w, 0.2, r),
    true,
  ],
];

describe('losses.* match tf.losses.* (TensorFlow.js 4.22)', () => {
  for (const [name, l, p, ours, theirs, perRow] of CASES) {
    it(name, () => {
      for (const [, w, wShape] of WEIGHTS) {
        // Row losses ([4, 1] for cosineDistance, [4] for softmaxCrossEntropy) take per-row or scalar weights.
        if (perRow && w && w.length === 12) continue;
        const rowShape = name === 'softmaxCrossEntropy' && w?.length === 4 ? [4] : wShape;
        for (const r of REDUCTIONS) {
          const L = tensor(l, SHAPE);
          const P = tensor(p, SHAPE);
          const W = w ? tensor(w, rowShape) : undefined;
          const before = undisposedTensors();
          const got = ours(L, P, W, r);
          expect(undisposedTensors()).toBe(before + 1);
          compare(got, theirs(tf.tensor(l, SHAPE), tf.tensor(p, SHAPE), w ? tf.tensor(w, rowShape) : undefined, TFJS_REDUCTION[r]));
          for (const t of [L, P, W]) t?.dispose();
        }
      }
    });
  }

  it('computeWeightedLoss, default reduction and plain arrays', () => {
    const w = [[1, 0, 2]];
    compare(
      losses.computeWeightedLoss(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        w,
      ),
      tf.losses.computeWeightedLoss(
        tf.tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        w,
      ),
    );
    compare(losses.absoluteDifference([1, 2, 3], [0, 0, 0]), tf.losses.absoluteDifference([1, 2, 3], [0, 0, 0]));
  });
});

describe('losses namespace', () => {
  it("keeps Keras' per-sample meanSquaredError; tfLosses' reduces", () => {
    const y = tensor([
      [1, 2],
      [3, 5],
    ]);
    const p = tensor([
      [0, 2],
      [3, 3],
    ]);
    expect(Array.from(losses.meanSquaredError(y, p).dataSync())).toEqual([0.5, 2]);
    expect(tfLosses.meanSquaredError(y, p).dataSync()[0]).toBeCloseTo(1.25, 6);
    expect(losses.tfMeanSquaredError(y, p).dataSync()[0]).toBeCloseTo(1.25, 6);
  });

  it('refuses mismatched shapes, unknown reductions and bad options', () => {
    expect(() => losses.absoluteDifference(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(
      /losses.absoluteDifference: labels and predictions must have the same shape, got \[2\] and \[3\]/,
    );
    expect(() => losses.hingeLoss([1], [1], null, 7 as never)).toThrow(/losses.hingeLoss: unknown reduction 7/);
    expect(() => losses.huberLoss([1], [1], null, -1)).toThrow(/losses.huberLoss: delta must be a positive number, got -1/);
    expect(() => losses.softmaxCrossEntropy([[1, 0]], [[1, 0]], null, 2)).toThrow(/labelSmoothing must be a number in \[0, 1\], got 2/);
  });
});
