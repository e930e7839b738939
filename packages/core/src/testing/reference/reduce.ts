/** Float64 reference of `reduce`: every op over any set of axes, with or without kept dims. */
import type { ReduceOp } from '../../kernels/signatures.js';
import { nd, stridesOf, unravel, type Nd } from './nd.js';

export interface Reduced {
  readonly out: Nd;
  /** Per output: the size of the terms behind it (sum of |x| for sum/mean), for tolerances. */
  readonly scale: Float64Array;
}

/** `axes` must be resolved (non-negative) and sorted. */
export function reduceRef(op: ReduceOp, x: Nd, axes: readonly number[], keepDims: boolean): Reduced {
  const keptAxes = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const keptShape = keptAxes.map((i) => x.shape[i]);
  const redShape = axes.map((i) => x.shape[i]);
  const outShape = keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : keptShape;
  const strides = stridesOf(x.shape);
  const count = redShape.reduce((p, d) => p * d, 1);
  const out = nd(outShape);
  const scale = new Float64Array(out.values.length);
  for (let o = 0; o < out.values.length; o++) {
    const keptIdx = unravel(o, keptShape);
    let base = 0;
    keptAxes.forEach((axis, j) => (base += keptIdx[j] * strides[axis]));
    // Reduced positions in row-major order, so "first" max/min means the lowest index.
    const terms: number[] = [];
    for (let r = 0; r < count; r++) {
      const redIdx = unravel(r, redShape);
      let flat = base;
      axes.forEach((axis, j) => (flat += redIdx[j] * strides[axis]));
      terms.push(x.values[flat]);
    }
    const [value, size] = combine(op, terms);
    out.values[o] = value;
    scale[o] = size;
  }
  return { out, scale };
}

function combine(op: ReduceOp, t: number[]): [number, number] {
  const absSum = t.reduce((s, v) => s + Math.abs(v), 0);
  switch (op) {
    case 'sum':
      return [t.reduce((s, v) => s + v, 0), absSum];
    case 'mean':
      return [t.reduce((s, v) => s + v, 0) / t.length, absSum / t.length];
    case 'prod': {
      const p = t.reduce((s, v) => s * v, 1);
      return [p, Math.abs(p)];
    }
    case 'max':
      return [Math.max(...t), 0];
    case 'min':
      return [Math.min(...t), 0];
    case 'argMax':
      return [firstIndex(t, (a, b) => a > b), 0];
    case 'argMin':
      return [firstIndex(t, (a, b) => a < b), 0];
  }
}

/** Index of the first element that no later one beats strictly: ties go to the lowest index. */
function firstIndex(t: number[], better: (a: number, b: number) => boolean): number {
  let best = 0;
  for (let i = 1; i < t.length; i++) if (better(t[i], t[best])) best = i;
  return best;
}
