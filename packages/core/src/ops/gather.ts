import { ENGINE } from '../engine.js';
import { DTypeError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { ShapeError } from '../errors.js';

/**
 * Slices of `x` along `axis` at `indices` (int32): the output shape is
 * x.shape[:axis] + indices.shape + x.shape[axis+1:]. Indices out of range are an error.
 */
export function gather(x: TensorLike, indices: TensorLike, axis = 0): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'gather');
    const $indices = convertToTensor(indices, 'indices', 'gather', indices instanceof Tensor ? undefined : 'int32');
    if ($indices.dtype !== 'int32') {
      throw new DTypeError(`gather: indices must be int32, got ${$indices.dtype}; cast them with cast(indices, 'int32')`);
    }
    if ($x.rank === 0) throw new ShapeError('gather: x must have at least one dimension, got a scalar');
    const a = normalizeAxis('gather', axis, $x.rank);
    return ENGINE.runKernel('gather', { x: $x, indices: $indices }, { axis: a });
  });
}
