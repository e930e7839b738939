/** Weight tensors to and from the little-endian binary layout of TensorFlow.js weight shards. */
import { ModelFormatError, type Tensor } from '@tensile/core';
import type { WeightDType, WeightsManifestEntry } from './types.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface NamedTensor {
  name: string;
  tensor: Tensor;
}

export interface DecodedWeight {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: WeightDType;
  readonly values: Float32Array | Int32Array | Uint8Array;
}

function bytesPer(dtype: WeightDType): number {
  return dtype === 'bool' ? 1 : 4;
}

/** TensorFlow.js' quantized weights store one value in this many bytes. */
const QUANTIZED_BYTES: Readonly<Record<string, number>> = { uint8: 1, uint16: 2, float16: 2 };

/**
 * The bytes one manifest entry occupies in its shard, or a ModelFormatError for a shape or dtype
 * that cannot be sized: the loaders compare this with the shard sizes before they read a byte.
 */
export function weightByteLength(s: WeightsManifestEntry, where: string): number {
  if (!Array.isArray(s.shape) || !s.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ModelFormatError(`loadModel: ${where}: weight '${s.name}' has a malformed shape ${JSON.stringify(s.shape)}`);
  }
  const width = s.quantization
    ? QUANTIZED_BYTES[s.quantization.dtype]
    : s.dtype === 'float32' || s.dtype === 'int32' || s.dtype === 'bool'
      ? bytesPer(s.dtype)
      : undefined;
  if (width === undefined) {
    throw new ModelFormatError(
      `loadModel: ${where}: weight '${s.name}' has unsupported dtype ${JSON.stringify(s.quantization?.dtype ?? s.dtype)}`,
    );
  }
  const bytes = s.shape.reduce((a, b) => a * b, width);
  if (!Number.isSafeInteger(bytes))
    throw new ModelFormatError(`loadModel: ${where}: weight '${s.name}' of shape [${s.shape.join(', ')}] is too large to load`);
  return bytes;
}

/** Reads every tensor (awaiting the device) and packs them in order. */
export async function encodeWeights(named: readonly NamedTensor[]): Promise<{ specs: WeightsManifestEntry[]; data: ArrayBuffer }> {
  const specs: WeightsManifestEntry[] = [];
  const chunks: Uint8Array[] = [];
  for (const { name, tensor } of named) {
    const values = await tensor.data();
    specs.push({ name, shape: [...tensor.shape], dtype: tensor.dtype });
    chunks.push(toLittleEndianBytes(values, tensor.dtype));
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return { specs, data: out.buffer };
}

function toLittleEndianBytes(values: Float32Array | Int32Array | Uint8Array, dtype: WeightDType): Uint8Array {
  if (dtype === 'bool' || LITTLE_ENDIAN)
    return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  const out = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => (dtype === 'float32' ? out.setFloat32(i * 4, v, true) : out.setInt32(i * 4, v, true)));
  return new Uint8Array(out.buffer);
}

/** Splits `data` by the manifest; a size mismatch (truncated or padded shard) is a ModelFormatError. */
export function decodeWeights(specs: readonly WeightsManifestEntry[], data: ArrayBuffer): DecodedWeight[] {
  let expected = 0;
  for (const s of specs) {
    if (s.quantization)
      throw new ModelFormatError(
        `loadModel: weight '${s.name}' is quantized (${s.quantization.dtype}); Tensile reads unquantized weights only`,
      );
    if (s.dtype !== 'float32' && s.dtype !== 'int32' && s.dtype !== 'bool') {
      throw new ModelFormatError(`loadModel: weight '${s.name}' has unsupported dtype ${JSON.stringify(s.dtype)}`);
    }
    if (!Array.isArray(s.shape) || !s.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new ModelFormatError(`loadModel: weight '${s.name}' has a malformed shape ${JSON.stringify(s.shape)}`);
    }
    expected += s.shape.reduce((a, b) => a * b, 1) * bytesPer(s.dtype);
  }
  if (data.byteLength !== expected) {
    throw new ModelFormatError(
      `loadModel: the weight data is ${data.byteLength} bytes but the manifest describes ${expected} bytes (truncated or corrupt shard?)`,
    );
  }
  const view = new DataView(data);
  let at = 0;
  return specs.map((s) => {
    const size = s.shape.reduce((a, b) => a * b, 1);
    let values: Float32Array | Int32Array | Uint8Array;
    if (s.dtype === 'bool') values = new Uint8Array(data.slice(at, at + size));
    else if (LITTLE_ENDIAN)
      values = s.dtype === 'float32' ? new Float32Array(data.slice(at, at + size * 4)) : new Int32Array(data.slice(at, at + size * 4));
    else {
      values = s.dtype === 'float32' ? new Float32Array(size) : new Int32Array(size);
      for (let i = 0; i < size; i++)
        values[i] = s.dtype === 'float32' ? view.getFloat32(at + i * 4, true) : view.getInt32(at + i * 4, true);
    }
    at += size * bytesPer(s.dtype);
    return { name: s.name, shape: [...s.shape], dtype: s.dtype, values };
  });
}
