import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { activationCode, convInts } from './util.js';

export const conv2d: KernelFn<'conv2d', CudaBackend> = (backend, { x, filter }, attrs, out) => {
  const y = backend.output(out);
  backend.run(
    'conv2d',
    [backend.handle(x), backend.handle(filter), 0, y.handle],
    [...convInts(x.shape, filter.shape, out.shape, attrs), activationCode('linear')],
  );
  return y;
};
