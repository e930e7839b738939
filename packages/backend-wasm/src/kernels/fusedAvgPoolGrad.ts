import { FUSED_ACTIVATION_CODES, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { leaveChannelSums } from './util/bias-companion.js';
import { runPool } from './util/pool.js';

/**
 * avgPoolGrad and the activation's derivative at y in one walk over each image (assembly/pool.ts).
 * With whole vectors of channels, the walk also sums each image per channel and leaves the sums
 * for the bias gradient that reads this output next (util/bias-companion.ts).
 */
export const fusedAvgPoolGrad: KernelFn<'fusedAvgPoolGrad', WasmBackend> = (backend, { dy, y }, { activation, ...pool }, out) => {
  const c = y.shape[3];
  const sums = c % 4 === 0 && c > 0 ? new Float32Array(c) : undefined;
  const dx = runPool(
    backend,
    'fusedAvgPoolGrad',
    y.shape,
    dy.shape,
    pool,
    { x: 0, dy: backend.ptr(dy), activation: { y: backend.ptr(y), code: FUSED_ACTIVATION_CODES[activation] } },
    out.shape,
    sums,
  );
  if (sums) leaveChannelSums(backend, dx, sums);
  return dx;
};
