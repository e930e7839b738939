import { type KernelFn, normalAt, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';

/** Drawn on the host with core's generator and uploaded (see randomUniform.ts). */
export const randomNormal: KernelFn<'randomNormal', WebGlBackend> = (backend, _inputs, { mean, stddev, seed }, out) => {
  const size = sizeFromShape(out.shape);
  const dst = new Float32Array(size);
  for (let i = 0; i < size; i++) dst[i] = mean + stddev * normalAt(seed, i);
  return backend.write(dst, 'float32');
};
