import { backendUtil, type Shape } from '@tensile/core';
import { gemm } from './gemm.js';

/** Transposes each [rows, cols] matrix of a batch. */
function transposeBatch(src: Float32Array, batch: number, rows: number, cols: number): Float32Array {
  const dst = new Float32Array(src.length);
  for (let i = 0; i < batch; i++) backendUtil.transpose2d(src, i * rows * cols, rows, cols, dst, i * rows * cols);
  return dst;
}

/**
 * Batched float matmul of rank-3 operands; a batch of 1 broadcasts. Operands are packed into the
 * layout gemm reads (A as [m, k], B as [n, k]), which costs one pass over each operand at most.
 */
export function batchMatMul(
  a: Float32Array,
  aShape: Shape,
  b: Float32Array,
  bShape: Shape,
  transposeA: boolean,
  transposeB: boolean,
  outShape: Shape,
): Float32Array {
  const [batch, m, n] = outShape;
  const k = transposeA ? aShape[1] : aShape[2];
  const ap = transposeA ? transposeBatch(a, aShape[0], aShape[1], aShape[2]) : a;
  const bt = transposeB ? b : transposeBatch(b, bShape[0], bShape[1], bShape[2]);
  const y = new Float32Array(batch * m * n);
  for (let i = 0; i < batch; i++) {
    const aOff = aShape[0] === 1 ? 0 : i * m * k;
    const bOff = bShape[0] === 1 ? 0 : i * n * k;
    gemm(m, n, k, ap, aOff, k, bt, bOff, k, y, i * m * n, n, false);
  }
  return y;
}

/** int32 matmul with wrap-around products, as TensorFlow; rare, so a direct loop. */
export function batchMatMulInt(
  a: Int32Array,
  aShape: Shape,
  b: Int32Array,
  bShape: Shape,
  transposeA: boolean,
  transposeB: boolean,
  outShape: Shape,
): Int32Array {
  const [batch, m, n] = outShape;
  const k = transposeA ? aShape[1] : aShape[2];
  // Element strides of A[i, p] and B[p, j] as stored.
  const [ai, ap] = transposeA ? [1, m] : [k, 1];
  const [bp, bj] = transposeB ? [1, k] : [n, 1];
  const y = new Int32Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    const aOff = aShape[0] === 1 ? 0 : t * m * k;
    const bOff = bShape[0] === 1 ? 0 : t * n * k;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s = (s + Math.imul(a[aOff + i * ai + p * ap], b[bOff + p * bp + j * bj])) | 0;
        y[(t * m + i) * n + j] = s;
      }
    }
  }
  return y;
}
