/**
 * A tensor's storage on the device: a handle to a block from the addon's caching allocator.
 * Every dtype takes 4 bytes an element: bool is kept as int32 0/1, so the kernels move values as
 * 32-bit words and never need a byte path. int32 tensors written from the host keep a host copy
 * when small, so `gather` can check its indices without a device round trip.
 */
import type { DType } from '@tensile/core';

/** int32 tensors of at most this many elements written from the host keep a host copy. */
export const HOST_COPY_LIMIT = 65_536;

export class CudaData {
  disposed = false;
  constructor(
    readonly handle: number,
    readonly size: number,
    readonly dtype: DType,
    /** Set for int32 tensors written from the host (small ones only). */
    readonly hostInts?: Int32Array,
  ) {}

  get bytes(): number {
    return this.size * 4;
  }
}

/** The 32-bit words a dtype's values are stored as. */
export function toWords(values: Float32Array | Int32Array | Uint8Array, dtype: DType): Float32Array | Int32Array {
  if (dtype === 'float32') return values instanceof Float32Array ? values : Float32Array.from(values);
  if (dtype === 'bool') return Int32Array.from(values, (v) => (v !== 0 ? 1 : 0));
  return values instanceof Int32Array ? values : Int32Array.from(values);
}

/** A read-back buffer as the dtype's typed array (bool: Uint8Array of 0/1). */
export function fromWords(buffer: ArrayBuffer, size: number, dtype: DType): Float32Array | Int32Array | Uint8Array {
  if (dtype === 'float32') return new Float32Array(buffer, 0, size);
  const ints = new Int32Array(buffer, 0, size);
  return dtype === 'bool' ? Uint8Array.from(ints) : ints;
}
