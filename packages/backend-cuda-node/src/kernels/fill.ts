import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { sizeOf, wordOf } from './util.js';

export const fill: KernelFn<'fill', CudaBackend> = (backend, _inputs, { value, dtype }, out) => {
  const y = backend.output(out);
  backend.run('fill', [y.handle], [sizeOf(out.shape), wordOf(value, dtype)]);
  return y;
};
