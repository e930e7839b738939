import { isDType, type DType } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';

/**
 * One-hot vectors of length `depth` along a new last axis; indices outside [0, depth) give a row
 * of `offValue`, as TensorFlow does. The dtype defaults to int32, as TensorFlow.js.
 */
export function oneHot(indices: TensorLike, depth: number, onValue = 1, offValue = 0, dtype: DType = 'int32'): Tensor {
  if (!Number.isInteger(depth) || depth < 1) throw new ArgumentError(`oneHot: depth must be a positive integer, got ${depth}`);
  if (!isDType(dtype)) throw new ArgumentError(`oneHot: dtype must be float32, int32 or bool, got ${String(dtype)}`);
  if (typeof onValue !== 'number' || typeof offValue !== 'number') {
    throw new ArgumentError(`oneHot: onValue and offValue must be numbers, got ${typeof onValue} and ${typeof offValue}`);
  }
  const $indices = convertToTensor(indices, 'indices', 'oneHot', 'int32');
  if ($indices.dtype !== 'int32') {
    throw new DTypeError(`oneHot: indices must be int32, got ${$indices.dtype}; cast them with cast(indices, 'int32')`);
  }
  const y = ENGINE.runKernel('oneHot', { indices: $indices }, { depth, onValue, offValue, dtype });
  if (!(indices instanceof Tensor)) $indices.dispose();
  return y;
}
