import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { convertToTensor, scalarOf, type TensorLike } from './convert.js';
import { abs, logicalNot } from './unary.js';

/**
 * Which elements of `x` are NaN, as bool (`tf.isNaN`). int32 and bool hold no NaN, so they give
 * all false. Written as not(|x| <= Infinity), which only NaN fails (IEEE comparisons with NaN are
 * false). Not as x != x: a shader compiler may assume no NaN and fold that to false (one of the
 * WebGPU stacks here did), whereas a comparison with a value read at run time cannot be folded.
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name of tf.isNaN, so code ported from TF.js carries over
export function isNaN(x: TensorLike): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'isNaN');
    if ($x.dtype !== 'float32') return ENGINE.runKernel('fill', {}, { shape: $x.shape, value: 0, dtype: 'bool' });
    return logicalNot(binaryOp('lessEqual', abs($x), scalarOf(Number.POSITIVE_INFINITY, 'float32')));
  });
}
