import { backendUtil, sizeFromShape, type BinaryOp, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { MIN_ELEMENTS_PER_THREAD } from './util/split.js';

/** Op codes of assembly/elementwise.ts. */
const FLOAT_OPS: Partial<Record<BinaryOp, number>> = {
  add: 0, sub: 1, mul: 2, div: 3, minimum: 4, maximum: 5, squaredDifference: 6, pow: 7, floorDiv: 8, mod: 9,
};

/**
 * float32 arithmetic runs in wasm; comparisons, int32 arithmetic and float32 of rank > 4 after
 * merging (rare) run core's shared typed-array loops over heap views.
 */
export const binary: KernelFn<'binary', WasmBackend> = (backend, { a, b }, { op }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.allocData(size, out.dtype);
  const code = FLOAT_OPS[op];
  if (out.dtype === 'float32' && code !== undefined) {
    const m = backendUtil.mergeBroadcast(out.shape, a.shape, b.shape);
    if (m.dims.length <= 4 && size > 0) {
      while (m.dims.length < 4) {
        m.dims.unshift(1);
        m.as.unshift(0);
        m.bs.unshift(0);
      }
      const p = backend.params(code, backend.ptr(a), backend.ptr(b), y.ptr, ...m.dims, ...m.as, ...m.bs);
      const outer = m.dims[0] * m.dims[1] * m.dims[2];
      // Units are outer rows, or the elements of the single run.
      backend.run('binary', p, outer === 1 ? m.dims[3] : outer, outer === 1 ? MIN_ELEMENTS_PER_THREAD : Math.ceil(MIN_ELEMENTS_PER_THREAD / m.dims[3]));
      return y;
    }
  }
  backendUtil.binaryInto(op, backend.values(a), a.shape, backend.values(b), b.shape, backend.view(y), out.shape, out.dtype);
  return y;
};
