import { makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

export const fill: KernelFn<'fill', CpuBackend> = (backend, _inputs, { value, dtype }, out) => {
  const dst = makeTypedArray(dtype, sizeFromShape(out.shape));
  dst.fill(dtype === 'bool' ? (value !== 0 ? 1 : 0) : value);
  return backend.store(dst, dtype);
};
