import { ArgumentError, backendUtil, makeTypedArray, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/** Out-of-range indices throw rather than clamp or zero-fill, so a bad label never trains silently. */
export const gather: KernelFn<'gather', CpuBackend> = (backend, { x, indices }, { axis }, out) => {
  const src = backend.values(x);
  const idx = backend.ints(indices);
  const count = sizeFromShape(indices.shape);
  const axisLen = x.shape[axis];
  for (let i = 0; i < count; i++) {
    const v = idx[i];
    if (v < 0 || v >= axisLen) {
      throw new ArgumentError(
        `gather: index ${v} (at position ${i}) is out of range [0, ${axisLen}) for axis ${axis} of shape [${x.shape.join(', ')}]`,
      );
    }
  }
  const outer = sizeFromShape(x.shape.slice(0, axis));
  const inner = sizeFromShape(x.shape.slice(axis + 1));
  const dst = makeTypedArray(out.dtype, sizeFromShape(out.shape));
  for (let o = 0, d = 0; o < outer; o++) {
    for (let i = 0; i < count; i++, d += inner) backendUtil.copyRun(src, (o * axisLen + idx[i]) * inner, dst, d, inner);
  }
  return backend.store(dst, out.dtype);
};
