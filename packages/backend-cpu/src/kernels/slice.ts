import { backendUtil, makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

export const slice: KernelFn<'slice', CpuBackend> = (backend, { x }, { begin, size }, out) => {
  const dst = makeTypedArray(out.dtype, sizeFromShape(size));
  backendUtil.sliceInto(backend.values(x), x.shape, begin, size, dst);
  return backend.store(dst, out.dtype);
};
