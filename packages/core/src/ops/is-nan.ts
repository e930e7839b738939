import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { convertToTensor, type TensorLike } from './convert.js';

/**
 * Which elements of `x` are NaN, as bool (`tf.isNaN`). int32 and bool hold no NaN, so they give
 * all false. Written as x != x: IEEE comparisons with NaN are unordered, and every backend's
 * `notEqual` keeps that (the conformance case checks it on each).
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name of tf.isNaN, so code ported from TF.js carries over
export function isNaN(x: TensorLike): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'isNaN');
    if ($x.dtype !== 'float32') return ENGINE.runKernel('fill', {}, { shape: $x.shape, value: 0, dtype: 'bool' });
    return binaryOp('notEqual', $x, $x);
  });
}
