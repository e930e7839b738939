import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';

/**
 * A new tensor with the values of `x`, as TensorFlow.js's clone: disposing either leaves the
 * other intact. The two share storage: tensors are immutable, a Variable's `assign` swaps its
 * storage, and the in-place optimizer kernels copy shared storage before writing (copy on
 * write). Gradients pass straight through.
 */
export function clone(x: TensorLike): Tensor {
  const $x = convertToTensor(x, 'x', 'clone');
  if ($x !== x) return $x;
  return ENGINE.reshape($x, $x.shape);
}
