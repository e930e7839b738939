import type { BackendValues } from '../dtype.js';
import type { ReduceOp } from '../kernels/signatures.js';
import { sizeFromShape, type Shape } from '../shape.js';

/**
 * Every reduction is brought to the form [outer, reduced, inner] so one strided loop serves all
 * axis sets: contiguous axes are already in it; otherwise `perm` (kept axes, then reduced axes)
 * must be applied first, after which inner is 1.
 */
export interface ReduceLayout {
  readonly outer: number;
  readonly reduced: number;
  readonly inner: number;
  /** Undefined when no permutation is needed. */
  readonly perm?: readonly number[];
}

/** `axes` are normalized and ascending, as core's reduce spec hands them over. */
export function reduceLayout(shape: Shape, axes: readonly number[]): ReduceLayout {
  const reduced = axes.reduce((p, a) => p * shape[a], 1);
  const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1] + 1);
  if (contiguous) {
    const first = axes.length > 0 ? axes[0] : shape.length;
    const last = axes.length > 0 ? axes[axes.length - 1] : shape.length - 1;
    return { outer: sizeFromShape(shape.slice(0, first)), reduced, inner: sizeFromShape(shape.slice(last + 1)) };
  }
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  return { outer: kept.reduce((p, a) => p * shape[a], 1), reduced, inner: 1, perm: [...kept, ...axes] };
}

/** Reduces x, viewed as [outer, r, inner], over its middle axis into y, [outer, inner]. */
type Reducer = (x: BackendValues, outer: number, r: number, inner: number, y: BackendValues) => void;

/**
 * Reduction loops for backends that compute in JavaScript: all of cpu's, and the argMax/argMin and
 * int32 paths of the others. Sums accumulate in doubles, which keeps long float32 sums accurate
 * to the last float32 bit in practice; `y.set` then rounds to float32, or wraps to int32 as
 * TensorFlow does. Math.max/min make a NaN anywhere in the reduced set the result.
 */
const REDUCERS: Readonly<Record<ReduceOp, Reducer>> = {
  sum: (x, outer, r, inner, y) => y.set(sums(x, outer, r, inner)),
  mean: (x, outer, r, inner, y) => {
    const acc = sums(x, outer, r, inner);
    for (let i = 0; i < acc.length; i++) acc[i] /= r;
    y.set(acc);
  },
  max: (x, outer, r, inner, y) => {
    const acc = new Float64Array(outer * inner).fill(-Infinity);
    for (let o = 0, j = 0; o < outer; o++) {
      for (let k = 0; k < r; k++) for (let i = o * inner; i < (o + 1) * inner; i++, j++) acc[i] = Math.max(acc[i], x[j]);
    }
    y.set(acc);
  },
  min: (x, outer, r, inner, y) => {
    const acc = new Float64Array(outer * inner).fill(Infinity);
    for (let o = 0, j = 0; o < outer; o++) {
      for (let k = 0; k < r; k++) for (let i = o * inner; i < (o + 1) * inner; i++, j++) acc[i] = Math.min(acc[i], x[j]);
    }
    y.set(acc);
  },
  prod: (x, outer, r, inner, y) => {
    // int32 products wrap at every step (Math.imul), as TensorFlow's do; doubles would round.
    if (y instanceof Int32Array) {
      y.fill(1);
      for (let o = 0, j = 0; o < outer; o++) {
        for (let k = 0; k < r; k++) for (let i = o * inner; i < (o + 1) * inner; i++, j++) y[i] = Math.imul(y[i], x[j]);
      }
      return;
    }
    const acc = new Float64Array(outer * inner).fill(1);
    for (let o = 0, j = 0; o < outer; o++) {
      for (let k = 0; k < r; k++) for (let i = o * inner; i < (o + 1) * inner; i++, j++) acc[i] *= x[j];
    }
    y.set(acc);
  },
  argMax: (x, outer, r, inner, y) => argReduce(true, x, outer, r, inner, y),
  argMin: (x, outer, r, inner, y) => argReduce(false, x, outer, r, inner, y),
};

/** y = op over the middle axis of x viewed as [outer, r, inner] (see `reduceLayout`). */
export function reduceInto(op: ReduceOp, x: BackendValues, outer: number, r: number, inner: number, y: BackendValues): void {
  REDUCERS[op](x, outer, r, inner, y);
}

function sums(x: BackendValues, outer: number, r: number, inner: number): Float64Array {
  const acc = new Float64Array(outer * inner);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      let s = 0;
      for (let k = 0, j = o * r; k < r; k++, j++) s += x[j];
      acc[o] = s;
    }
    return acc;
  }
  for (let o = 0, j = 0; o < outer; o++) {
    for (let k = 0; k < r; k++) for (let i = o * inner; i < (o + 1) * inner; i++, j++) acc[i] += x[j];
  }
  return acc;
}

/** Index of the first extreme along the reduced axis; a NaN never replaces the current best. */
function argReduce(max: boolean, x: BackendValues, outer: number, r: number, inner: number, y: BackendValues): void {
  const best = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * r * inner;
    const d = o * inner;
    for (let i = 0; i < inner; i++) best[i] = x[base + i];
    y.fill(0, d, d + inner);
    for (let k = 1; k < r; k++) {
      const s = base + k * inner;
      if (max) {
        for (let i = 0; i < inner; i++)
          if (x[s + i] > best[i]) {
            best[i] = x[s + i];
            y[d + i] = k;
          }
      } else {
        for (let i = 0; i < inner; i++)
          if (x[s + i] < best[i]) {
            best[i] = x[s + i];
            y[d + i] = k;
          }
      }
    }
  }
}
