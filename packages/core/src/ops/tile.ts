import { ENGINE } from '../engine.js';
import { ArgumentError, ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { broadcastTo } from './broadcast-to.js';
import { convertToTensor, type TensorLike } from './convert.js';

/**
 * `x` repeated `reps[i]` times along each axis i, as TensorFlow.js's tile: tiling [a, b] by [2]
 * gives [a, b, a, b]. Written as a broadcast of x viewed as [1, d0, 1, d1, ...] to
 * [r0, d0, r1, d1, ...], so its gradient (a sum over the copies) comes from broadcastTo.
 */
export function tile(x: TensorLike, reps: readonly number[]): Tensor {
  const $x = convertToTensor(x, 'x', 'tile');
  if (!Array.isArray(reps) || reps.length !== $x.rank) {
    if ($x !== x) $x.dispose();
    throw new ShapeError(
      `tile: reps must have one entry per dimension of x ${formatShape($x.shape)} (${$x.rank}), got ${Array.isArray(reps) ? `[${reps.join(', ')}] (${reps.length})` : String(reps)}`,
    );
  }
  if (!reps.every((r) => Number.isInteger(r) && r >= 0)) {
    if ($x !== x) $x.dispose();
    throw new ArgumentError(`tile: reps must be non-negative integers, got [${reps.join(', ')}]`);
  }
  const y = ENGINE.tidy(() => {
    const interleaved = $x.shape.flatMap((d) => [1, d]);
    const target = $x.shape.flatMap((d, i) => [reps[i], d]);
    const wide = broadcastTo(ENGINE.reshape($x, interleaved), target);
    return ENGINE.reshape(
      wide,
      $x.shape.map((d, i) => d * reps[i]),
    );
  });
  if ($x !== x) $x.dispose();
  return y;
}
