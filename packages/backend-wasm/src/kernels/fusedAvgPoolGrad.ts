import { FUSED_ACTIVATION_CODES, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { runPool } from './util/pool.js';

/** avgPoolGrad and the activation's derivative at y in one walk over each image (assembly/pool.ts). */
export const fusedAvgPoolGrad: KernelFn<'fusedAvgPoolGrad', WasmBackend> = (backend, { dy, y }, { activation, ...pool }, out) =>
  runPool(
    backend,
    'fusedAvgPoolGrad',
    y.shape,
    dy.shape,
    pool,
    { x: 0, dy: backend.ptr(dy), activation: { y: backend.ptr(y), code: FUSED_ACTIVATION_CODES[activation] } },
    out.shape,
  );
