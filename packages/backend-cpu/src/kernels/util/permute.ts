import { makeTypedArray, sizeFromShape, stridesOf, type BackendValues, type DType, type Shape } from '@tensile/core';

/** Row-major copy of `src` (of `shape`) with its dimensions reordered: out dim i is in dim perm[i]. */
export function permute(src: BackendValues, dtype: DType, shape: Shape, perm: readonly number[]): BackendValues {
  const size = sizeFromShape(shape);
  const dst = makeTypedArray(dtype, size);
  const rank = shape.length;
  if (size === 0) return dst;
  if (rank === 0 || perm.every((p, i) => p === i)) {
    dst.set(src.subarray(0, size));
    return dst;
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
  return dst;
}

/** Transposes a rows x cols float matrix into `dst` (cols x rows), in cache-sized tiles. */
export function transpose2d(
  src: Float32Array, srcOffset: number, rows: number, cols: number,
  dst: Float32Array, dstOffset: number,
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
