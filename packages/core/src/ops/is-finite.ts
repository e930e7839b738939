import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { convertToTensor, scalarOf, type TensorLike } from './convert.js';
import { abs } from './unary.js';

/** Which elements of `x` are neither NaN nor infinite, as bool (`tf.isFinite`); int32 and bool
 *  give all true. |x| < Infinity is false for NaN (unordered) and for ±Infinity. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name of tf.isFinite, so code ported from TF.js carries over
export function isFinite(x: TensorLike): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'isFinite');
    if ($x.dtype !== 'float32') return ENGINE.runKernel('fill', {}, { shape: $x.shape, value: 1, dtype: 'bool' });
    return binaryOp('less', abs($x), scalarOf(Number.POSITIVE_INFINITY, 'float32'));
  });
}
