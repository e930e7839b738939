/**
 * Host side of the wasm GEMM: operand strides for transposes, per-thread scratch, and the split
 * into units of rows. Units are small enough to balance two threads; a share carries at least
 * MIN_FLOPS_PER_THREAD (split.ts).
 */
import { FUSED_ACTIVATION_CODES, type FusedActivation, type TensorInfo } from '@tensile/core';
import type { WasmBackend } from '../../backend.js';
import { GEMM_PARAMS } from '../../param-layouts.js';
import { MIN_FLOPS_PER_THREAD } from './split.js';
import type { WasmData } from '../../storage.js';

/** Bytes of B packed into 8-column panels (assembly/gemm.ts packedBytes). */
export function packedBytes(k: number, n: number): number {
  return Math.ceil(n / 8) * k * 32;
}

/** Rounds scratch strides to cache lines so threads never share one. */
export function lineAlign(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

const ROWS_PER_UNIT = 16;

/** y = act(op(a) * op(b) + bias) for rank-3 float operands; a batch of 1 broadcasts. */
export function floatMatMul(
  backend: WasmBackend,
  a: TensorInfo,
  b: TensorInfo,
  bias: TensorInfo | undefined,
  transposeA: boolean,
  transposeB: boolean,
  activation: FusedActivation,
  outShape: readonly number[],
): WasmData {
  const [batch, m, n] = outShape;
  const k = transposeA ? a.shape[1] : a.shape[2];
  const y = backend.allocData(batch * m * n, 'float32');
  if (batch * m * n === 0) return y;
  const stride = lineAlign(packedBytes(k, n));
  const unitsPerBatch = Math.ceil(m / ROWS_PER_UNIT);
  const unitFlops = 2 * ROWS_PER_UNIT * n * Math.max(k, 1);
  const shares = backend.shares(batch * unitsPerBatch, Math.ceil(MIN_FLOPS_PER_THREAD / unitFlops));
  const scratch = backend.alloc(stride * shares);
  const p = backend.params(GEMM_PARAMS, {
    m,
    n,
    k,
    a: backend.ptr(a),
    ars: transposeA ? 1 : k,
    aks: transposeA ? m : 1,
    b: backend.ptr(b),
    brs: transposeB ? 1 : n,
    bcs: transposeB ? k : 1,
    c: y.ptr,
    ldc: n,
    aBatch: a.shape[0] === 1 ? 0 : m * k,
    bBatch: b.shape[0] === 1 ? 0 : n * k,
    cBatch: m * n,
    bias: bias === undefined ? 0 : backend.ptr(bias),
    act: FUSED_ACTIVATION_CODES[activation],
    scratch,
    scratchStride: stride,
    rowsPerUnit: ROWS_PER_UNIT,
    unitsPerBatch,
  });
  backend.runShares('matmul', p, batch * unitsPerBatch, shares);
  backend.release(scratch, stride * shares);
  return y;
}

/** int32 matmul with wrap-around products, as TensorFlow; rare, so a direct loop over the heap. */
export function intMatMul(
  backend: WasmBackend,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  outShape: readonly number[],
): WasmData {
  const [batch, m, n] = outShape;
  const k = transposeA ? a.shape[1] : a.shape[2];
  const out = backend.allocData(batch * m * n, 'int32');
  const av = backend.ints(a);
  const bv = backend.ints(b);
  const y = backend.view(out);
  // Element strides of A[i, p] and B[p, j] as stored.
  const [ai, ap] = transposeA ? [1, m] : [k, 1];
  const [bp, bj] = transposeB ? [1, k] : [n, 1];
  for (let t = 0; t < batch; t++) {
    const aOff = a.shape[0] === 1 ? 0 : t * m * k;
    const bOff = b.shape[0] === 1 ? 0 : t * n * k;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) s = (s + Math.imul(av[aOff + i * ai + q * ap], bv[bOff + q * bp + j * bj])) | 0;
        y[(t * m + i) * n + j] = s;
      }
    }
  }
  return out;
}
