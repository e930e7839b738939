import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import { Tensor } from '../tensor.js';
import { binaryOp } from './binary.js';
import { convertPair, convertToTensor, type TensorLike } from './convert.js';

/**
 * Elementwise `condition ? a : b`; the three broadcast together (NumPy rules, as TensorFlow 2's
 * `where`). A JS value for a or b takes the other's dtype.
 */
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  return ENGINE.tidy(() => {
    const $condition = convertToTensor(condition, 'condition', 'where', condition instanceof Tensor ? undefined : 'bool');
    if ($condition.dtype !== 'bool') {
      throw new DTypeError(`where: condition must be bool, got ${$condition.dtype}; compare first, e.g. greater(x, 0)`);
    }
    const [$a, $b] = convertPair(a, b, 'where');
    broadcastShapes('where', broadcastShapes('where', $condition.shape, $a.shape), $b.shape);
    return ENGINE.runKernel('select', { condition: $condition, a: $a, b: $b }, {});
  });
}

/** min(max(x, clipValueMin), clipValueMax); the gradient flows where min <= x <= max, as TensorFlow. */
export function clipByValue(x: TensorLike, clipValueMin: number, clipValueMax: number): Tensor {
  if (typeof clipValueMin !== 'number' || typeof clipValueMax !== 'number' || Number.isNaN(clipValueMin) || Number.isNaN(clipValueMax)) {
    throw new ArgumentError(
      `clipByValue: clipValueMin and clipValueMax must be numbers, got ${String(clipValueMin)} and ${String(clipValueMax)}`,
    );
  }
  if (clipValueMin > clipValueMax) {
    throw new ArgumentError(`clipByValue: clipValueMin (${clipValueMin}) must be <= clipValueMax (${clipValueMax})`);
  }
  return ENGINE.tidy(() => {
    const $x = convertToTensor(x, 'x', 'clipByValue');
    if ($x.dtype === 'bool') throw new DTypeError('clipByValue: x must be float32 or int32, got bool');
    if ($x.dtype === 'int32' && (!Number.isInteger(clipValueMin) || !Number.isInteger(clipValueMax))) {
      if (Number.isFinite(clipValueMin) && Number.isFinite(clipValueMax)) {
        throw new DTypeError(`clipByValue: x is int32, so the bounds must be integers, got ${clipValueMin} and ${clipValueMax}`);
      }
    }
    const lower = Number.isFinite(clipValueMin) || $x.dtype === 'float32' ? binaryOp('maximum', $x, clipValueMin) : $x;
    return Number.isFinite(clipValueMax) || $x.dtype === 'float32'
      ? binaryOp('minimum', lower, clipValueMax)
      : ENGINE.reshape(lower, lower.shape);
  });
}
