import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { contiguousStrides, mergeStrided, stridedInts } from '../strides.js';

export const slice: KernelFn<'slice', CudaBackend> = (backend, { x }, { begin, size }, out) => {
  const y = backend.output(out);
  const strides = contiguousStrides(x.shape);
  const base = begin.reduce((s, b, d) => s + b * strides[d], 0);
  backend.run('slice', [backend.handle(x), y.handle], [...stridedInts(mergeStrided(size, [strides])), base]);
  return y;
};
