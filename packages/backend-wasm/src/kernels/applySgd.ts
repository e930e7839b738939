import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

/**
 * In place, Keras' SGD: without velocity var -= lr * g; with it velocity = momentum * velocity -
 * lr * g, then var += velocity (nesterov: var += momentum * velocity - lr * g).
 */
export const applySgd: KernelFn<'applySgd', WasmBackend> = (backend, { variable, grad, velocity }, attrs) => {
  const p = backend.params(backend.ptr(variable), backend.ptr(grad), velocity === undefined ? 0 : backend.ptr(velocity));
  backend.paramF32(3, attrs.learningRate);
  backend.paramF32(4, attrs.momentum);
  backend.views.i32[(p >> 2) + 5] = attrs.nesterov ? 1 : 0;
  backend.run('sgd', p, sizeFromShape(variable.shape), 65536);
};
