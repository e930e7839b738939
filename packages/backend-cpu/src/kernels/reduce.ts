import { backendUtil, makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/**
 * Every reduction is brought to the form [outer, reduced, inner]: contiguous axes are already in
 * it, and other axis sets are first permuted so the reduced axes come last. Core's loops
 * (backendUtil.reduceInto, one per op) accumulate in doubles.
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
  const dst = makeTypedArray(out.dtype, outer * inner);
  backendUtil.reduceInto(op, src, outer, reduced, inner, dst);
  return backend.store(dst, out.dtype);
};
