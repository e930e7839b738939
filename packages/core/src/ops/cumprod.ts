import type { Tensor } from '../tensor.js';
import type { TensorLike } from './convert.js';
import { cumScan } from './cum-scan.js';

/**
 * Cumulative product along `axis` (`tf.cumprod`): exclusive leaves each element out of its own
 * product (starting from 1), reverse multiplies from the end. int32 stays int32 and bool counts
 * as int32. The gradient is right where x holds zeros too (autodiff of the products).
 */
export function cumprod(x: TensorLike, axis = 0, exclusive = false, reverse = false): Tensor {
  return cumScan('cumprod', x, axis, exclusive, reverse);
}
