import { hash32, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { randomNormalProgram } from '../shaders/random.js';

export const randomNormal: KernelFn<'randomNormal', WebGpuBackend> = (backend, _inputs, { mean, stddev, seed }, out) => {
  const y = backend.output(out);
  const size = sizeFromShape(out.shape);
  if (size > 0) backend.run(randomNormalProgram(), [y.buffer], [size, hash32(seed >>> 0), mean, stddev], linearGroups(size));
  return y.dataId;
};
