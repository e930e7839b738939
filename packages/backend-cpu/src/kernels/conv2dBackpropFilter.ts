import { backendUtil, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { gemm } from './util/gemm.js';
import { chunkRows, convGeometry, forEachPatchChunk, type ConvGeometry } from './util/conv.js';

/**
 * dfilter[kk, co] = patches(x)^T * dy, summed chunk by chunk over output pixels. Patches are
 * built already transposed ([kk, pixels]) and each dy chunk is transposed to [co, pixels], so
 * gemm reads both along the pixel (reduction) dimension.
 */
export const conv2dBackpropFilter: KernelFn<'conv2dBackpropFilter', CpuBackend> = (backend, { x, dy }, attrs, out) =>
  backend.store(
    filterGradValues(backend.floats(x), backend.floats(dy), convGeometry(x.shape, attrs.filterShape, dy.shape, attrs)),
    out.dtype,
  );

/** The filter gradient's values from x's and dy's (the gradient at the conv's output). */
export function filterGradValues(xv: Float32Array, dyv: Float32Array, g: ConvGeometry): Float32Array {
  const { kk, co } = g;
  const df = new Float32Array(kk * co);
  const rows = chunkRows(g);
  const cap = Math.min(rows, g.pixels);
  const colT = new Float32Array(cap * kk);
  const dyT = new Float32Array(cap * co);
  forEachPatchChunk(xv, g, colT, rows, true, (p0, p1) => {
    const len = p1 - p0;
    backendUtil.transpose2d(dyv, p0 * co, len, co, dyT, 0);
    gemm(kk, co, len, colT, 0, len, dyT, 0, len, df, 0, co, p0 > 0);
  });
  return df;
}
