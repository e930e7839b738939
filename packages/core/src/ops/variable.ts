import { isDType, type DType } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { ArgumentError } from '../errors.js';
import { Tensor, type Variable } from '../tensor.js';
import { cast } from './cast.js';
import { convertToTensor, type TensorLike } from './convert.js';
import { tensor } from './creation.js';

/**
 * A mutable tensor, initialised with (a copy-on-write share of) `initial`. Variables are not
 * disposed by `tidy`; `trainable` ones are what `variableGrads` and optimizers update.
 */
export function variable(initial: TensorLike, trainable = true, name?: string, dtype?: DType): Variable {
  if (dtype !== undefined && !isDType(dtype))
    throw new ArgumentError(`variable: dtype must be float32, int32 or bool, got ${String(dtype)}`);
  if (name !== undefined && typeof name !== 'string') throw new ArgumentError(`variable: name must be a string, got ${typeof name}`);
  const $initial = initial instanceof Tensor ? convertToTensor(initial, 'initial', 'variable') : tensor(initial, undefined, dtype);
  const value = dtype !== undefined && $initial.dtype !== dtype ? cast($initial, dtype) : $initial;
  const v = ENGINE.makeVariable(value, trainable, name);
  if (value !== initial) value.dispose();
  if ($initial !== initial && $initial !== value) $initial.dispose();
  return v;
}
