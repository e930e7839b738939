import type { BackendValues, DType } from '../dtype.js';

/** One-hot rows; out-of-range indices leave their row at offValue, as TensorFlow does. */
export function oneHotInto(
  indices: Int32Array,
  count: number,
  depth: number,
  onValue: number,
  offValue: number,
  dst: BackendValues,
  dtype: DType,
): void {
  // bool storage holds 0/1 only.
  const toStored = (v: number): number => (dtype === 'bool' ? (v !== 0 ? 1 : 0) : v);
  dst.fill(toStored(offValue));
  const on = toStored(onValue);
  for (let i = 0; i < count; i++) {
    const v = indices[i];
    if (v >= 0 && v < depth) dst[i * depth + v] = on;
  }
}
