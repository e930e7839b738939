import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

/** Out-of-range indices leave their row at offValue, as TensorFlow does. */
export const oneHot: KernelFn<'oneHot', WasmBackend> = (backend, { indices }, { depth, onValue, offValue, dtype }, out) => {
  const y = backend.allocData(sizeFromShape(out.shape), dtype);
  const idx = backend.ints(indices);
  const count = sizeFromShape(indices.shape);
  const dst = backend.view(y);
  const toStored = (v: number): number => (dtype === 'bool' ? (v !== 0 ? 1 : 0) : v);
  dst.fill(toStored(offValue));
  const on = toStored(onValue);
  for (let i = 0; i < count; i++) {
    const v = idx[i];
    if (v >= 0 && v < depth) dst[i * depth + v] = on;
  }
  return y;
};
