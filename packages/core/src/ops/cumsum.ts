import type { Tensor } from '../tensor.js';
import type { TensorLike } from './convert.js';
import { cumScan } from './cum-scan.js';

/**
 * Cumulative sum along `axis` (`tf.cumsum`): exclusive leaves each element out of its own sum
 * (starting from 0), reverse sums from the end. int32 stays int32 and bool counts as int32.
 */
export function cumsum(x: TensorLike, axis = 0, exclusive = false, reverse = false): Tensor {
  return cumScan('cumsum', x, axis, exclusive, reverse);
}
