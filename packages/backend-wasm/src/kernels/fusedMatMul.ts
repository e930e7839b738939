import type { KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { floatMatMul } from './util/gemm.js';

/** Bias and activation are applied to each tile while it is still in cache. */
export const fusedMatMul: KernelFn<'fusedMatMul', WasmBackend> = (backend, { a, b, bias }, attrs, out) =>
  floatMatMul(backend, a, b, bias, attrs.transposeA, attrs.transposeB, attrs.activation, out.shape);
