import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

export const slice: KernelFn<'slice', WasmBackend> = (backend, { x }, { begin, size }, out) => {
  const y = backend.allocData(sizeFromShape(size), out.dtype);
  // Views are taken after the allocation, which may grow (and so detach) the heap.
  backendUtil.sliceInto(backend.values(x), x.shape, begin, size, backend.view(y));
  return y;
};
