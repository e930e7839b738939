import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { sizeOf } from './util.js';

export const applySgd: KernelFn<'applySgd', CudaBackend> = (
  backend,
  { variable, grad, velocity },
  { learningRate, momentum, nesterov },
) => {
  backend.run(
    'applySgd',
    [backend.handle(variable), backend.handle(grad), velocity === undefined ? 0 : backend.handle(velocity)],
    [sizeOf(variable.shape), nesterov ? 1 : 0],
    [learningRate, momentum],
  );
};
