import { backendUtil, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { fusedAvgPoolGradValues } from './fusedAvgPoolGrad.js';

/** fusedAvgPoolGrad's values summed over all but the channels, as reduce does (in doubles). */
export const fusedPoolBiasGrad: KernelFn<'fusedPoolBiasGrad', CpuBackend> = (backend, { dy, y }, { activation, ...pool }, out) => {
  const dz = fusedAvgPoolGradValues(backend, dy, y, pool, activation);
  const c = y.shape[3];
  const sums = new Float32Array(c);
  backendUtil.reduceInto('sum', dz, 1, dz.length / Math.max(1, c), c, sums);
  return backend.store(sums, out.dtype);
};
