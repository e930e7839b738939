/** Float64 references of the layout kernels: transpose, slice, concat, pad, gather, oneHot. */
import { nd, sizeOf, stridesOf, unravel, type Nd } from './nd.js';

export function transposeRef(x: Nd, perm: readonly number[]): Nd {
  const out = nd(perm.map((p) => x.shape[p]));
  const inStrides = stridesOf(x.shape);
  for (let i = 0; i < out.values.length; i++) {
    const idx = unravel(i, out.shape);
    let flat = 0;
    perm.forEach((p, j) => (flat += idx[j] * inStrides[p]));
    out.values[i] = x.values[flat];
  }
  return out;
}

export function sliceRef(x: Nd, begin: readonly number[], size: readonly number[]): Nd {
  const out = nd(size);
  const inStrides = stridesOf(x.shape);
  for (let i = 0; i < out.values.length; i++) {
    const idx = unravel(i, size);
    out.values[i] = x.values[idx.reduce((s, v, j) => s + (v + begin[j]) * inStrides[j], 0)];
  }
  return out;
}

export function concatRef(xs: readonly Nd[], axis: number): Nd {
  const shape = [...xs[0].shape];
  shape[axis] = xs.reduce((s, x) => s + x.shape[axis], 0);
  const out = nd(shape);
  const outStrides = stridesOf(shape);
  let offset = 0;
  for (const x of xs) {
    for (let i = 0; i < x.values.length; i++) {
      const idx = unravel(i, x.shape);
      idx[axis] += offset;
      out.values[idx.reduce((s, v, j) => s + v * outStrides[j], 0)] = x.values[i];
    }
    offset += x.shape[axis];
  }
  return out;
}

export function padRef(x: Nd, paddings: readonly (readonly [number, number])[], constantValue: number): Nd {
  const shape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const out = nd(shape);
  out.values.fill(constantValue);
  const outStrides = stridesOf(shape);
  for (let i = 0; i < x.values.length; i++) {
    const idx = unravel(i, x.shape);
    out.values[idx.reduce((s, v, j) => s + (v + paddings[j][0]) * outStrides[j], 0)] = x.values[i];
  }
  return out;
}

/** Output shape x[:axis] + indices.shape + x[axis+1:]; indices are trusted to be in range. */
export function gatherRef(x: Nd, indices: Nd, axis: number): Nd {
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  const dim = x.shape[axis];
  const out = nd([...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)]);
  const k = indices.values.length;
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < k; j++)
      for (let i = 0; i < inner; i++) out.values[(o * k + j) * inner + i] = x.values[(o * dim + indices.values[j]) * inner + i];
  return out;
}

/** An index outside [0, depth) gives a row of offValue, as in TensorFlow. */
export function oneHotRef(indices: Nd, depth: number, onValue: number, offValue: number): Nd {
  const out = nd([...indices.shape, depth]);
  out.values.fill(offValue);
  indices.values.forEach((v, i) => {
    if (v >= 0 && v < depth) out.values[i * depth + v] = onValue;
  });
  return out;
}
