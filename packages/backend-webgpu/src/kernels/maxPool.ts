import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { poolProgram } from '../shaders/pool.js';
import { poolUniforms } from './util/pool.js';

export const maxPool: KernelFn<'maxPool', WebGpuBackend> = (backend, { x }, attrs, out) => {
  const y = backend.output(out);
  const size = sizeFromShape(out.shape);
  if (size > 0) backend.run(poolProgram('max'), [y.buffer, backend.buffer(x)], poolUniforms(size, x.shape, out.shape, attrs), linearGroups(size));
  return y.dataId;
};
