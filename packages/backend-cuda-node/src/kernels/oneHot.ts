import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { isIntStored, sizeOf } from './util.js';

export const oneHot: KernelFn<'oneHot', CudaBackend> = (backend, { indices }, { depth, onValue, offValue, dtype }, out) => {
  const y = backend.output(out);
  backend.run('oneHot', [backend.handle(indices), y.handle], [sizeOf(indices.shape), depth, isIntStored(dtype)], [onValue, offValue]);
  return y;
};
