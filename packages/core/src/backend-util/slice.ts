import type { BackendValues } from '../dtype.js';
import { sizeFromShape, stridesOf, type Shape } from '../shape.js';
import { copyRun } from './permute.js';

/** Writes the block of `src` (of `shape`) starting at `begin` and `size` long into `dst`. */
export function sliceInto(src: BackendValues, shape: Shape, begin: readonly number[], size: readonly number[], dst: BackendValues): void {
  const total = sizeFromShape(size);
  if (total === 0) return;
  const strides = stridesOf(shape);
  // Trailing dimensions taken whole are one contiguous run in both arrays: copy them at once.
  let split = shape.length;
  while (split > 0 && begin[split - 1] === 0 && size[split - 1] === shape[split - 1]) split--;
  const rank = Math.max(split, 1) - 1;
  const len = total / sizeFromShape(size.slice(0, rank));
  let s = 0;
  for (let d = 0; d < shape.length; d++) s += begin[d] * strides[d];
  const counter = new Array<number>(rank).fill(0);
  for (let o = 0; o < total; o += len) {
    copyRun(src, s, dst, o, len);
    for (let d = rank - 1; d >= 0; d--) {
      s += strides[d];
      if (++counter[d] < size[d]) break;
      s -= strides[d] * size[d];
      counter[d] = 0;
    }
  }
}
