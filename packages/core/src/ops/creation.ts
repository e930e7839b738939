/** Tensors from JS values. */
import { isDType, type DType } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError, ShapeError } from '../errors.js';
import { formatShape, sizeFromShape, type Shape } from '../shape.js';
import { Tensor, type NestedArray } from '../tensor.js';
import { flatValues, inferDType, inferShape, isTypedArray, type TypedArray } from './convert.js';
import { checkShape } from './fill.js';

/**
 * A tensor holding a copy of `values`. The shape is inferred from nested arrays unless given
 * (then the number of values must match); the dtype is inferred as TensorFlow.js does: numbers
 * and Float32Array are float32, Int32Array and Uint8Array int32, booleans bool.
 */
export function tensor(values: NestedArray | TypedArray, shape?: Shape, dtype?: DType): Tensor {
  return makeFromValues('tensor', values, shape, dtype);
}

function makeFromValues(op: string, values: NestedArray | TypedArray, shape: Shape | undefined, dtype: DType | undefined): Tensor {
  if (values instanceof Tensor)
    throw new ArgumentError(`${op}: values is already a Tensor; use it directly, or clone it with reshape(x, x.shape)`);
  if (
    values === null ||
    values === undefined ||
    typeof values === 'string' ||
    (typeof values === 'object' && !Array.isArray(values) && !isTypedArray(values))
  ) {
    throw new DTypeError(
      `${op}: values must be a number, boolean, (nested) array or typed array, got ${values === null ? 'null' : typeof values}`,
    );
  }
  if (dtype !== undefined && !isDType(dtype)) throw new ArgumentError(`${op}: dtype must be float32, int32 or bool, got ${String(dtype)}`);
  const inferred = inferShape(op, values);
  const $dtype = dtype ?? inferDType(values);
  let $shape = inferred;
  if (shape !== undefined) {
    $shape = checkShape(op, shape);
    const count = sizeFromShape(inferred);
    if (sizeFromShape($shape) !== count) {
      throw new ShapeError(
        `${op}: shape ${formatShape($shape)} needs ${sizeFromShape($shape)} values, got ${count} (values have shape ${formatShape(inferred)})`,
      );
    }
  }
  return ENGINE.makeTensor(flatValues(values, $dtype), $shape, $dtype, op);
}

/** A rank-0 tensor. */
export function scalar(value: number | boolean, dtype?: DType): Tensor {
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new DTypeError(
      `scalar: value must be a number or boolean, got ${Array.isArray(value) ? 'an array (use tensor1d)' : typeof value}`,
    );
  }
  return makeFromValues('scalar', value, [], dtype);
}

function ranked(op: string, rank: number, values: NestedArray | TypedArray, shape: Shape | undefined, dtype: DType | undefined): Tensor {
  if (shape !== undefined && shape.length !== rank) {
    throw new ShapeError(`${op}: shape must have ${rank} dimensions, got ${formatShape(shape)}`);
  }
  const inferred = inferShape(op, values);
  if (shape === undefined && inferred.length !== rank) {
    if (rank > 1 && inferred.length === 1) {
      throw new ShapeError(`${op}: flat values need a shape: pass ${op}(values, shape) with ${rank} dimensions`);
    }
    throw new ShapeError(`${op}: values must have rank ${rank}, got shape ${formatShape(inferred)}`);
  }
  if (shape !== undefined && inferred.length !== 1 && inferred.length !== rank) {
    throw new ShapeError(`${op}: values must be flat or of rank ${rank}, got shape ${formatShape(inferred)}`);
  }
  return makeFromValues(op, values, shape, dtype);
}

/** A rank-1 tensor. */
export function tensor1d(values: NestedArray | TypedArray, dtype?: DType): Tensor {
  return ranked('tensor1d', 1, values, undefined, dtype);
}

/** A rank-2 tensor from nested arrays, or from flat values and `shape`. */
export function tensor2d(values: NestedArray | TypedArray, shape?: readonly [number, number], dtype?: DType): Tensor {
  return ranked('tensor2d', 2, values, shape, dtype);
}

/** A rank-3 tensor from nested arrays, or from flat values and `shape`. */
export function tensor3d(values: NestedArray | TypedArray, shape?: readonly [number, number, number], dtype?: DType): Tensor {
  return ranked('tensor3d', 3, values, shape, dtype);
}

/** A rank-4 tensor from nested arrays, or from flat values and `shape`. */
export function tensor4d(values: NestedArray | TypedArray, shape?: readonly [number, number, number, number], dtype?: DType): Tensor {
  return ranked('tensor4d', 4, values, shape, dtype);
}
