/**
 * Turning the JS values users pass (numbers, booleans, nested arrays, typed arrays) into tensors,
 * and the dtype rules binary ops follow when one side is a JS value.
 */
import { toTypedArray, upcastType, type BackendValues, type DType } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { ArgumentError, DTypeError, ShapeError } from '../errors.js';
import { formatShape } from '../shape.js';
import { Tensor, type NestedArray } from '../tensor.js';

export type TypedArray = Float32Array | Int32Array | Uint8Array;

/** Anything an op accepts where it takes a tensor. */
export type TensorLike = Tensor | number | boolean | NestedArray | TypedArray;

export function isTypedArray(x: unknown): x is TypedArray {
  return x instanceof Float32Array || x instanceof Int32Array || x instanceof Uint8Array;
}

/** The dtype TensorFlow.js infers from JS values: Float32Array and numbers are float32,
 *  Int32Array and Uint8Array are int32, booleans are bool. */
export function inferDType(values: TensorLike): DType {
  if (values instanceof Tensor) return values.dtype;
  if (values instanceof Float32Array) return 'float32';
  if (isTypedArray(values)) return 'int32';
  let v: unknown = values;
  while (Array.isArray(v)) {
    if (v.length === 0) return 'float32';
    v = v[0];
  }
  return typeof v === 'boolean' ? 'bool' : 'float32';
}

/** The shape of nested arrays; throws on ragged arrays or non-numeric entries. */
export function inferShape(op: string, values: NestedArray | TypedArray): number[] {
  if (isTypedArray(values)) return [values.length];
  if (!Array.isArray(values)) return [];
  const shape: number[] = [];
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  checkNesting(op, values, shape, 0, []);
  return shape;
}

function checkNesting(op: string, v: NestedArray, shape: number[], dim: number, at: number[]): void {
  const where = at.length === 0 ? 'values' : `values[${at.join('][')}]`;
  if (dim === shape.length) {
    if (Array.isArray(v)) {
      throw new ShapeError(
        `${op}: ${where} is nested deeper than the rest (expected shape ${formatShape(shape)}); arrays must not be ragged`,
      );
    }
    if (typeof v !== 'number' && typeof v !== 'boolean') {
      throw new DTypeError(`${op}: values must be numbers or booleans, got ${typeof v} at ${where}`);
    }
    return;
  }
  if (!Array.isArray(v) || v.length !== shape[dim]) {
    const got = Array.isArray(v) ? `length ${v.length}` : 'a scalar';
    throw new ShapeError(
      `${op}: ${where} has ${got}, expected length ${shape[dim]} (shape ${formatShape(shape)}); arrays must not be ragged`,
    );
  }
  for (let i = 0; i < v.length; i++) checkNesting(op, v[i], shape, dim + 1, [...at, i]);
}

function flatten(values: NestedArray, out: (number | boolean)[]): void {
  if (Array.isArray(values)) for (const v of values) flatten(v, out);
  else out.push(values);
}

/** Row-major storage for `values` in `dtype`. */
export function flatValues(values: NestedArray | TypedArray, dtype: DType): BackendValues {
  if (isTypedArray(values)) {
    const matches =
      (dtype === 'float32' && values instanceof Float32Array) ||
      (dtype === 'int32' && values instanceof Int32Array) ||
      (dtype === 'bool' && values instanceof Uint8Array);
    return matches ? values : toTypedArray(values, dtype);
  }
  const flat: (number | boolean)[] = [];
  flatten(values, flat);
  return toTypedArray(
    flat.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)),
    dtype,
  );
}

/**
 * Checks that JS values convert to `dtype` without losing information: converting 0.5 to int32
 * to match the other operand would silently give 0, so it is an error (as in TensorFlow).
 */
