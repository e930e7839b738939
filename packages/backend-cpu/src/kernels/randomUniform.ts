import { sizeFromShape, uniformAt, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/** Element i is f(seed, i), the same on every backend; int32 draws floor(minval + u * range). */
export const randomUniform: KernelFn<'randomUniform', CpuBackend> = (backend, _inputs, { minval, maxval, seed, dtype }, out) => {
  const size = sizeFromShape(out.shape);
  const range = maxval - minval;
  if (dtype === 'int32') {
    const dst = new Int32Array(size);
    for (let i = 0; i < size; i++) dst[i] = Math.floor(minval + uniformAt(seed, i) * range);
    return backend.store(dst, 'int32');
  }
  const dst = new Float32Array(size);
  for (let i = 0; i < size; i++) dst[i] = minval + uniformAt(seed, i) * range;
  return backend.store(dst, 'float32');
};
