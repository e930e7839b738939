import type { KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { permuteInto } from './util/layout.js';

export const transpose: KernelFn<'transpose', WebGpuBackend> = (backend, { x }, { perm }, out) => {
  const y = backend.output(out);
  permuteInto(backend, backend.buffer(x), x.shape, perm, y.buffer);
  return y.dataId;
};
