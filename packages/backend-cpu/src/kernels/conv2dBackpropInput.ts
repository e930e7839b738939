import type { KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { gemm } from './util/gemm.js';
import { chunkRows, col2im, convGeometry, isPointwise } from './util/conv.js';

/**
 * dx = col2im(dy * filter^T). The filter, as a [kk, co] matrix, is already the transposed right
 * operand gemm wants, so no packing is needed.
 */
export const conv2dBackpropInput: KernelFn<'conv2dBackpropInput', CpuBackend> = (backend, { dy, filter }, attrs, out) => {
  const g = convGeometry(attrs.inputShape, filter.shape, dy.shape, attrs);
  const dyv = backend.floats(dy);
  const f = backend.floats(filter);
  const dx = new Float32Array(g.n * g.h * g.w * g.ci);
  const { kk, co } = g;
  if (isPointwise(g)) {
    gemm(g.pixels, kk, co, dyv, 0, co, f, 0, co, dx, 0, kk, false);
    return backend.store(dx, out.dtype);
  }
  const rows = chunkRows(g);
  const dcol = new Float32Array(Math.min(rows, g.pixels) * kk);
  for (let p0 = 0; p0 < g.pixels; p0 += rows) {
    const p1 = Math.min(p0 + rows, g.pixels);
    gemm(p1 - p0, kk, co, dyv, p0 * co, co, f, 0, co, dcol, 0, kk, false);
    col2im(dcol, g, p0, p1, dx);
  }
  return backend.store(dx, out.dtype);
};
