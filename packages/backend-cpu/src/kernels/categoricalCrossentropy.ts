import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/** Row by row over the last axis, in doubles (core's shared loop). */
export const categoricalCrossentropy: KernelFn<'categoricalCrossentropy', CpuBackend> = (backend, { yTrue, yPred }, { epsilon }, out) => {
  const loss = new Float32Array(sizeFromShape(out.shape));
  const d = yPred.shape[yPred.shape.length - 1];
  backendUtil.categoricalCrossentropyInto(backend.floats(yTrue), backend.floats(yPred), d, epsilon, loss);
  return backend.store(loss, 'float32');
};
