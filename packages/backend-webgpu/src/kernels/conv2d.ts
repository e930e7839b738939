import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { runConv2d } from './util/conv-forward.js';

export const conv2d: KernelFn<'conv2d', WebGpuBackend> = (backend, { x, filter }, attrs, out) => {
  const y = backend.output(out);
  runConv2d(backend, x, filter, attrs, out.shape, y.buffer);
  return y.dataId;
};
