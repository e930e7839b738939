import { UNARY_CODES, type KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { isIntStored, sizeOf } from './util.js';

export const unary: KernelFn<'unary', CudaBackend> = (backend, { x }, { op, alpha }, out) => {
  const y = backend.output(out);
  backend.run('unary', [backend.handle(x), y.handle], [sizeOf(out.shape), UNARY_CODES[op], isIntStored(x.dtype)], [alpha]);
  return y;
};
