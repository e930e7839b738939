import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { poolGradProgram } from '../shaders/pool.js';
import { poolUniforms } from './util/pool.js';

/** Each dy goes to the first maximum of its window (row-major), recomputed from x. */
export const maxPoolGrad: KernelFn<'maxPoolGrad', WebGpuBackend> = (backend, { dy, x }, attrs, out) => {
  const dx = backend.output(out);
  const size = sizeFromShape(out.shape);
  if (size > 0) {
    const buffers = [dx.buffer, backend.buffer(dy), backend.buffer(x)];
    backend.run(poolGradProgram('max'), buffers, poolUniforms(size, x.shape, dy.shape, attrs), linearGroups(size));
  }
  return dx.dataId;
};
