import type { FusedActivation, KernelFn, Pool2dAttrs, TensorInfo } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { DERIVATIVES } from './activationGrad.js';
import { avgPoolGradValues } from './avgPoolGrad.js';

/** avgPoolGrad, then the activation's derivative at y applied in place (the same roundings as the two kernels). */
export const fusedAvgPoolGrad: KernelFn<'fusedAvgPoolGrad', CpuBackend> = (backend, { dy, y }, { activation, ...pool }) =>
  backend.store(fusedAvgPoolGradValues(backend, dy, y, pool, activation), 'float32');

/** The fused kernel's values: the gradient at the pool's input (a fused conv's output y). */
export function fusedAvgPoolGradValues(
  backend: CpuBackend,
  dy: TensorInfo,
  y: TensorInfo,
  pool: Pool2dAttrs,
  activation: FusedActivation,
): Float32Array {
  const dx = avgPoolGradValues(backend, dy, y.shape, pool);
  DERIVATIVES[activation](dx, backend.floats(y), dx, dx.length);
  return dx;
}
