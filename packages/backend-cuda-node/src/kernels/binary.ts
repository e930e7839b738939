import { BINARY_CODES, type KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { broadcastLayout, stridedInts } from '../strides.js';
import { isIntStored } from './util.js';

export const binary: KernelFn<'binary', CudaBackend> = (backend, { a, b }, { op }, out) => {
  const y = backend.output(out);
  const layout = broadcastLayout(out.shape, [a.shape, b.shape]);
  backend.run('binary', [backend.handle(a), backend.handle(b), y.handle], [BINARY_CODES[op], isIntStored(a.dtype), ...stridedInts(layout)]);
  return y;
};
