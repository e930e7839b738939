import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { poolGradProgram } from '../shaders/pool.js';
import { poolGradTiledProgram } from '../shaders/pool-grad-tiled.js';
import { poolUniforms, tiledPool } from './util/pool.js';

/** avgPoolGrad's shaders with the activation's derivative at y applied before each store: one
 *  dispatch, and no dx written then read back. */
export const fusedAvgPoolGrad: KernelFn<'fusedAvgPoolGrad', WebGpuBackend> = (backend, { dy, y }, { activation, ...attrs }, out) => {
  const dx = backend.output(out);
  const size = sizeFromShape(out.shape);
  if (size > 0) {
    const buffers = [dx.buffer, backend.buffer(dy), backend.buffer(y)];
    const tiled = tiledPool(y.shape, dy.shape, attrs);
    if (tiled !== null) backend.run(poolGradTiledProgram('avg', tiled, activation), buffers, [size], linearGroups(size));
    else backend.run(poolGradProgram('avg', activation), buffers, poolUniforms(size, y.shape, dy.shape, attrs), linearGroups(size));
  }
  return dx.dataId;
};
