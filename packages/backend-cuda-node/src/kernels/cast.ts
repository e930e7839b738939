import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { dtypeCode, sizeOf } from './util.js';

/** float32 -> int32 truncates toward zero and wraps (ToInt32); anything -> bool is `!= 0`. */
export const cast: KernelFn<'cast', CudaBackend> = (backend, { x }, { dtype }, out) => {
  const y = backend.output(out);
  backend.run('cast', [backend.handle(x), y.handle], [sizeOf(out.shape), dtypeCode(x.dtype), dtypeCode(dtype)]);
  return y;
};
