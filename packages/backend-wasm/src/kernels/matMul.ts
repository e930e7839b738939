import { DTypeError, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { floatMatMul, intMatMul } from './util/gemm.js';

export const matMul: KernelFn<'matMul', WasmBackend> = (backend, { a, b }, { transposeA, transposeB }, out) => {
  if (out.dtype === 'int32') return intMatMul(backend, a, b, transposeA, transposeB, out.shape);
  if (out.dtype !== 'float32') throw new DTypeError(`matMul: operands must be float32 or int32, got ${out.dtype}`);
  return floatMatMul(backend, a, b, undefined, transposeA, transposeB, 'linear', out.shape);
};
