import { isDType, type DType } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { ArgumentError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { broadcastTo } from './broadcast-to.js';
import { fill } from './fill.js';
import { oneHot } from './oneHot.js';
import { range } from './range.js';

/**
 * An identity matrix of `numRows` x `numColumns` (square by default), repeated over `batchShape`
 * when given, as TensorFlow.js's eye. Row i is oneHot(i, numColumns): rows past the last column
 * come out all zeros, which is what a non-square identity needs. TensorFlow.js takes a batchShape
 * of 1 to 3 dimensions; any length works here.
 */
export function eye(numRows: number, numColumns?: number, batchShape?: readonly number[], dtype: DType = 'float32'): Tensor {
  const cols = numColumns ?? numRows;
  for (const [name, v] of [
    ['numRows', numRows],
    ['numColumns', cols],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new ArgumentError(`eye: ${name} must be a non-negative integer, got ${String(v)}`);
  }
  if (batchShape !== undefined && (!Array.isArray(batchShape) || !batchShape.every((d) => Number.isInteger(d) && d >= 0))) {
    throw new ArgumentError(`eye: batchShape must be an array of non-negative integers, got ${JSON.stringify(batchShape)}`);
  }
  if (!isDType(dtype)) throw new ArgumentError(`eye: dtype must be float32, int32 or bool, got ${String(dtype)}`);
  return ENGINE.tidy(() => {
    const matrix = numRows === 0 || cols === 0 ? fill([numRows, cols], 0, dtype) : oneHot(range(0, numRows, 1, 'int32'), cols, 1, 0, dtype);
    return batchShape === undefined ? matrix : broadcastTo(matrix, [...batchShape, numRows, cols]);
  });
}
