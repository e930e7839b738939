import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { activationGradProgram } from '../shaders/activation-grad.js';
import { linearGroups } from '../shaders/common.js';

export const activationGrad: KernelFn<'activationGrad', WebGpuBackend> = (backend, { dy, y }, { activation }, out) => {
  const size = sizeFromShape(out.shape);
  const dx = backend.output(out);
  if (size > 0)
    backend.run(activationGradProgram(activation), [dx.buffer, backend.buffer(dy), backend.buffer(y)], [size], linearGroups(size));
  return dx.dataId;
};
