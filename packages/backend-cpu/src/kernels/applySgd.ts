import type { KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/**
 * In place, Keras' SGD: without velocity var -= lr * g; with it
 * velocity = momentum * velocity - lr * g, then var += velocity
 * (nesterov: var += momentum * velocity - lr * g).
 */
export const applySgd: KernelFn<'applySgd', CpuBackend> = (backend, { variable, grad, velocity }, attrs) => {
  const w = backend.floats(variable);
  const g = backend.floats(grad);
  const { learningRate: lr, momentum, nesterov } = attrs;
  const n = w.length;
  if (velocity === undefined) {
    for (let i = 0; i < n; i++) w[i] -= lr * g[i];
    return;
  }
  const v = backend.floats(velocity);
  if (nesterov) {
    for (let i = 0; i < n; i++) {
      const vi = momentum * v[i] - lr * g[i];
      v[i] = vi;
      w[i] += momentum * vi - lr * g[i];
    }
  } else {
    for (let i = 0; i < n; i++) {
      const vi = momentum * v[i] - lr * g[i];
      v[i] = vi;
      w[i] += vi;
    }
  }
};
