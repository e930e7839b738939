import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

export const transpose: KernelFn<'transpose', WasmBackend> = (backend, { x }, { perm }, out) => {
  const y = backend.allocData(sizeFromShape(out.shape), out.dtype);
  const src = backend.values(x);
  const dst = backend.view(y);
  // Matrices (weights, dense-layer gradients) take the tiled path, which keeps both sides in cache.
  if (x.shape.length === 2 && perm[0] === 1) backendUtil.transpose2d(src, 0, x.shape[0], x.shape[1], dst, 0);
  else backendUtil.permuteInto(src, dst, x.shape, perm);
  return y;
};
