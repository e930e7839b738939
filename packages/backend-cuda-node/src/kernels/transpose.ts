import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { stridedInts, transposeLayout } from '../strides.js';

export const transpose: KernelFn<'transpose', CudaBackend> = (backend, { x }, { perm }, out) => {
  const y = backend.output(out);
  backend.run('transpose', [backend.handle(x), y.handle], stridedInts(transposeLayout(x.shape, perm)));
  return y;
};
