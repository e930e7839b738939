import { backendUtil, sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

export const unary: KernelFn<'unary', CpuBackend> = (backend, { x }, { op, alpha }, out) => {
  const size = sizeFromShape(out.shape);
  const src = backend.values(x);
  if (op === 'logicalNot') {
    const dst = new Uint8Array(size);
    backendUtil.logicalNotInto(src, dst);
    return backend.store(dst, 'bool');
  }
  if (src instanceof Int32Array) {
    const dst = new Int32Array(size);
    backendUtil.intUnaryInto(op, src, dst);
    return backend.store(dst, 'int32');
  }
  const dst = new Float32Array(size);
  backendUtil.floatUnaryInto(op, backend.floats(x), dst, alpha);
  return backend.store(dst, 'float32');
};
