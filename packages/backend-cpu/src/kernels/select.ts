import { backendUtil, makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

export const select: KernelFn<'select', CpuBackend> = (backend, { condition, a, b }, _attrs, out) => {
  const dst = makeTypedArray(out.dtype, sizeFromShape(out.shape));
  backendUtil.selectInto(
    backend.values(condition),
    condition.shape,
    backend.values(a),
    a.shape,
    backend.values(b),
    b.shape,
    dst,
    out.shape,
  );
  return backend.store(dst, out.dtype);
};
