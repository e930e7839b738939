import type { KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { applyBiasActivation } from './util/activation.js';
import { batchMatMul } from './util/matmul.js';

export const fusedMatMul: KernelFn<'fusedMatMul', CpuBackend> = (backend, { a, b, bias }, attrs, out) => {
  const y = batchMatMul(backend.floats(a), a.shape, backend.floats(b), b.shape, attrs.transposeA, attrs.transposeB, out.shape);
  applyBiasActivation(y, out.shape[2], bias === undefined ? undefined : backend.floats(bias), attrs.activation);
  return backend.store(y, 'float32');
};
