import type { BackendValues } from '@tensile/core';

/** Copies `len` elements; `set` wins for long rows, a plain loop for short ones (call overhead). */
export function copyRun(src: BackendValues, s: number, dst: BackendValues, d: number, len: number): void {
  if (len >= 32) {
    dst.set(src.subarray(s, s + len), d);
  } else {
    for (let i = 0; i < len; i++) dst[d + i] = src[s + i];
  }
}
