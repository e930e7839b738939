/** Float64 references of the composed reductions and scans: all, any, cumsum, cumprod. */
import { reduceRef } from './reduce.js';
import { nd, stridesOf, unravel, type Nd } from './nd.js';

/** any/all over resolved, sorted axes, through the sum reference (a count of true values). */
export function anyAllRef(op: 'any' | 'all', x: Nd, axes: readonly number[], keepDims: boolean): Nd {
  const truths = { shape: x.shape, values: x.values.map((v) => (op === 'any' ? (v !== 0 ? 1 : 0) : v === 0 ? 1 : 0)) };
  const { out } = reduceRef('sum', truths, axes, keepDims);
  return { shape: out.shape, values: out.values.map((c) => (op === 'any' ? (c > 0 ? 1 : 0) : c === 0 ? 1 : 0)) };
}

/** Sequential cumulative sum or product along `axis`, as TensorFlow defines exclusive/reverse.
 *  `scale` is the running sum of |terms| (cumsum) or |product| (cumprod), for tolerances. */
export function cumRef(
  op: 'cumsum' | 'cumprod',
  x: Nd,
  axis: number,
  exclusive: boolean,
  reverse: boolean,
): { out: Nd; scale: Float64Array } {
  const out = nd(x.shape);
  const scale = new Float64Array(out.values.length);
  const strides = stridesOf(x.shape);
  const n = x.shape[axis];
  for (let i = 0; i < x.values.length; i++) {
    const idx = unravel(i, x.shape);
    if (idx[axis] !== 0) continue;
    let acc = op === 'cumsum' ? 0 : 1;
    let absAcc = 0;
    for (let step = 0; step < n; step++) {
      const k = reverse ? n - 1 - step : step;
      const flat = i + k * strides[axis];
      const v = x.values[flat];
      if (exclusive) {
        out.values[flat] = acc;
        scale[flat] = op === 'cumsum' ? absAcc : Math.abs(acc);
      }
      acc = op === 'cumsum' ? acc + v : acc * v;
      absAcc += Math.abs(v);
      if (!exclusive) {
        out.values[flat] = acc;
        scale[flat] = op === 'cumsum' ? absAcc : Math.abs(acc);
      }
    }
  }
  return { out, scale };
}
