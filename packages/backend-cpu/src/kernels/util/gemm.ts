/**
 * The one matrix-multiply routine every linear kernel (matMul, conv2d and its gradients) ends in.
 *
 * C[m x n] (+)= A[m x k] * B[k x n], with A given row-major (row stride lda) and B given
 * TRANSPOSED, as bt[n x k] (row stride ldb). Both operands are then read along k contiguously, and
 * each 4x2 block of C is computed in eight scalar accumulators that V8 keeps in registers: per
 * step, six loads feed eight multiply-adds. The k dimension is cut into blocks so the four rows
 * of A stay in L1 while every column of B streams past them. Sums are kept in doubles.
 */
const KC = 256;

export function gemm(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  bt: Float32Array,
  btOff: number,
  ldb: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
  accumulate: boolean,
): void {
  if (k === 0) {
    if (!accumulate) for (let i = 0; i < m; i++) c.fill(0, cOff + i * ldc, cOff + i * ldc + n);
    return;
  }
  for (let k0 = 0; k0 < k; k0 += KC) {
    const kl = Math.min(KC, k - k0);
    const add = accumulate || k0 > 0;
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const a0 = aOff + i * lda + k0;
      const a1 = a0 + lda;
      const a2 = a1 + lda;
      const a3 = a2 + lda;
      const c0 = cOff + i * ldc;
      const c1 = c0 + ldc;
      const c2 = c1 + ldc;
      const c3 = c2 + ldc;
      let j = 0;
      for (; j + 2 <= n; j += 2) {
        const b0 = btOff + j * ldb + k0;
        const b1 = b0 + ldb;
        let s00 = 0,
          s01 = 0,
          s10 = 0,
          s11 = 0,
          s20 = 0,
          s21 = 0,
          s30 = 0,
          s31 = 0;
        for (let p = 0; p < kl; p++) {
          const y0 = bt[b0 + p];
          const y1 = bt[b1 + p];
          const x0 = a[a0 + p];
          s00 += x0 * y0;
          s01 += x0 * y1;
          const x1 = a[a1 + p];
          s10 += x1 * y0;
          s11 += x1 * y1;
          const x2 = a[a2 + p];
          s20 += x2 * y0;
          s21 += x2 * y1;
          const x3 = a[a3 + p];
          s30 += x3 * y0;
          s31 += x3 * y1;
        }
        if (add) {
          c[c0 + j] += s00;
          c[c0 + j + 1] += s01;
          c[c1 + j] += s10;
          c[c1 + j + 1] += s11;
          c[c2 + j] += s20;
          c[c2 + j + 1] += s21;
          c[c3 + j] += s30;
          c[c3 + j + 1] += s31;
        } else {
          c[c0 + j] = s00;
          c[c0 + j + 1] = s01;
          c[c1 + j] = s10;
          c[c1 + j + 1] = s11;
          c[c2 + j] = s20;
          c[c2 + j + 1] = s21;
          c[c3 + j] = s30;
          c[c3 + j + 1] = s31;
        }
      }
      if (j < n) {
        const b0 = btOff + j * ldb + k0;
        let s0 = 0,
          s1 = 0,
          s2 = 0,
          s3 = 0;
        for (let p = 0; p < kl; p++) {
          const y = bt[b0 + p];
          s0 += a[a0 + p] * y;
          s1 += a[a1 + p] * y;
          s2 += a[a2 + p] * y;
          s3 += a[a3 + p] * y;
        }
        if (add) {
          c[c0 + j] += s0;
          c[c1 + j] += s1;
          c[c2 + j] += s2;
          c[c3 + j] += s3;
        } else {
          c[c0 + j] = s0;
          c[c1 + j] = s1;
          c[c2 + j] = s2;
          c[c3 + j] = s3;
        }
      }
    }
    for (; i < m; i++) {
      const a0 = aOff + i * lda + k0;
      const c0 = cOff + i * ldc;
      for (let j = 0; j < n; j++) {
        const b0 = btOff + j * ldb + k0;
        let s = 0;
        for (let p = 0; p < kl; p++) s += a[a0 + p] * bt[b0 + p];
        c[c0 + j] = add ? c[c0 + j] + s : s;
      }
    }
  }
}
