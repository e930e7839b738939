import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

/**
 * float32 -> int32 truncates toward zero (the Int32Array store does it); anything -> bool is
 * `!= 0`. The engine also calls this with the same dtype to copy storage before an in-place update.
 */
export const cast: KernelFn<'cast', WasmBackend> = (backend, { x }, { dtype }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.allocData(size, dtype);
  const src = backend.values(x);
  const dst = backend.view(y);
  if (dtype === 'bool') {
    for (let i = 0; i < size; i++) dst[i] = src[i] !== 0 ? 1 : 0;
  } else {
    dst.set(src.subarray(0, size));
  }
  return y;
};
