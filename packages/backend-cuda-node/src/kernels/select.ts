import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { broadcastLayout, stridedInts } from '../strides.js';

export const select: KernelFn<'select', CudaBackend> = (backend, { condition, a, b }, _attrs, out) => {
  const y = backend.output(out);
  const layout = broadcastLayout(out.shape, [condition.shape, a.shape, b.shape]);
  backend.run('select', [backend.handle(condition), backend.handle(a), backend.handle(b), y.handle], stridedInts(layout));
  return y;
};
