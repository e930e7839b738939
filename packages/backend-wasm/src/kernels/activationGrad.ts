import { FUSED_ACTIVATION_CODES, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { ACTIVATION_GRAD_PARAMS } from '../param-layouts.js';
import { MIN_ELEMENTS_PER_THREAD } from './util/split.js';

/** dy * f'(x) from y = f(x) in one SIMD pass (assembly/elementwise.ts), split over threads. */
export const activationGrad: KernelFn<'activationGrad', WasmBackend> = (backend, { dy, y }, { activation }, out) => {
  const size = sizeFromShape(out.shape);
  const g = backend.allocData(size, 'float32');
  const p = backend.params(ACTIVATION_GRAD_PARAMS, {
    act: FUSED_ACTIVATION_CODES[activation],
    dy: backend.ptr(dy),
    y: backend.ptr(y),
    out: g.ptr,
  });
  backend.run('activationGrad', p, size, MIN_ELEMENTS_PER_THREAD);
  return g;
};
