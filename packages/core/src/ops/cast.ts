import type { DType } from '../dtype.js';
import { isDType } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { ArgumentError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';

/**
 * `x` converted to `dtype`: float to int32 truncates toward zero, anything to bool is `x != 0`.
 * Casting to the same dtype gives a new handle on the same data.
 */
export function cast(x: TensorLike, dtype: DType): Tensor {
  if (!isDType(dtype)) throw new ArgumentError(`cast: dtype must be float32, int32 or bool, got ${String(dtype)}`);
  const $x = convertToTensor(x, 'x', 'cast');
  if ($x.dtype === dtype) return ENGINE.reshape($x, $x.shape);
  return ENGINE.runKernel('cast', { x: $x }, { dtype });
}
