import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError, ShapeError } from '../errors.js';
import { formatShape, sizeFromShape, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { fill } from './fill.js';
import { matMul } from './matMul.js';
import { flatIndices } from './nd-index-util.js';
import { oneHot } from './oneHot.js';

/**
 * A tensor of `shape` holding zeros except `updates` placed at `indices`, as TensorFlow.js's
 * scatterND: indices [..., K] address the first K axes (1-D indices are one coordinate each),
 * updates have shape indices.shape[:-1] + shape[K:], and updates at repeated indices add up.
 * There is no scatter kernel, so it is a product with a one-hot matrix, oneHot(indices)^T ·
 * updates, which also gives the gradient. An index out of range throws on cpu, wasm and cuda;
 * on webgpu and webgl its update is dropped (checking would need a readback).
 */
export function scatterND(indices: TensorLike, updates: TensorLike, shape: Shape): Tensor {
  return ENGINE.tidy(() => {
    const $indices = convertToTensor(indices, 'indices', 'scatterND', indices instanceof Tensor ? undefined : 'int32');
    const $updates = convertToTensor(updates, 'updates', 'scatterND');
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new ArgumentError(`scatterND: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
    }
    if (shape.length < 1) throw new ShapeError('scatterND: shape must have rank 1 or higher, got []');
    if ($indices.rank < 1) throw new ShapeError('scatterND: indices must have rank 1 or higher, got a scalar');
    if ($updates.rank < 1) throw new ShapeError('scatterND: updates must have rank 1 or higher, got a scalar');
    if ($indices.dtype !== 'int32') {
      throw new DTypeError(`scatterND: indices must be int32, got ${$indices.dtype}; cast them with cast(indices, 'int32')`);
    }
    const k = $indices.rank > 1 ? $indices.shape[$indices.rank - 1] : 1;
    const batch = $indices.rank > 1 ? $indices.shape.slice(0, -1) : $indices.shape;
    if (k > shape.length) {
      throw new ShapeError(
        `scatterND: the last dimension of indices ${formatShape($indices.shape)} (${k}) must be at most the rank of shape ${formatShape(shape)}`,
      );
    }
    const want = [...batch, ...shape.slice(k)];
    if ($updates.rank !== want.length || $updates.shape.some((d, i) => d !== want[i])) {
      throw new ShapeError(
        `scatterND: updates must have shape indices.shape[:-1] + shape[${k}:] = ${formatShape(want)}, got ${formatShape($updates.shape)} (indices ${formatShape($indices.shape)}, shape ${formatShape(shape)})`,
      );
    }
    const n = sizeFromShape(batch);
    const head = shape.slice(0, k);
    const m = sizeFromShape(head);
    const sliceSize = sizeFromShape(shape.slice(k));
    if (n === 0 || m === 0 || sliceSize === 0) return fill(shape, 0, $updates.dtype);
    const flat = flatIndices('scatterND', ENGINE.reshape($indices, [n, k]), head);
    // matMul takes float32 and int32; bools add up as counts and come back as "any".
    const dtype = $updates.dtype === 'bool' ? 'int32' : $updates.dtype;
    const hot = oneHot(flat, m, 1, 0, dtype);
    const values = ENGINE.reshape($updates.dtype === 'bool' ? cast($updates, 'int32') : $updates, [n, sliceSize]);
    const out = ENGINE.reshape(matMul(hot, values, true, false), shape);
    return $updates.dtype === 'bool' ? cast(out, 'bool') : out;
  });
}
