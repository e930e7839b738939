import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/** Row by row over the last axis, in doubles (core's shared loop). */
export const categoricalCrossentropyGrad: KernelFn<'categoricalCrossentropyGrad', CpuBackend> = (
  backend,
  { dy, yTrue, yPred },
  { epsilon },
  out,
) => {
  const dp = new Float32Array(sizeFromShape(out.shape));
  const d = yPred.shape[yPred.shape.length - 1];
  backendUtil.categoricalCrossentropyGradInto(backend.floats(dy), backend.floats(yTrue), backend.floats(yPred), d, epsilon, dp);
  return backend.store(dp, 'float32');
};
