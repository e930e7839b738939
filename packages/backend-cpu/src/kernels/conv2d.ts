import type { KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { convForward, convGeometry } from './util/conv.js';

export const conv2d: KernelFn<'conv2d', CpuBackend> = (backend, { x, filter }, attrs, out) => {
  const g = convGeometry(x.shape, filter.shape, out.shape, attrs);
  return backend.store(convForward(backend.floats(x), backend.floats(filter), g), 'float32');
};
