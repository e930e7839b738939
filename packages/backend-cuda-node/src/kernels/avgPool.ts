import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { poolInts } from './util.js';

export const avgPool: KernelFn<'avgPool', CudaBackend> = (backend, { x }, attrs, out) => {
  const y = backend.output(out);
  backend.run('avgPool', [backend.handle(x), y.handle], poolInts(x.shape, out.shape, attrs));
  return y;
};
