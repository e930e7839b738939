import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

export const pad: KernelFn<'pad', WasmBackend> = (backend, { x }, { paddings, constantValue }, out) => {
  const y = backend.allocData(sizeFromShape(out.shape), out.dtype);
  backendUtil.padInto(backend.values(x), x.shape, paddings, constantValue, backend.view(y), out.shape, out.dtype);
  return y;
};
