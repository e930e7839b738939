import type { BackendValues, DType } from '../dtype.js';

/** The dtype a typed array stores: each dtype has exactly one array type. */
export function dtypeOfValues(values: BackendValues): DType {
  if (values instanceof Float32Array) return 'float32';
  if (values instanceof Int32Array) return 'int32';
  return 'bool';
}

/**
 * Copies user-supplied `src` into storage `dst` of `dtype`. A caller may hand over numbers in
 * another array type; they are converted (bool: nonzero is 1), never reinterpreted bit-wise.
 */
export function writeValuesInto(src: BackendValues, dst: BackendValues, dtype: DType): void {
  if (dtypeOfValues(src) === dtype) {
    dst.set(src);
  } else {
    for (let i = 0; i < src.length; i++) dst[i] = dtype === 'bool' ? (src[i] !== 0 ? 1 : 0) : src[i];
  }
}
