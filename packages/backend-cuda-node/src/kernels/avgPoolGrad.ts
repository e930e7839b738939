import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { poolInts } from './util.js';

export const avgPoolGrad: KernelFn<'avgPoolGrad', CudaBackend> = (backend, { dy, x }, attrs, out) => {
  const dx = backend.output(out);
  backend.run('avgPoolGrad', [backend.handle(dy), dx.handle], poolInts(x.shape, dy.shape, attrs));
  return dx;
};
