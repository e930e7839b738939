import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

export const select: KernelFn<'select', WasmBackend> = (backend, { condition, a, b }, _attrs, out) => {
  const y = backend.allocData(sizeFromShape(out.shape), out.dtype);
  backendUtil.selectInto(
    backend.values(condition),
    condition.shape,
    backend.values(a),
    a.shape,
    backend.values(b),
    b.shape,
    backend.view(y),
    out.shape,
  );
  return y;
};
