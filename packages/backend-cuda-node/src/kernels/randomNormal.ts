import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { sizeOf } from './util.js';

export const randomNormal: KernelFn<'randomNormal', CudaBackend> = (backend, _inputs, { mean, stddev, seed }, out) => {
  const y = backend.output(out);
  backend.run('randomNormal', [y.handle], [sizeOf(out.shape), seed | 0], [mean, stddev]);
  return y;
};
