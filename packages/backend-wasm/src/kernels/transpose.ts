import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { permuteInto } from './util/permute.js';

export const transpose: KernelFn<'transpose', WasmBackend> = (backend, { x }, { perm }, out) => {
  const y = backend.allocData(sizeFromShape(out.shape), out.dtype);
  const src = backend.values(x);
  const dst = backend.view(y);
  if (x.shape.length === 2 && perm[0] === 1) {
    transpose2d(src, x.shape[0], x.shape[1], dst);
    return y;
  }
  permuteInto(src, dst, x.shape, perm);
  return y;
};

/** Matrices (weights, dense-layer gradients) go in cache-sized tiles, which keeps both sides in cache. */
function transpose2d(src: ArrayLike<number>, rows: number, cols: number, dst: { [i: number]: number }): void {
  const TILE = 32;
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(r0 + TILE, rows);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const c1 = Math.min(c0 + TILE, cols);
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) dst[c * rows + r] = src[r * cols + c];
      }
    }
  }
}
