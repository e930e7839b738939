import { ArgumentError, backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

/** Out-of-range indices throw rather than clamp or zero-fill, so a bad label never trains silently. */
export const gather: KernelFn<'gather', WasmBackend> = (backend, { x, indices }, { axis }, out) => {
  const count = sizeFromShape(indices.shape);
  const axisLen = x.shape[axis];
  const idx = backend.ints(indices);
  for (let i = 0; i < count; i++) {
    const v = idx[i];
    if (v < 0 || v >= axisLen) {
      throw new ArgumentError(
        `gather: index ${v} (at position ${i}) is out of range [0, ${axisLen}) for axis ${axis} of shape [${x.shape.join(', ')}]`,
      );
    }
  }
  const y = backend.allocData(sizeFromShape(out.shape), out.dtype);
  const src = backend.values(x);
  const ids = backend.ints(indices);
  const dst = backend.view(y);
  const outer = sizeFromShape(x.shape.slice(0, axis));
  const inner = sizeFromShape(x.shape.slice(axis + 1));
  for (let o = 0, d = 0; o < outer; o++) {
    for (let i = 0; i < count; i++, d += inner) backendUtil.copyRun(src, (o * axisLen + ids[i]) * inner, dst, d, inner);
  }
  return y;
};
