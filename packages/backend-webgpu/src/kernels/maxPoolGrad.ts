import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { poolGradProgram } from '../shaders/pool.js';
import { poolGradTiledProgram } from '../shaders/pool-grad-tiled.js';
import { poolUniforms, tiledPool } from './util/pool.js';

/** Each dy goes to the first maximum of its window (row-major), recomputed from x. */
export const maxPoolGrad: KernelFn<'maxPoolGrad', WebGpuBackend> = (backend, { dy, x }, attrs, out) => {
  const dx = backend.output(out);
  const size = sizeFromShape(out.shape);
  if (size > 0) {
    const buffers = [dx.buffer, backend.buffer(dy), backend.buffer(x)];
    const tiled = tiledPool(x.shape, dy.shape, attrs);
    if (tiled !== null) backend.run(poolGradTiledProgram('max', tiled), buffers, [size], linearGroups(size));
    else backend.run(poolGradProgram('max'), buffers, poolUniforms(size, x.shape, dy.shape, attrs), linearGroups(size));
  }
  return dx.dataId;
};
