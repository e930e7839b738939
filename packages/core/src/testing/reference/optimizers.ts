/** Float64 references of the in-place optimizer kernels, as Keras 3 writes them. */
import type { Nd } from './nd.js';

export interface SgdState {
  variable: Float64Array;
  velocity?: Float64Array;
}

/** Keras SGD: velocity = momentum * velocity - lr * g; nesterov: var += momentum * velocity -
 *  lr * g; otherwise var += velocity. Without momentum (no velocity): var -= lr * g. */
export function applySgdRef(state: SgdState, grad: Nd, learningRate: number, momentum: number, nesterov: boolean): void {
  const { variable, velocity } = state;
  for (let i = 0; i < variable.length; i++) {
    const g = grad.values[i];
    if (!velocity) {
      variable[i] -= learningRate * g;
      continue;
    }
    velocity[i] = momentum * velocity[i] - learningRate * g;
    variable[i] += nesterov ? momentum * velocity[i] - learningRate * g : velocity[i];
  }
}

export interface AdamState {
  variable: Float64Array;
  m: Float64Array;
  v: Float64Array;
}

/** Keras Adam, `step` counted from 1: m += (g - m)(1 - b1); v += (g² - v)(1 - b2);
 *  var -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps). */
export function applyAdamRef(state: AdamState, grad: Nd, lr: number, beta1: number, beta2: number, epsilon: number, step: number): void {
  const alpha = (lr * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
  const { variable, m, v } = state;
  for (let i = 0; i < variable.length; i++) {
    const g = grad.values[i];
    m[i] += (g - m[i]) * (1 - beta1);
    v[i] += (g * g - v[i]) * (1 - beta2);
    variable[i] -= (alpha * m[i]) / (Math.sqrt(v[i]) + epsilon);
  }
}
