import { normalAt, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

export const randomNormal: KernelFn<'randomNormal', CpuBackend> = (backend, _inputs, { mean, stddev, seed }, out) => {
  const size = sizeFromShape(out.shape);
  const dst = new Float32Array(size);
  for (let i = 0; i < size; i++) dst[i] = mean + stddev * normalAt(seed, i);
  return backend.store(dst, 'float32');
};
