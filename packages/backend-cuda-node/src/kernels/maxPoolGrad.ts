import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { poolInts } from './util.js';

export const maxPoolGrad: KernelFn<'maxPoolGrad', CudaBackend> = (backend, { dy, x }, attrs, out) => {
  const dx = backend.output(out);
  backend.run('maxPoolGrad', [backend.handle(dy), backend.handle(x), dx.handle], poolInts(x.shape, dy.shape, attrs));
  return dx;
};
