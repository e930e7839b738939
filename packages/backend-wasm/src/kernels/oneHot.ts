import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

export const oneHot: KernelFn<'oneHot', WasmBackend> = (backend, { indices }, { depth, onValue, offValue, dtype }, out) => {
  const y = backend.allocData(sizeFromShape(out.shape), dtype);
  const count = sizeFromShape(indices.shape);
  backendUtil.oneHotInto(backend.ints(indices), count, depth, onValue, offValue, backend.view(y), dtype);
  return y;
};
