import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { adamProgram } from '../shaders/optimizer.js';

/**
 * In place, Keras' Adam with the bias correction folded into the step size:
 * lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t), var -= lr_t * m / (sqrt(v) + epsilon).
 */
export const applyAdam: KernelFn<'applyAdam', WebGpuBackend> = (backend, { variable, grad, m, v }, attrs) => {
  const size = sizeFromShape(variable.shape);
  if (size === 0) return;
  const { learningRate, beta1, beta2, epsilon, step } = attrs;
  const lrT = (learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
  const buffers = [backend.buffer(variable), backend.buffer(m), backend.buffer(v), backend.buffer(grad)];
  backend.run(adamProgram(), buffers, [size, lrT, beta1, 1 - beta1, beta2, 1 - beta2, epsilon], linearGroups(size));
};
