import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError } from '../errors.js';
import type { Tensor, Variable } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { asWritableVariable, finiteOption } from './optimizer-util.js';

export interface ApplySgdOptions {
  learningRate: number;
  /** Default 0 (plain SGD); a non-zero momentum needs `velocity`. */
  momentum?: number;
  nesterov?: boolean;
  /** Momentum state, updated in place. */
  velocity?: Variable;
}

/**
 * One Keras SGD step, in place: without momentum `variable -= lr * grad`; with it
 * `velocity = momentum * velocity - lr * grad`, then `variable += velocity`
 * (nesterov: `variable += momentum * velocity - lr * grad`).
 */
export function applySgd(variable: Variable, grad: TensorLike, options: ApplySgdOptions | (() => ApplySgdOptions)): void {
  const op = 'applySgd';
  const first = typeof options === 'function' ? options() : options;
  const { velocity } = first;
  const v = asWritableVariable(op, 'variable', variable);
  const vel = velocity === undefined ? undefined : asWritableVariable(op, 'velocity', velocity);
  // A function of options (a learning-rate schedule) is called again at each replay of a compiled step.
  const live = typeof options === 'function' ? () => checkedAttrs(options(), vel !== undefined) : undefined;
  const attrs = checkedAttrs(first, vel !== undefined);
  const $grad: Tensor = convertToTensor(grad, 'grad', op, 'float32');
  try {
    if ($grad.dtype !== 'float32') throw new DTypeError(`${op}: grad must be float32, got ${$grad.dtype}`);
    ENGINE.runInPlace(op, { variable: v, grad: $grad, velocity: vel }, attrs, live);
  } finally {
    if ($grad !== grad) $grad.dispose();
  }
}

function checkedAttrs(options: ApplySgdOptions, hasVelocity: boolean): { learningRate: number; momentum: number; nesterov: boolean } {
  const op = 'applySgd';
  const { learningRate, momentum = 0, nesterov = false } = options;
  finiteOption(op, 'learningRate', learningRate);
  finiteOption(op, 'momentum', momentum);
  if (momentum < 0) throw new ArgumentError(`${op}: momentum must be >= 0, got ${momentum}`);
  if (momentum !== 0 && !hasVelocity) throw new ArgumentError(`${op}: momentum ${momentum} needs a velocity variable`);
  if (typeof nesterov !== 'boolean') throw new ArgumentError(`${op}: nesterov must be a boolean, got ${String(nesterov)}`);
  return { learningRate, momentum, nesterov };
}
