import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { anyOf, boolInput } from './any.js';
import type { TensorLike } from './convert.js';
import { logicalNot } from './unary.js';

/** Logical AND over `axis` (all axes when omitted), as `tf.all`: not any(not x), so an empty
 *  reduction gives true. */
export function all(x: TensorLike, axis?: number | readonly number[], keepDims = false): Tensor {
  return ENGINE.tidy(() => logicalNot(anyOf('all', logicalNot(boolInput(x, 'all')), axis, keepDims)));
}
