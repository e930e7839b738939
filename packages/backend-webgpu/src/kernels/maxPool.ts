import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { poolProgram } from '../shaders/pool.js';
import { poolTiledProgram } from '../shaders/pool-tiled.js';
import { poolUniforms, tiledPool } from './util/pool.js';

export const maxPool: KernelFn<'maxPool', WebGpuBackend> = (backend, { x }, attrs, out) => {
  const y = backend.output(out);
  const size = sizeFromShape(out.shape);
  if (size === 0) return y.dataId;
  const tiled = tiledPool(x.shape, out.shape, attrs);
  if (tiled !== null) backend.run(poolTiledProgram('max', tiled), [y.buffer, backend.buffer(x)], [size], linearGroups(size));
  else backend.run(poolProgram('max'), [y.buffer, backend.buffer(x)], poolUniforms(size, x.shape, out.shape, attrs), linearGroups(size));
  return y.dataId;
};
