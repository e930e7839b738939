/**
 * Where tensors live: one gpu.js Texture per tensor, always seen as a flat 1-D array of `size`
 * float32 values (gpu.js packs it into a 2-D RGBA32F texture). int32 and bool are stored as
 * floats, exactly, so integers are exact up to 2^24 in magnitude. A tensor of size 0 has no
 * texture: gpu.js cannot make one.
 */
import { DisposedError, type BackendValues, type DataId, type DType } from '@tensile/core';
import type { Texture } from 'gpu.js';

export interface Stored {
  readonly texture: Texture | null;
  readonly dtype: DType;
  readonly size: number;
  /** A host copy of small int32 uploads: gather checks its indices without a readback, and a
   *  read returns the exact values (floats hold integers exactly only up to 2^24). */
  readonly host?: Int32Array;
}

/** int32 uploads up to this many elements keep a host copy (see `Stored.host`). */
export const HOST_COPY_LIMIT = 1 << 16;

export class TextureStore {
  private readonly data = new Map<DataId, Stored>();
  private bytes = 0;

  add(stored: Stored): DataId {
    const dataId: DataId = {};
    this.data.set(dataId, stored);
    this.bytes += stored.size * 4;
    return dataId;
  }

  get(dataId: DataId): Stored {
    const stored = this.data.get(dataId);
    if (stored === undefined) {
      throw new DisposedError('webgl: no data for this tensor; it was disposed, or it belongs to another backend');
    }
    return stored;
  }

  delete(dataId: DataId): void {
    const stored = this.data.get(dataId);
    if (stored === undefined) return;
    this.data.delete(dataId);
    this.bytes -= stored.size * 4;
    stored.texture?.delete();
  }

  clear(): void {
    for (const id of [...this.data.keys()]) this.delete(id);
  }

  get numBytes(): number {
    return this.bytes;
  }

  get count(): number {
    return this.data.size;
  }
}

/** The float32 upload of any dtype's values (int32 and bool converted exactly). */
export function toFloats(values: BackendValues): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

/** The dtype's typed array from the floats read back (int32 rounded, bool as 0/1). */
export function fromFloats(floats: Float32Array, size: number, dtype: DType): BackendValues {
  if (dtype === 'float32') return floats.length === size ? floats.slice() : floats.slice(0, size);
  if (dtype === 'int32') {
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = Math.round(floats[i]);
    return out;
  }
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = floats[i] !== 0 ? 1 : 0;
  return out;
}
