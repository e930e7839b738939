import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { convInts } from './util.js';

export const conv2dBackpropInput: KernelFn<'conv2dBackpropInput', CudaBackend> = (backend, { dy, filter }, attrs, out) => {
  const dx = backend.output(out);
  backend.run(
    'conv2dBackpropInput',
    [backend.handle(dy), backend.handle(filter), dx.handle],
    convInts(attrs.inputShape, filter.shape, dy.shape, attrs),
  );
  return dx;
};
