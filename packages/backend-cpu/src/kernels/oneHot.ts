import { backendUtil, makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

export const oneHot: KernelFn<'oneHot', CpuBackend> = (backend, { indices }, { depth, onValue, offValue, dtype }, out) => {
  const dst = makeTypedArray(dtype, sizeFromShape(out.shape));
  backendUtil.oneHotInto(backend.ints(indices), sizeFromShape(indices.shape), depth, onValue, offValue, dst, dtype);
  return backend.store(dst, dtype);
};
