import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { poolInts } from './util.js';

export const maxPool: KernelFn<'maxPool', CudaBackend> = (backend, { x }, attrs, out) => {
  const y = backend.output(out);
  backend.run('maxPool', [backend.handle(x), y.handle], poolInts(x.shape, out.shape, attrs));
  return y;
};
