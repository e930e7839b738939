import type { KernelFn, TensorInfo } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { activationCode } from './util.js';

/** Ints for matMul.cu: rank-3 operands, a batch of 1 broadcast by a batch stride of 0. */
export function matMulInts(
  a: TensorInfo,
  b: TensorInfo,
  out: { readonly shape: readonly number[] },
  transposeA: boolean,
  transposeB: boolean,
): number[] {
  const [batch, m, n] = out.shape;
  const k = transposeA ? a.shape[1] : a.shape[2];
  const aStride = a.shape[0] === 1 ? 0 : m * k;
  const bStride = b.shape[0] === 1 ? 0 : k * n;
  return [batch, m, n, k, aStride, bStride, transposeA ? 1 : 0, transposeB ? 1 : 0];
}

export const matMul: KernelFn<'matMul', CudaBackend> = (backend, { a, b }, { transposeA, transposeB }, out) => {
  const y = backend.output(out);
  backend.run(
    'matMul',
    [backend.handle(a), backend.handle(b), 0, y.handle],
    [...matMulInts(a, b, out, transposeA, transposeB), activationCode('linear'), out.dtype === 'int32' ? 1 : 0],
  );
  return y;
};
