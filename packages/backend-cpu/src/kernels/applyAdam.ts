import type { KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/**
 * In place, Keras' Adam with the bias correction folded into the step size:
 * lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t), var -= lr_t * m / (sqrt(v) + epsilon).
 */
export const applyAdam: KernelFn<'applyAdam', CpuBackend> = (backend, { variable, grad, m, v }, attrs) => {
  const w = backend.floats(variable);
  const g = backend.floats(grad);
  const mv = backend.floats(m);
  const vv = backend.floats(v);
  const { learningRate, beta1, beta2, epsilon, step } = attrs;
  const lrT = (learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
  const n = w.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const mi = beta1 * mv[i] + (1 - beta1) * gi;
    const vi = beta2 * vv[i] + (1 - beta2) * gi * gi;
    mv[i] = mi;
    vv[i] = vi;
    w[i] -= (lrT * mi) / (Math.sqrt(vi) + epsilon);
  }
};
