import { backendUtil, makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

export const binary: KernelFn<'binary', CpuBackend> = (backend, { a, b }, { op }, out) => {
  const dst = makeTypedArray(out.dtype, sizeFromShape(out.shape));
  backendUtil.binaryInto(op, backend.values(a), a.shape, backend.values(b), b.shape, dst, out.shape, out.dtype);
  return backend.store(dst, out.dtype);
};
