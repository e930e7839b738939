import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { matMulInts } from './matMul.js';
import { activationCode } from './util.js';

/** Bias and activation applied as the GEMM writes its tile. */
export const fusedMatMul: KernelFn<'fusedMatMul', CudaBackend> = (backend, { a, b, bias }, { transposeA, transposeB, activation }, out) => {
  const y = backend.output(out);
  backend.run(
    'matMul',
    [backend.handle(a), backend.handle(b), bias === undefined ? 0 : backend.handle(bias), y.handle],
    [...matMulInts(a, b, out, transposeA, transposeB), activationCode(activation), 0],
  );
  return y;
};
