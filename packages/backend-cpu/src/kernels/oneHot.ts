import { makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/** Out-of-range indices leave their row at offValue, as TensorFlow does. */
export const oneHot: KernelFn<'oneHot', CpuBackend> = (backend, { indices }, { depth, onValue, offValue, dtype }, out) => {
  const idx = backend.ints(indices);
  const count = sizeFromShape(indices.shape);
  const dst = makeTypedArray(dtype, sizeFromShape(out.shape));
  const toStored = (v: number): number => (dtype === 'bool' ? (v !== 0 ? 1 : 0) : v);
  dst.fill(toStored(offValue));
  const on = toStored(onValue);
  for (let i = 0; i < count; i++) {
    const v = idx[i];
    if (v >= 0 && v < depth) dst[i * depth + v] = on;
  }
  return backend.store(dst, dtype);
};
