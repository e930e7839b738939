import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { convInts } from './util.js';

export const conv2dBackpropFilter: KernelFn<'conv2dBackpropFilter', CudaBackend> = (backend, { x, dy }, attrs, out) => {
  const df = backend.output(out);
  backend.run(
    'conv2dBackpropFilter',
    [backend.handle(x), backend.handle(dy), df.handle],
    convInts(x.shape, attrs.filterShape, dy.shape, attrs),
  );
  return df;
};
