import { backendUtil, makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

export const pad: KernelFn<'pad', CpuBackend> = (backend, { x }, { paddings, constantValue }, out) => {
  const dst = makeTypedArray(out.dtype, sizeFromShape(out.shape));
  backendUtil.padInto(backend.values(x), x.shape, paddings, constantValue, dst, out.shape, out.dtype);
  return backend.store(dst, out.dtype);
};
