/** Activation functions (elementwise; each runs the `unary` kernel). */
import { ArgumentError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import type { TensorLike } from './convert.js';
import { unaryOp } from './unary.js';

/** max(x, 0) */
export const relu = (x: TensorLike): Tensor => unaryOp('relu', x);
/** min(max(x, 0), 6) */
export const relu6 = (x: TensorLike): Tensor => unaryOp('relu6', x);
/** x for x > 0, e^x - 1 otherwise. */
export const elu = (x: TensorLike): Tensor => unaryOp('elu', x);
/** Scaled ELU (Klambauer et al.), with TensorFlow's constants. */
export const selu = (x: TensorLike): Tensor => unaryOp('selu', x);
/** log(1 + e^x), computed stably. */
export const softplus = (x: TensorLike): Tensor => unaryOp('softplus', x);
/** x * Φ(x), the exact (erf) form, as Keras' default. */
export const gelu = (x: TensorLike): Tensor => unaryOp('gelu', x);

/** x for x > 0, alpha * x otherwise. TensorFlow.js' default alpha is 0.2. */
export function leakyRelu(x: TensorLike, alpha = 0.2): Tensor {
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
    throw new ArgumentError(`leakyRelu: alpha must be a finite number, got ${String(alpha)}`);
  }
  return unaryOp('leakyRelu', x, alpha);
}
