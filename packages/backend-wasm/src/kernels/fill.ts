import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

export const fill: KernelFn<'fill', WasmBackend> = (backend, _inputs, { value, dtype }, out) => {
  const y = backend.allocData(sizeFromShape(out.shape), dtype);
  backend.fillData(y, value);
  return y;
};
