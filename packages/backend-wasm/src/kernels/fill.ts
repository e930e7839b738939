import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

export const fill: KernelFn<'fill', WasmBackend> = (backend, _inputs, { value, dtype }, out) => {
  const y = backend.allocData(sizeFromShape(out.shape), dtype);
  backend.view(y).fill(dtype === 'bool' ? (value !== 0 ? 1 : 0) : value);
  return y;
};
