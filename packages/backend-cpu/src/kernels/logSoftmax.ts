import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/** x - max - log(sum(exp(x - max))) over the last axis: finite for any finite input. */
export const logSoftmax: KernelFn<'logSoftmax', CpuBackend> = (backend, { x }, _attrs, out) => {
  const xv = backend.floats(x);
  const size = sizeFromShape(out.shape);
  const d = out.shape[out.shape.length - 1];
  const y = new Float32Array(size);
  for (let r = 0; r < size; r += d) {
    let max = -Infinity;
    for (let i = 0; i < d; i++) max = Math.max(max, xv[r + i]);
    let sum = 0;
    for (let i = 0; i < d; i++) sum += Math.exp(xv[r + i] - max);
    const shift = max + Math.log(sum);
    for (let i = 0; i < d; i++) y[r + i] = xv[r + i] - shift;
  }
  return backend.store(y, 'float32');
};
