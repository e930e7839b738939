import { sizeFromShape, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';

/** Over the last axis; the row maximum is subtracted first so exp never overflows. */
export const softmax: KernelFn<'softmax', CpuBackend> = (backend, { x }, _attrs, out) => {
  const xv = backend.floats(x);
  const size = sizeFromShape(out.shape);
  const d = out.shape[out.shape.length - 1];
  const y = new Float32Array(size);
  const e = new Float64Array(d);
  for (let r = 0; r < size; r += d) {
    let max = -Infinity;
    for (let i = 0; i < d; i++) max = Math.max(max, xv[r + i]);
    let sum = 0;
    for (let i = 0; i < d; i++) {
      e[i] = Math.exp(xv[r + i] - max);
      sum += e[i];
    }
    for (let i = 0; i < d; i++) y[r + i] = e[i] / sum;
  }
  return backend.store(y, 'float32');
};
