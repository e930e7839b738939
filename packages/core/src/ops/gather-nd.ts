import { ENGINE } from '../engine.js';
import { DTypeError, ShapeError } from '../errors.js';
import { formatShape, sizeFromShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { gather } from './gather.js';
import { flatIndices } from './nd-index-util.js';

/**
 * Slices of `x` at the coordinates in `indices` (int32, last axis K <= rank of x), as
 * TensorFlow.js's gatherND: the output shape is indices.shape[:-1] + x.shape[K:]. Composed as a
 * gather along the flattened first K axes, so the gradient comes from gather's. An index out of
 * range throws on cpu, wasm and cuda; on webgpu and webgl it gives zeros (checking would need a
 * readback), as TensorFlow.js's webgl backend does.
 */
export function gatherND(x: TensorLike, indices: TensorLike): Tensor {
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'gatherND');
    const $indices = convertToTensor(indices, 'indices', 'gatherND', indices instanceof Tensor ? undefined : 'int32');
    if ($x.rank < 1) throw new ShapeError('gatherND: x must have rank 1 or higher, got a scalar');
    if ($indices.rank < 1) throw new ShapeError('gatherND: indices must have rank 1 or higher ([..., K]), got a scalar');
    if ($indices.dtype !== 'int32') {
      throw new DTypeError(`gatherND: indices must be int32, got ${$indices.dtype}; cast them with cast(indices, 'int32')`);
    }
    const k = $indices.shape[$indices.rank - 1];
    if (k > $x.rank) {
      throw new ShapeError(
        `gatherND: the last dimension of indices ${formatShape($indices.shape)} (${k}) must be at most the rank of x ${formatShape($x.shape)} (${$x.rank})`,
      );
    }
    if ($x.size === 0) throw new ShapeError(`gatherND: x ${formatShape($x.shape)} is empty; there is nothing to gather`);
    const outer = $indices.shape.slice(0, -1);
    const inner = $x.shape.slice(k);
    const n = sizeFromShape(outer);
    const outShape = [...outer, ...inner];
    const head = $x.shape.slice(0, k);
    const table = ENGINE.reshape($x, [sizeFromShape(head), sizeFromShape(inner)]);
    if (n === 0 || k === 0) {
      // K = 0 takes x whole for every index row; no index row takes nothing.
      return ENGINE.reshape(gather(table, new Int32Array(n).fill(0), 0), outShape);
    }
    const flat = flatIndices('gatherND', ENGINE.reshape($indices, [n, k]), head);
    return ENGINE.reshape(gather(table, flat, 0), outShape);
  });
}
