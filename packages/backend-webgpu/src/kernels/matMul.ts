import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { batchMatMul } from './util/matmul.js';

export const matMul: KernelFn<'matMul', WebGpuBackend> = (backend, { a, b }, { transposeA, transposeB }, out) => {
  const y = backend.output(out);
  batchMatMul(backend, a, b, transposeA, transposeB, y.buffer, out.shape);
  return y.dataId;
};
