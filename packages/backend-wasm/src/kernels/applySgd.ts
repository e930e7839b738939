import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { SGD_PARAMS } from '../param-layouts.js';
import { MIN_UPDATES_PER_THREAD } from './util/split.js';

/**
 * In place, Keras' SGD: without velocity var -= lr * g; with it velocity = momentum * velocity -
 * lr * g, then var += velocity (nesterov: var += momentum * velocity - lr * g).
 */
export const applySgd: KernelFn<'applySgd', WasmBackend> = (backend, { variable, grad, velocity }, attrs) => {
  const p = backend.params(SGD_PARAMS, {
    w: backend.ptr(variable),
    g: backend.ptr(grad),
    v: velocity === undefined ? 0 : backend.ptr(velocity),
    lr: attrs.learningRate,
    momentum: attrs.momentum,
    nesterov: attrs.nesterov ? 1 : 0,
  });
  backend.run('sgd', p, sizeFromShape(variable.shape), MIN_UPDATES_PER_THREAD);
};
