import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError } from '../errors.js';
import { broadcastShapes, formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { convertToTensor, scalarOf, type TensorLike } from './convert.js';
import { randomUniform } from './random.js';
import { floor } from './unary.js';

/**
 * Zeroes each element of `x` with probability `rate` and scales the rest by 1 / (1 - rate), so
 * the expected value is unchanged (`tf.dropout`). `noiseShape` (broadcast to x's shape; a null
 * or -1 entry takes x's size there) shares one draw along its size-1 dimensions, e.g.
 * [batch, 1, 1, channels] drops whole channels. The mask is floor(u + 1 - rate) for u uniform in
 * [0, 1), as TF.js; a seed makes it reproducible on every backend (the draws are Tensile's, not
 * TF.js's, so the same seed gives a different mask than TF.js).
 */
export function dropout(x: TensorLike, rate: number, noiseShape?: readonly (number | null)[], seed?: number): Tensor {
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
    throw new ArgumentError(`dropout: rate must be a number in [0, 1), got ${String(rate)}`);
  }
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'dropout');
    if ($x.dtype !== 'float32') throw new DTypeError(`dropout: x must be float32 (it is scaled), got ${$x.dtype}`);
    const shape = noiseShapeOf($x.shape, noiseShape);
    if (rate === 0) return ENGINE.reshape($x, $x.shape);
    const keep = 1 - rate;
    const u = randomUniform(shape, 0, 1, 'float32', seed);
    const mask = floor(binaryOp('add', u, scalarOf(keep, 'float32')));
    return binaryOp('mul', $x, binaryOp('div', mask, scalarOf(keep, 'float32')));
  });
}

/** TF.js's getNoiseShape: null or -1 entries take x's size; the result must broadcast to x. */
function noiseShapeOf(xShape: readonly number[], noiseShape: readonly (number | null)[] | undefined): number[] {
  if (noiseShape === undefined || noiseShape === null) return [...xShape];
  if (!Array.isArray(noiseShape)) throw new ArgumentError(`dropout: noiseShape must be an array of dimensions, got ${String(noiseShape)}`);
  const shape = noiseShape.length === xShape.length ? noiseShape.map((d, i) => (d === null || d === -1 ? xShape[i] : d)) : [...noiseShape];
  if (!shape.every((d): d is number => Number.isInteger(d) && d !== null && d >= 0)) {
    throw new ArgumentError(`dropout: noiseShape must hold non-negative integers (or null), got ${JSON.stringify(noiseShape)}`);
  }
  let ok: boolean;
  try {
    ok = shapesEqual(broadcastShapes('dropout', xShape, shape), xShape);
  } catch {
    ok = false;
  }
  if (!ok) throw new ArgumentError(`dropout: noiseShape ${formatShape(shape)} must broadcast to x's shape ${formatShape(xShape)}`);
  return shape;
}
