import { ENGINE } from '../engine.js';
import { ShapeError } from '../errors.js';
import { assertValidShape, broadcastedAxes, formatShape, shapesEqual, type Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { fill } from './fill.js';
import { sum } from './reduce.js';

/**
 * `x` repeated along its size-1 (or missing leading) dimensions to `shape`, as NumPy's
 * broadcast_to. Built from a broadcasting binary op, so its gradient comes for free.
 */
export function broadcastTo(x: TensorLike, shape: Shape): Tensor {
  const $x = convertToTensor(x, 'x', 'broadcastTo');
  assertValidShape('broadcastTo', shape);
  if ($x.rank > shape.length) {
    throw new ShapeError(`broadcastTo: cannot broadcast ${formatShape($x.shape)} to the lower-rank shape ${formatShape(shape)}`);
  }
  const offset = shape.length - $x.rank;
  $x.shape.forEach((d, i) => {
    if (d !== 1 && d !== shape[offset + i]) {
      throw new ShapeError(
        `broadcastTo: cannot broadcast ${formatShape($x.shape)} to ${formatShape(shape)} (dimension ${offset + i}: ${d} vs ${shape[offset + i]})`,
      );
    }
  });
  if (shapesEqual($x.shape, shape)) return ENGINE.reshape($x, shape);
  return ENGINE.tidy(() =>
    $x.dtype === 'bool' ? binaryOp('logicalOr', $x, fill(shape, 0, 'bool')) : binaryOp('add', $x, fill(shape, 0, $x.dtype)),
  );
}

/**
 * @internal The gradient of a broadcast: sums `dy` over the axes along which an operand of
 * `shape` was broadcast, then reshapes to `shape`. Always returns a new tensor.
 */
export function reduceToShape(dy: Tensor, shape: Shape): Tensor {
  const axes = broadcastedAxes(shape, dy.shape);
  if (axes.length === 0) return ENGINE.reshape(dy, shape);
  return ENGINE.tidy(() => ENGINE.reshape(sum(dy, axes, true), shape));
}
