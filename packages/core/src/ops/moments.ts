import { ENGINE } from '../engine.js';
import { normalizeAxes, reducedShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { cast } from './cast.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { mean } from './reduce.js';
import { square } from './unary.js';

/** Mean and (biased) variance over `axes` (all axes when omitted), as `tf.moments`. */
export function moments(x: TensorLike, axes?: number | readonly number[], keepDims = false): { mean: Tensor; variance: Tensor } {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'moments');
    const $axes = normalizeAxes('moments', axes, $x.rank);
    const xf = $x.dtype === 'float32' ? $x : cast($x, 'float32');
    const m = mean(xf, $axes, true);
    const variance = mean(square(binaryOp('sub', xf, m)), $axes, keepDims);
    return { mean: keepDims ? m : ENGINE.reshape(m, reducedShape($x.shape, $axes, false)), variance };
  });
}
