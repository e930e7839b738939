import { makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/** float32 -> int32 truncates toward zero (the Int32Array store does it); anything -> bool is `!= 0`. */
export const cast: KernelFn<'cast', CpuBackend> = (backend, { x }, { dtype }, out) => {
  const src = backend.values(x);
  const size = sizeFromShape(out.shape);
  const dst = makeTypedArray(dtype, size);
  if (dtype === 'bool') {
    for (let i = 0; i < size; i++) dst[i] = src[i] !== 0 ? 1 : 0;
  } else {
    dst.set(src.subarray(0, size));
  }
  return backend.store(dst, dtype);
};
