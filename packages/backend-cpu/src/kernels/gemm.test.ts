import { describe, expect, it } from 'vitest';
import { gemm } from './util/gemm.js';

/** Deterministic values in [-1, 1) so failures reproduce. */
function randomArray(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** C = A * B with A [m, k] and B [k, n], both row-major, in doubles. */
function naive(m: number, n: number, k: number, a: Float32Array, b: Float32Array): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
  }
  return c;
}

function transposed(b: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(b.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = b[r * cols + c];
  return t;
}

function maxError(got: Float32Array, want: Float64Array): number {
  let e = 0;
  for (let i = 0; i < want.length; i++) e = Math.max(e, Math.abs(got[i] - want[i]));
  return e;
}

describe('gemm', () => {
  // Odd sizes exercise every remainder path (rows % 4, cols % 2); k > 256 crosses a k-block.
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [3, 1, 5],
    [4, 2, 7],
    [5, 3, 1],
    [7, 9, 13],
    [17, 31, 29],
    [33, 5, 300],
    [9, 10, 513],
    [4, 4, 0],
  ];
  for (const [m, n, k] of sizes) {
    it(`matches a naive triple loop at m=${m} n=${n} k=${k}`, () => {
      const a = randomArray(m * k, m * 7 + k);
      const b = randomArray(k * n, n * 13 + k);
      const c = new Float32Array(m * n).fill(NaN);
      gemm(m, n, k, a, 0, k, transposed(b, k, n), 0, k, c, 0, n, false);
      expect(maxError(c, naive(m, n, k, a, b))).toBeLessThan(1e-5 * Math.max(1, Math.sqrt(k)));
    });
  }

  it('accumulates into C and honours offsets and leading dimensions', () => {
    const [m, n, k] = [6, 5, 11];
    const lda = k + 3;
    const ldb = k + 2;
    const ldc = n + 4;
    const a = randomArray(2 + m * lda, 1);
    const bt = randomArray(1 + n * ldb, 2);
    const c = randomArray(3 + m * ldc, 3);
    const before = c.slice();
    gemm(m, n, k, a, 2, lda, bt, 1, ldb, c, 3, ldc, true);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = before[3 + i * ldc + j];
        for (let p = 0; p < k; p++) s += a[2 + i * lda + p] * bt[1 + j * ldb + p];
        expect(c[3 + i * ldc + j]).toBeCloseTo(s, 5);
      }
      // Padding columns of C past n are left alone.
      for (let j = n; j < ldc && 3 + i * ldc + j < c.length; j++) expect(c[3 + i * ldc + j]).toBe(before[3 + i * ldc + j]);
    }
  });
});
