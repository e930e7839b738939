import { backendUtil, makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

export const transpose: KernelFn<'transpose', CpuBackend> = (backend, { x }, { perm }, out) => {
  const src = backend.values(x);
  // Matrices (weights, dense-layer gradients) take the tiled path, which keeps both sides in cache.
  if (x.shape.length === 2 && perm[0] === 1 && src instanceof Float32Array) {
    const dst = new Float32Array(x.shape[0] * x.shape[1]);
    backendUtil.transpose2d(src, 0, x.shape[0], x.shape[1], dst, 0);
    return backend.store(dst, 'float32');
  }
  const dst = makeTypedArray(out.dtype, sizeFromShape(out.shape));
  backendUtil.permuteInto(src, dst, x.shape, perm);
  return backend.store(dst, out.dtype);
};
