/** Tensors of one repeated value: each runs the `fill` kernel. */
import { isDType, type DType } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { ArgumentError } from '../errors.js';
import { assertValidShape, type Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';

/** @internal Validates a user shape and returns a plain copy. */
export function checkShape(op: string, shape: Shape): number[] {
  if (!Array.isArray(shape)) throw new ArgumentError(`${op}: shape must be an array of dimensions, got ${String(shape)}`);
  assertValidShape(op, shape);
  return [...shape];
}

function checkDType(op: string, dtype: DType): void {
  if (!isDType(dtype)) throw new ArgumentError(`${op}: dtype must be float32, int32 or bool, got ${String(dtype)}`);
}

/** A tensor of `shape` whose every element is `value`; dtype defaults to bool for booleans, else float32. */
export function fill(shape: Shape, value: number | boolean, dtype?: DType): Tensor {
  const $dtype = dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32');
  checkDType('fill', $dtype);
  const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  if (typeof v !== 'number') throw new ArgumentError(`fill: value must be a number or boolean, got ${typeof value}`);
  return ENGINE.runKernel('fill', {}, { shape: checkShape('fill', shape), value: v, dtype: $dtype });
}

export function zeros(shape: Shape, dtype: DType = 'float32'): Tensor {
  checkDType('zeros', dtype);
  return ENGINE.runKernel('fill', {}, { shape: checkShape('zeros', shape), value: 0, dtype });
}

export function ones(shape: Shape, dtype: DType = 'float32'): Tensor {
  checkDType('ones', dtype);
  return ENGINE.runKernel('fill', {}, { shape: checkShape('ones', shape), value: 1, dtype });
}

/** Zeros with the shape and dtype of `x`. */
export function zerosLike(x: TensorLike): Tensor {
  const $x = convertToTensor(x, 'x', 'zerosLike');
  const y = ENGINE.runKernel('fill', {}, { shape: $x.shape, value: 0, dtype: $x.dtype });
  if ($x !== x) $x.dispose();
  return y;
}

/** Ones with the shape and dtype of `x`. */
export function onesLike(x: TensorLike): Tensor {
  const $x = convertToTensor(x, 'x', 'onesLike');
  const y = ENGINE.runKernel('fill', {}, { shape: $x.shape, value: 1, dtype: $x.dtype });
  if ($x !== x) $x.dispose();
  return y;
}
