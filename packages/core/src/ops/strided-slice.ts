import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { fill } from './fill.js';
import { stridedSliceDense, stridedSliceInfo } from './strided-slice-util.js';

/**
 * The elements from `begin` up to (excluding) `end` in steps of `strides` (negative steps walk
 * backwards), as TensorFlow.js's stridedSlice, masks included: bit i of `beginMask`/`endMask`
 * ignores begin[i]/end[i] (the fullest range), of `ellipsisMask` makes entry i an ellipsis (the
 * axes it stands for are taken whole), of `newAxisMask` inserts an axis of size 1, and of
 * `shrinkAxisMask` takes the single index begin[i] and drops that axis. Bounds are clamped to the
 * input, so an empty range gives an empty dimension, not an error.
 */
export function stridedSlice(
  x: TensorLike,
  begin: readonly number[],
  end: readonly number[],
  strides?: readonly number[],
  beginMask = 0,
  endMask = 0,
  ellipsisMask = 0,
  newAxisMask = 0,
  shrinkAxisMask = 0,
): Tensor {
  const $x = convertToTensor(x, 'x', 'stridedSlice');
  try {
    const { axes, finalShape } = stridedSliceInfo('stridedSlice', $x.shape, begin, end, strides, {
      beginMask,
      endMask,
      ellipsisMask,
      newAxisMask,
      shrinkAxisMask,
    });
    return ENGINE.tidy(() => {
      if (axes.some((a) => a.size === 0)) return fill(finalShape, 0, $x.dtype);
      return ENGINE.reshape(stridedSliceDense($x, axes), finalShape);
    });
  } finally {
    if ($x !== x) $x.dispose();
  }
}
