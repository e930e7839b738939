import { ENGINE } from '../engine.js';
import { DTypeError } from '../errors.js';
import { normalizeAxes, reducedShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { convertToTensor, scalarOf, type TensorLike } from './convert.js';
import { max, sum } from './reduce.js';
import { exp, log, abs } from './unary.js';
import { where } from './where.js';

/**
 * log(sum(exp(x))) over `axis` (all axes when omitted), computed as m + log(sum(exp(x - m)))
 * with m the maximum, so large values do not overflow. An infinite maximum is replaced by 0
 * (as TensorFlow does), so all -inf gives -inf rather than NaN.
 */
export function logSumExp(x: TensorLike, axis?: number | readonly number[], keepDims = false): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'logSumExp', 'float32');
    if ($x.dtype !== 'float32') throw new DTypeError(`logSumExp: x must be float32, got ${$x.dtype}`);
    const axes = normalizeAxes('logSumExp', axis, $x.rank);
    const rawMax = max($x, axes, true);
    const m = where(binaryOp('less', abs(rawMax), scalarOf(Infinity, 'float32')), rawMax, scalarOf(0, 'float32'));
    const shifted = binaryOp('sub', $x, m);
    const lse = binaryOp('add', log(sum(exp(shifted), axes, true)), m);
    return keepDims ? lse : ENGINE.reshape(lse, reducedShape($x.shape, axes, false));
  });
}
