import { ArgumentError, backendUtil, makeTypedArray, sizeFromShape, type BackendValues, type KernelFn, type ReduceOp } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/**
 * Every reduction is brought to the form [outer, reduced, inner]: contiguous axes are already in
 * it, and other axis sets are first permuted so the reduced axes come last. Accumulating in
 * doubles keeps long float32 sums accurate to the last float32 bit in practice.
 */
export const reduce: KernelFn<'reduce', CpuBackend> = (backend, { x }, { op, axes }, out) => {
  const shape = x.shape;
  let src = backend.values(x);
  const { outer, reduced, inner, perm } = backendUtil.reduceLayout(shape, axes);
  if (perm !== undefined) {
    const permuted = makeTypedArray(x.dtype, sizeFromShape(shape));
    backendUtil.permuteInto(src, permuted, shape, perm);
    src = permuted;
  }

  if (op === 'argMax' || op === 'argMin') {
    const dst = new Int32Array(outer * inner);
    argReduce(op === 'argMax', src, outer, reduced, inner, dst);
    return backend.store(dst, 'int32');
  }
  if (op === 'prod' && src instanceof Int32Array) {
    const dst = new Int32Array(outer * inner).fill(1);
    intProd(src, outer, reduced, inner, dst);
    return backend.store(dst, 'int32');
  }
  const acc = new Float64Array(outer * inner);
  accumulate(op, src, outer, reduced, inner, acc);
  if (op === 'mean') for (let i = 0; i < acc.length; i++) acc[i] /= reduced;
  if (out.dtype === 'int32') return backend.store(Int32Array.from(acc), 'int32');
  return backend.store(Float32Array.from(acc), 'float32');
};

function accumulate(op: ReduceOp, x: BackendValues, outer: number, r: number, inner: number, acc: Float64Array): void {
  // One loop nest per op; Math.max/min make a NaN anywhere in the reduced set the result.
  switch (op) {
    case 'sum':
    case 'mean':
      if (inner === 1) {
        for (let o = 0; o < outer; o++) {
          let s = 0;
          for (let k = 0, j = o * r; k < r; k++, j++) s += x[j];
          acc[o] = s;
        }
        return;
      }
      for (let o = 0, j = 0; o < outer; o++) {
        for (let k = 0; k < r; k++) for (let i = o * inner; i < (o + 1) * inner; i++, j++) acc[i] += x[j];
      }
      return;
    case 'prod':
      acc.fill(1);
      for (let o = 0, j = 0; o < outer; o++) {
        for (let k = 0; k < r; k++) for (let i = o * inner; i < (o + 1) * inner; i++, j++) acc[i] *= x[j];
      }
      return;
    case 'max':
      acc.fill(-Infinity);
      for (let o = 0, j = 0; o < outer; o++) {
        for (let k = 0; k < r; k++) for (let i = o * inner; i < (o + 1) * inner; i++, j++) acc[i] = Math.max(acc[i], x[j]);
      }
      return;
    case 'min':
      acc.fill(Infinity);
      for (let o = 0, j = 0; o < outer; o++) {
        for (let k = 0; k < r; k++) for (let i = o * inner; i < (o + 1) * inner; i++, j++) acc[i] = Math.min(acc[i], x[j]);
      }
      return;
    default:
      throw new ArgumentError(`reduce: unknown op ${op}`);
  }
}

function intProd(x: Int32Array, outer: number, r: number, inner: number, acc: Int32Array): void {
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < r; k++) {
      const s = (o * r + k) * inner;
      for (let i = 0; i < inner; i++) acc[o * inner + i] = Math.imul(acc[o * inner + i], x[s + i]);
    }
  }
}

/** Index of the first extreme along the reduced axis; a NaN never replaces the current best. */
function argReduce(max: boolean, x: BackendValues, outer: number, r: number, inner: number, dst: Int32Array): void {
  const best = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * r * inner;
    for (let i = 0; i < inner; i++) best[i] = x[base + i];
    dst.fill(0, o * inner, (o + 1) * inner);
    for (let k = 1; k < r; k++) {
      const s = base + k * inner;
      const d = o * inner;
      if (max) {
        for (let i = 0; i < inner; i++) if (x[s + i] > best[i]) { best[i] = x[s + i]; dst[d + i] = k; }
      } else {
        for (let i = 0; i < inner; i++) if (x[s + i] < best[i]) { best[i] = x[s + i]; dst[d + i] = k; }
      }
    }
  }
}
