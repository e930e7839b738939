/**
 * Per-share f64 sums that kernels leave in the heap (a bias gradient's, per channel): `count`
 * doubles at `ptr` + s * `strideBytes` for share s. Added up in share order, whichever thread ran
 * each share, so results are the same from run to run; written to `out` as float32.
 */
import type { WasmBackend } from '../../backend.js';

export function addShareSums(
  backend: WasmBackend,
  ptr: number,
  strideBytes: number,
  shares: number,
  count: number,
  out: Float32Array,
): void {
  const f64 = backend.views.f64;
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (let s = 0; s < shares; s++) sum += f64[(ptr + s * strideBytes) / 8 + i];
    out[i] = sum;
  }
}
