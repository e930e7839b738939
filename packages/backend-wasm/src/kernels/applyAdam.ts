import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { ADAM_PARAMS } from '../param-layouts.js';
import { MIN_UPDATES_PER_THREAD } from './util/split.js';

/**
 * In place, Keras' Adam with the bias correction folded into the step size (computed here in
 * f64): lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t), var -= lr_t * m / (sqrt(v) + epsilon).
 */
export const applyAdam: KernelFn<'applyAdam', WasmBackend> = (backend, { variable, grad, m, v }, attrs) => {
  const { learningRate, beta1, beta2, epsilon, step } = attrs;
  const lrT = (learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
  const p = backend.params(ADAM_PARAMS, {
    w: backend.ptr(variable),
    g: backend.ptr(grad),
    m: backend.ptr(m),
    v: backend.ptr(v),
    beta1,
    beta2,
    epsilon,
    lrT,
  });
  backend.run('adam', p, sizeFromShape(variable.shape), MIN_UPDATES_PER_THREAD);
};
