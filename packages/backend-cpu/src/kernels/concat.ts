import { backendUtil, makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

export const concat: KernelFn<'concat', CpuBackend> = (backend, { xs }, { axis }, out) => {
  const dst = makeTypedArray(out.dtype, sizeFromShape(out.shape));
  backendUtil.concatInto(
    xs.map((t) => ({ values: backend.values(t), shape: t.shape })),
    axis,
    dst,
    out.shape,
  );
  return backend.store(dst, out.dtype);
};
