import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { sizeOf } from './util.js';

export const logSoftmax: KernelFn<'logSoftmax', CudaBackend> = (backend, { x }, _attrs, out) => {
  const y = backend.output(out);
  const cols = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1];
  const size = sizeOf(x.shape);
  backend.run('logSoftmax', [backend.handle(x), y.handle], [cols === 0 ? 0 : size / cols, cols]);
  return y;
};
