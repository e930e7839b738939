import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { convertToTensor, scalarOf, type TensorLike } from './convert.js';
import { abs } from './unary.js';

/** Which elements of `x` are +Infinity or -Infinity, as bool (`tf.isInf`); int32 and bool give
 *  all false. */
export function isInf(x: TensorLike): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'isInf');
    if ($x.dtype !== 'float32') return ENGINE.runKernel('fill', {}, { shape: $x.shape, value: 0, dtype: 'bool' });
    return binaryOp('equal', abs($x), scalarOf(Number.POSITIVE_INFINITY, 'float32'));
  });
}
