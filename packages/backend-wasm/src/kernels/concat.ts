import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

export const concat: KernelFn<'concat', WasmBackend> = (backend, { xs }, { axis }, out) => {
  const y = backend.allocData(sizeFromShape(out.shape), out.dtype);
  backendUtil.concatInto(
    xs.map((t) => ({ values: backend.values(t), shape: t.shape })),
    axis,
    backend.view(y),
    out.shape,
  );
  return y;
};
