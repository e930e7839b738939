/** Float64 references of the composed indexing ops: tile, strided slices (reverse, stridedSlice),
 *  mirrorPad, gatherND, scatterND; plain loops over output positions. */
import { nd, sizeOf, stridesOf, unravel, type Nd } from './nd.js';

export function tileRef(x: Nd, reps: readonly number[]): Nd {
  const out = nd(x.shape.map((d, i) => d * reps[i]));
  const inStrides = stridesOf(x.shape);
  for (let i = 0; i < out.values.length; i++) {
    const idx = unravel(i, out.shape);
    out.values[i] = x.values[idx.reduce((s, v, j) => s + (v % x.shape[j]) * inStrides[j], 0)];
  }
  return out;
}

/** Element k along axis j of the result is x's element begin[j] + k * stride[j]; the result is
 *  then given `finalShape` (same size). */
export function stridedRef(
  x: Nd,
  axes: readonly { readonly begin: number; readonly size: number; readonly stride: number }[],
  finalShape: readonly number[],
): Nd {
  const shape = axes.map((a) => a.size);
  const values = new Float64Array(sizeOf(shape));
  const inStrides = stridesOf(x.shape);
  for (let i = 0; i < values.length; i++) {
    const idx = unravel(i, shape);
    values[i] = x.values[idx.reduce((s, k, j) => s + (axes[j].begin + k * axes[j].stride) * inStrides[j], 0)];
  }
  return nd(finalShape, values);
}

export function reverseRef(x: Nd, axes: readonly number[]): Nd {
  const out = nd(x.shape);
  const strides = stridesOf(x.shape);
  for (let i = 0; i < out.values.length; i++) {
    const idx = unravel(i, x.shape);
    out.values[i] = x.values[idx.reduce((s, v, j) => s + (axes.includes(j) ? x.shape[j] - 1 - v : v) * strides[j], 0)];
  }
  return out;
}

/** Each output coordinate maps back into x by reflecting at the edges, as NumPy's pad does. */
export function mirrorPadRef(x: Nd, paddings: readonly (readonly [number, number])[], mode: 'reflect' | 'symmetric'): Nd {
  const out = nd(x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]));
  const strides = stridesOf(x.shape);
  const back = (p: number, d: number): number => {
    if (p < 0) return mode === 'reflect' ? -p : -p - 1;
    if (p >= d) return mode === 'reflect' ? 2 * d - 2 - p : 2 * d - 1 - p;
    return p;
  };
  for (let i = 0; i < out.values.length; i++) {
    const idx = unravel(i, out.shape);
    out.values[i] = x.values[idx.reduce((s, v, j) => s + back(v - paddings[j][0], x.shape[j]) * strides[j], 0)];
  }
  return out;
}

/** indices [..., K] pick x's slices x[i0, ..., iK-1, ...]; trusted to be in range. */
export function gatherNDRef(x: Nd, indices: Nd): Nd {
  const k = indices.shape[indices.shape.length - 1];
  const inner = x.shape.slice(k);
  const sliceSize = sizeOf(inner);
  const n = indices.values.length / k;
  const out = nd([...indices.shape.slice(0, -1), ...inner]);
  const strides = stridesOf(x.shape);
  for (let j = 0; j < n; j++) {
    let base = 0;
    for (let a = 0; a < k; a++) base += indices.values[j * k + a] * strides[a];
    for (let e = 0; e < sliceSize; e++) out.values[j * sliceSize + e] = x.values[base + e];
  }
  return out;
}

/** Zeros of `shape` with each update added at its index (repeated indices sum); 1-D indices
 *  are one coordinate each, as in TensorFlow.js. */
export function scatterNDRef(indices: Nd, updates: Nd, shape: readonly number[]): Nd {
  const k = indices.shape.length > 1 ? indices.shape[indices.shape.length - 1] : 1;
  const sliceSize = sizeOf(shape.slice(k));
  const n = indices.values.length / k;
  const out = nd(shape);
  const strides = stridesOf(shape);
  for (let j = 0; j < n; j++) {
    let base = 0;
    for (let a = 0; a < k; a++) base += indices.values[j * k + a] * strides[a];
    for (let e = 0; e < sliceSize; e++) out.values[base + e] += updates.values[j * sliceSize + e];
  }
  return out;
}
