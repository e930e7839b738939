import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { batchMatMul } from './util/matmul.js';

/** matMul with bias add and activation in the GEMM's epilogue: one dispatch, no intermediate. */
export const fusedMatMul: KernelFn<'fusedMatMul', WebGpuBackend> = (backend, { a, b, bias }, attrs, out) => {
  const y = backend.output(out);
  batchMatMul(backend, a, b, attrs.transposeA, attrs.transposeB, y.buffer, out.shape, bias, attrs.activation);
  return y.dataId;
};
