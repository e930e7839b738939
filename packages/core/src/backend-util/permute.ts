/** Moving elements between typed arrays: plain copies, dimension permutations, matrix transposes. */
import type { BackendValues } from '../dtype.js';
import { sizeFromShape, stridesOf, type Shape } from '../shape.js';

/** Copies `len` elements; `set` wins for long rows, a plain loop for short ones (call overhead). */
export function copyRun(src: BackendValues, s: number, dst: BackendValues, d: number, len: number): void {
  if (len >= 32) {
    dst.set(src.subarray(s, s + len), d);
  } else {
    for (let i = 0; i < len; i++) dst[d + i] = src[s + i];
  }
}

/** Row-major copy of `src` (of `shape`) into `dst` with dimensions reordered: out dim i is in dim perm[i]. */
export function permuteInto(src: BackendValues, dst: BackendValues, shape: Shape, perm: readonly number[]): void {
  const size = sizeFromShape(shape);
  const rank = shape.length;
  if (size === 0) return;
  if (rank === 0 || perm.every((p, i) => p === i)) {
    dst.set(src.subarray(0, size));
    return;
  }
  const inStrides = stridesOf(shape);
  const dims = perm.map((p) => shape[p]);
  const steps = perm.map((p) => inStrides[p]);
  const inner = rank - 1;
  const len = dims[inner];
  const step = steps[inner];
  const counter = new Array<number>(inner).fill(0);
  let si = 0;
  for (let o = 0; o < size; o += len) {
    for (let i = 0, s = si; i < len; i++, s += step) dst[o + i] = src[s];
    for (let d = inner - 1; d >= 0; d--) {
      si += steps[d];
      if (++counter[d] < dims[d]) break;
      si -= steps[d] * dims[d];
      counter[d] = 0;
    }
  }
}

/**
 * Transposes a rows x cols matrix into `dst` (cols x rows) in cache-sized tiles, which keeps
 * both sides in cache; matrices (weights, dense-layer gradients) are the common transposes.
 */
export function transpose2d(
  src: BackendValues,
  srcOffset: number,
  rows: number,
  cols: number,
  dst: BackendValues,
  dstOffset: number,
): void {
  const TILE = 32;
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(r0 + TILE, rows);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const c1 = Math.min(c0 + TILE, cols);
      for (let r = r0; r < r1; r++) {
        const s = srcOffset + r * cols;
        for (let c = c0; c < c1; c++) dst[dstOffset + c * rows + r] = src[s + c];
      }
    }
  }
}
