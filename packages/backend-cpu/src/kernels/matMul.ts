import type { KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { batchMatMul, batchMatMulInt } from './util/matmul.js';

export const matMul: KernelFn<'matMul', CpuBackend> = (backend, { a, b }, { transposeA, transposeB }, out) => {
  if (out.dtype === 'int32') {
    const y = batchMatMulInt(backend.ints(a), a.shape, backend.ints(b), b.shape, transposeA, transposeB, out.shape);
    return backend.store(y, 'int32');
  }
  const y = batchMatMul(backend.floats(a), a.shape, backend.floats(b), b.shape, transposeA, transposeB, out.shape);
  return backend.store(y, 'float32');
};
