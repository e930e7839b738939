/**
 * Keras' `sample_weight` and `class_weight` in fit. A sample's weight multiplies its per-sample
 * loss and the batch loss is the mean of the weighted values (Keras 3's "sum_over_batch_size",
 * and what TensorFlow.js' fit computes), so weights of 1 change nothing. Class weights become
 * sample weights on the device, batch by batch, from the targets: argMax of one-hot targets, the
 * rounded index of sparse ones; a class missing from the map weighs 1 (Keras 3; TensorFlow.js
 * throws). Metrics are not weighted (Keras 3 weighs only `weighted_metrics`).
 */
import {
  type Tensor,
  TensileError,
  argMax,
  cast,
  clipByValue,
  formatShape,
  gather,
  keep,
  mean,
  mul,
  reshape,
  round,
  tensor1d,
  tidy,
} from '@tensile/core';
import type { Loss } from '../losses.js';

/** TensorFlow.js' and Keras' class weights: class index → weight. */
export type ClassWeight = Readonly<Record<number, number>>;

/** A lookup vector of class weights (index K+1 holds 1 for every class past the largest key). */
export interface ClassWeightTable {
  readonly table: Tensor;
  readonly last: number;
}

/** Checks `classWeight` and uploads its lookup vector (kept; the caller disposes `table`). */
export function classWeightTable(api: string, classWeight: unknown): ClassWeightTable {
  if (typeof classWeight !== 'object' || classWeight === null || Array.isArray(classWeight)) {
    throw new TensileError(
      `${api}: classWeight must be an object mapping class index to weight, e.g. {0: 1, 1: 5}, got ${describe(classWeight)}`,
    );
  }
  const entries = Object.entries(classWeight as Record<string, unknown>);
  if (entries.length === 0) throw new TensileError(`${api}: classWeight is empty; map at least one class index to a weight`);
  let max = 0;
  for (const [k, w] of entries) {
    const c = Number(k);
    if (!Number.isInteger(c) || c < 0) throw new TensileError(`${api}: classWeight keys must be class indices (integers >= 0), got '${k}'`);
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0)
      throw new TensileError(`${api}: classWeight[${k}] must be a non-negative finite number, got ${describe(w)}`);
    max = Math.max(max, c);
  }
  const values = new Float32Array(max + 2).fill(1);
  for (const [k, w] of entries) values[Number(k)] = w as number;
  return { table: keep(tensor1d(values)), last: max + 1 };
}

/** Per-sample weights from targets `y` (one-hot: [..., classes > 1]; sparse: [...] or [..., 1]). */
export function classSampleWeights(cw: ClassWeightTable, y: Tensor): Tensor {
  return tidy(() => {
    const classes = y.rank > 1 && y.shape[y.rank - 1] > 1 ? argMax(y, -1) : round(cast(squeezeLast(y), 'float32'));
    const index = cast(clipByValue(cast(classes, 'float32'), 0, cw.last), 'int32');
    return gather(cw.table, index);
  });
}

/** The batch loss of `loss` on (y, pred) with per-sample `weights` (null: the plain mean). */
export function weightedLoss(loss: Loss, y: Tensor, pred: Tensor, weights: Tensor | null): Tensor {
  if (!weights) return loss.call(y, pred);
  const values = loss.fn(y, pred);
  let w = weights;
  while (w.rank > values.rank && w.shape[w.rank - 1] === 1) w = squeezeLast(w);
  if (w.rank > values.rank || w.shape.some((d, i) => d !== values.shape[i])) {
    throw new TensileError(
      `fit: sample weights of shape ${formatShape(weights.shape)} do not match the per-sample loss of shape ${formatShape(values.shape)} of loss '${loss.name}'`,
    );
  }
  if (w.rank < values.rank) w = reshape(w, [...w.shape, ...values.shape.slice(w.rank).map(() => 1)]);
  return mean(mul(values, cast(w, 'float32')));
}

function squeezeLast(t: Tensor): Tensor {
  return t.rank > 1 && t.shape[t.rank - 1] === 1 ? reshape(t, t.shape.slice(0, -1)) : t;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of ${x.length}`;
  return typeof x === 'object' ? 'an object' : `${typeof x} ${String(x)}`;
}
