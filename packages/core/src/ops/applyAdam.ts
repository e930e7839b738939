import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError } from '../errors.js';
import type { Tensor, Variable } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { asWritableVariable, finiteOption } from './optimizer-util.js';

export interface ApplyAdamOptions {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** The step number t, counted from 1. */
  step: number;
}

/**
 * One Keras Adam step, in place: m and v move toward grad and grad^2, then
 * `variable -= lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon)`.
 */
export function applyAdam(
  variable: Variable,
  grad: TensorLike,
  m: Variable,
  v: Variable,
  options: ApplyAdamOptions | (() => ApplyAdamOptions),
): void {
  const op = 'applyAdam';
  const $var = asWritableVariable(op, 'variable', variable);
  const $m = asWritableVariable(op, 'm', m);
  const $v = asWritableVariable(op, 'v', v);
  // A function of options (the step number changes each step) is called again at each replay of a compiled step.
  const live = typeof options === 'function' ? () => checkedAttrs(options()) : undefined;
  const attrs = live ? live() : checkedAttrs(options as ApplyAdamOptions);
  const $grad: Tensor = convertToTensor(grad, 'grad', op, 'float32');
  try {
    if ($grad.dtype !== 'float32') throw new DTypeError(`${op}: grad must be float32, got ${$grad.dtype}`);
    ENGINE.runInPlace(op, { variable: $var, grad: $grad, m: $m, v: $v }, attrs, live);
  } finally {
    if ($grad !== grad) $grad.dispose();
  }
}

function checkedAttrs(options: ApplyAdamOptions): ApplyAdamOptions {
  const op = 'applyAdam';
  const { learningRate, beta1, beta2, epsilon, step } = options;
  // Called again at every replay of a compiled step (its live attrs): no entries array per call.
  finiteOption(op, 'learningRate', learningRate);
  finiteOption(op, 'beta1', beta1);
  finiteOption(op, 'beta2', beta2);
  finiteOption(op, 'epsilon', epsilon);
  finiteOption(op, 'step', step);
  if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
    throw new ArgumentError(`${op}: beta1 and beta2 must be in [0, 1), got ${beta1} and ${beta2}`);
  }
  if (!Number.isInteger(step) || step < 1) throw new ArgumentError(`${op}: step must be an integer >= 1 (counted from 1), got ${step}`);
  return { learningRate, beta1, beta2, epsilon, step };
}
