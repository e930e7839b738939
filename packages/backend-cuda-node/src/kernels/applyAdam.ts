import type { KernelFn } from '@tensile/core';
import type { CudaBackend } from '../backend.js';
import { sizeOf } from './util.js';

/** In place; the bias correction is folded into the step size here, in double. */
export const applyAdam: KernelFn<'applyAdam', CudaBackend> = (backend, { variable, grad, m, v }, attrs) => {
  const { learningRate, beta1, beta2, epsilon, step } = attrs;
  const lrT = (learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
  backend.run(
    'applyAdam',
    [backend.handle(variable), backend.handle(grad), backend.handle(m), backend.handle(v)],
    [sizeOf(variable.shape)],
    [lrT, beta1, beta2, epsilon],
  );
};