function checkRepresentable(values: ArrayLike<number | boolean>, dtype: DType, argName: string, opName: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'boolean') {
      if (dtype !== 'bool') throw new DTypeError(`${opName}: ${argName} holds booleans but must be ${dtype}`);
      continue;
    }
    if (dtype === 'int32' && !Number.isInteger(v)) {
      throw new DTypeError(`${opName}: ${argName} holds ${v}, which is not an int32; cast the other operand to float32 or pass integers`);
    }
    if (dtype === 'bool' && v !== 0 && v !== 1) {
      throw new DTypeError(`${opName}: ${argName} holds ${v}, which is not a bool`);
    }
  }
}

/**
 * `x` as a tensor. Tensors pass through (checked not disposed); JS values become a new tensor of
 * `dtypeHint` (when given) or of the inferred dtype. A hint never silently loses information.
 */
export function convertToTensor(x: TensorLike, argName: string, opName: string, dtypeHint?: DType): Tensor {
  if (x instanceof Tensor) {
    x.throwIfDisposed(opName);
    return x;
  }
  if (x === null || x === undefined) {
    throw new ArgumentError(`${opName}: argument '${argName}' is required, got ${x}`);
  }
  if (typeof x === 'string' || (typeof x === 'object' && !Array.isArray(x) && !isTypedArray(x))) {
    throw new DTypeError(`${opName}: argument '${argName}' must be a Tensor, number, boolean or (nested) array, got ${describe(x)}`);
  }
  const shape = inferShape(opName, x);
  const dtype = dtypeHint ?? inferDType(x);
  if (dtypeHint !== undefined) {
    if (isTypedArray(x)) {
      checkRepresentable(x, dtypeHint, `'${argName}'`, opName);
    } else {
      const list: (number | boolean)[] = [];
      flatten(x, list);
      checkRepresentable(list, dtypeHint, `'${argName}'`, opName);
    }
  }
  return ENGINE.makeTensor(flatValues(x, dtype), shape, dtype, opName);
}

function describe(x: unknown): string {
  if (typeof x === 'string') return `the string '${x}'`;
  return x === null ? 'null' : typeof x === 'object' ? (x.constructor?.name ?? 'an object') : typeof x;
}

/**
 * Both operands of a binary op as tensors of one dtype. A JS value takes the other operand's
 * dtype; two tensors must already agree (no silent promotion); two JS values promote together.
 */
export function convertPair(a: TensorLike, b: TensorLike, opName: string, names: readonly [string, string] = ['a', 'b']): [Tensor, Tensor] {
  const [na, nb] = names;
  if (a instanceof Tensor && b instanceof Tensor) {
    a.throwIfDisposed(opName);
    b.throwIfDisposed(opName);
    if (a.dtype !== b.dtype) {
      throw new DTypeError(
        `${opName}: ${na} and ${nb} must have the same dtype, got ${a.dtype} and ${b.dtype}; cast one with cast(x, '${upcastType(a.dtype, b.dtype)}')`,
      );
    }
    return [a, b];
  }
  if (a instanceof Tensor) return [convertToTensor(a, na, opName), withHint(b, nb, opName, a.dtype)];
  if (b instanceof Tensor) return [withHint(a, na, opName, b.dtype), convertToTensor(b, nb, opName)];
  const dtype = upcastType(inferDType(a), inferDType(b));
  return [convertToTensor(a, na, opName, dtype), convertToTensor(b, nb, opName, dtype)];
}

function withHint(x: TensorLike, argName: string, opName: string, dtype: DType): Tensor {
  try {
    return convertToTensor(x, argName, opName, dtype);
  } catch (err) {
    if (err instanceof DTypeError) {
      throw new DTypeError(`${err.message} (it takes the dtype of the other operand, ${dtype})`);
    }
    throw err;
  }
}

/** A scalar tensor of `dtype`, for constants inside ops. */
export function scalarOf(value: number, dtype: DType): Tensor {
  const values = toTypedArray([value], dtype);
  return ENGINE.makeTensor(values, [], dtype, 'scalar');
}
