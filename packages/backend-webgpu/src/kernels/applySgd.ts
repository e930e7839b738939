import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WebGpuBackend } from '../backend.js';
import { linearGroups } from '../shaders/common.js';
import { sgdProgram } from '../shaders/optimizer.js';

/**
 * In place, Keras' SGD: without velocity var -= lr * g; with it
 * velocity = momentum * velocity - lr * g, then var += velocity
 * (nesterov: var += momentum * velocity - lr * g).
 */
export const applySgd: KernelFn<'applySgd', WebGpuBackend> = (backend, { variable, grad, velocity }, attrs) => {
  const size = sizeFromShape(variable.shape);
  if (size === 0) return;
  const uniforms = [size, attrs.learningRate, attrs.momentum];
  if (velocity === undefined) {
    backend.run(sgdProgram('plain'), [backend.buffer(variable), backend.buffer(grad)], uniforms, linearGroups(size));
    return;
  }
  const buffers = [backend.buffer(variable), backend.buffer(velocity), backend.buffer(grad)];
  backend.run(sgdProgram(attrs.nesterov ? 'nesterov' : 'momentum'), buffers, uniforms, linearGroups(size));
};
