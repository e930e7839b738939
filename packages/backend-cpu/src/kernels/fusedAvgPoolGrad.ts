import type { KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { DERIVATIVES } from './activationGrad.js';
import { avgPoolGradValues } from './avgPoolGrad.js';

/** avgPoolGrad, then the activation's derivative at y applied in place (the same roundings as the two kernels). */
export const fusedAvgPoolGrad: KernelFn<'fusedAvgPoolGrad', CpuBackend> = (backend, { dy, y }, { activation, ...pool }) => {
  const dx = avgPoolGradValues(backend, dy, y.shape, pool);
  DERIVATIVES[activation](dx, backend.floats(y), dx, dx.length);
  return backend.store(dx, 'float32');
};
