import { sizeFromShape, stridesOf, type BackendValues, type Shape } from '@tensile/core';

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

/** Copies `len` elements; `set` wins for long rows, a plain loop for short ones. */
export function copyRun(src: BackendValues, s: number, dst: BackendValues, d: number, len: number): void {
  if (len >= 32) {
    dst.set(src.subarray(s, s + len), d);
  } else {
    for (let i = 0; i < len; i++) dst[d + i] = src[s + i];
  }
}
