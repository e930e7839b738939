import { DTypeError } from './errors.js';

/** The element types a tensor can hold. `bool` is stored as one byte per element. */
export type DType = 'float32' | 'int32' | 'bool';

export const DTYPES: readonly DType[] = ['float32', 'int32', 'bool'];

export interface TypedArrayMap {
  float32: Float32Array;
  int32: Int32Array;
  bool: Uint8Array;
}

export type TypedArrayFor<D extends DType> = TypedArrayMap[D];
export type BackendValues = Float32Array | Int32Array | Uint8Array;

export function isDType(value: unknown): value is DType {
  return value === 'float32' || value === 'int32' || value === 'bool';
}

export function bytesPerElement(dtype: DType): number {
  return dtype === 'bool' ? 1 : 4;
}

export function makeTypedArray<D extends DType>(dtype: D, size: number): TypedArrayFor<D>;
export function makeTypedArray(dtype: DType, size: number): BackendValues {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'bool':
      return new Uint8Array(size);
  }
}

/** Converts values to the storage array of `dtype` (copies unless already the right type). */
export function toTypedArray(values: ArrayLike<number> | ArrayLike<boolean>, dtype: DType): BackendValues {
  const out = makeTypedArray(dtype, values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'boolean' ? (v ? 1 : 0) : dtype === 'bool' ? (v !== 0 ? 1 : 0) : (v as number);
  }
  return out;
}

export function dtypeOfArray(values: BackendValues): DType {
  if (values instanceof Float32Array) return 'float32';
  if (values instanceof Int32Array) return 'int32';
  return 'bool';
}

/** The dtype that both operands of an arithmetic op are promoted to (bool < int32 < float32). */
export function upcastType(a: DType, b: DType): DType {
  if (a === 'float32' || b === 'float32') return 'float32';
  if (a === 'int32' || b === 'int32') return 'int32';
  return 'bool';
}

export function assertDType(op: string, what: string, got: DType, allowed: readonly DType[]): void {
  if (!allowed.includes(got)) {
    throw new DTypeError(`${op}: ${what} must have dtype ${allowed.join(' or ')}, got ${got}`);
  }
}
