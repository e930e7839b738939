import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { poolGradProgram } from '../shaders/pool.js';
import { poolGradTiledProgram } from '../shaders/pool-grad-tiled.js';
import { poolUniforms, tiledPool } from './util/pool.js';

export const avgPoolGrad: KernelFn<'avgPoolGrad', WebGpuBackend> = (backend, { dy, x }, attrs, out) => {
  const dx = backend.output(out);
  const size = sizeFromShape(out.shape);
  if (size > 0) {
    const tiled = tiledPool(x.shape, dy.shape, attrs);
    if (tiled !== null) backend.run(poolGradTiledProgram('avg', tiled), [dx.buffer, backend.buffer(dy)], [size], linearGroups(size));
    else
      backend.run(
        poolGradProgram('avg'),
        [dx.buffer, backend.buffer(dy)],
        poolUniforms(size, x.shape, dy.shape, attrs),
        linearGroups(size),
      );
  }
  return dx.dataId;
};
