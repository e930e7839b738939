/**
 * Convolution as matrix multiplication. Output pixels p = (n, oy, ox) are rows; a row of the
 * patch matrix ("col") holds the input values under the filter, ordered (ky, kx, ci) like the
 * rows of an HWIO filter seen as a [fh*fw*ci, co] matrix. Pixels are processed in chunks so the
 * patch buffer stays about L2-sized whatever the batch.
 */
import { backendUtil, type Conv2dAttrs, type Shape } from '@tensile/core';
import { gemm } from './gemm.js';

/** Core's, shared by every backend (backendUtil). The annotation names the type through this
 *  module: the one the bundled core declarations give cannot be named in ours. */
export type ConvGeometry = backendUtil.ConvGeometry;
export const convGeometry: (xShape: Shape, filterShape: Shape, yShape: Shape, attrs: Conv2dAttrs) => ConvGeometry =
  backendUtil.convGeometry;

/** A 1x1, stride-1, unpadded convolution is a plain matmul on x itself: no patch matrix needed. */
export function isPointwise(g: ConvGeometry): boolean {
  return g.fh === 1 && g.fw === 1 && g.sh === 1 && g.sw === 1 && g.pt === 0 && g.pl === 0 && g.oh === g.h && g.ow === g.w;
}

/** Pixels per chunk, so that a chunk's patch matrix is about 256 KiB. */
export function chunkRows(g: ConvGeometry): number {
  return Math.max(4, Math.floor(65536 / Math.max(1, g.kk)));
}

/**
 * Calls `visit(p0, p1)` for each chunk, with the patch rows of pixels [p0, p1) written to `col`:
 * row-major [p1 - p0, kk] when `transposed` is false, else [kk, p1 - p0].
 */
export function forEachPatchChunk(
  x: Float32Array,
  g: ConvGeometry,
  col: Float32Array,
  rows: number,
  transposed: boolean,
  visit: (p0: number, p1: number) => void,
): void {
  for (let p0 = 0; p0 < g.pixels; p0 += rows) {
    const p1 = Math.min(p0 + rows, g.pixels);
    im2col(x, g, p0, p1, col, transposed);
    visit(p0, p1);
  }
}

function im2col(x: Float32Array, g: ConvGeometry, p0: number, p1: number, col: Float32Array, transposed: boolean): void {
  const { h, w, ci, fh, fw, oh, ow, sh, sw, dh, dw, pt, pl, kk } = g;
  const cols = p1 - p0;
  // Element (row r, patch index q) lives at r*kk + q, or at q*cols + r when transposed.
  const rowStep = transposed ? 1 : kk;
  const qStep = transposed ? cols : 1;
  const span = fw * ci;
  let ox = p0 % ow;
  let oy = Math.floor(p0 / ow) % oh;
  let n = Math.floor(p0 / (ow * oh));
  for (let r = 0; r < cols; r++) {
    const ix0 = ox * sw - pl;
    // In-bounds filter columns [kx0, kx1); outside them the patch is zero padding.
    const kx0 = ix0 >= 0 ? 0 : Math.min(fw, Math.ceil(-ix0 / dw));
    const kx1 = Math.max(kx0, Math.min(fw, Math.ceil((w - ix0) / dw)));
    for (let ky = 0; ky < fh; ky++) {
      const iy = oy * sh - pt + ky * dh;
      let d = r * rowStep + ky * span * qStep;
      if (iy < 0 || iy >= h) {
        for (let q = 0; q < span; q++, d += qStep) col[d] = 0;
        continue;
      }
      for (let q = 0; q < kx0 * ci; q++, d += qStep) col[d] = 0;
      const rowStart = (n * h + iy) * w;
      if (dw === 1) {
        // Neighbouring filter columns read neighbouring pixels: one contiguous run of x.
        const src = (rowStart + ix0 + kx0) * ci;
        const len = (kx1 - kx0) * ci;
        for (let q = 0; q < len; q++, d += qStep) col[d] = x[src + q];
      } else {
        for (let kx = kx0; kx < kx1; kx++) {
          const src = (rowStart + ix0 + kx * dw) * ci;
          for (let c = 0; c < ci; c++, d += qStep) col[d] = x[src + c];
        }
      }
      for (let q = kx1 * ci; q < span; q++, d += qStep) col[d] = 0;
    }
    if (++ox === ow) {
      ox = 0;
      if (++oy === oh) {
        oy = 0;
        n++;
      }
    }
  }
}

/** Adds each patch row of pixels [p0, p1) (row-major [p1 - p0, kk]) back onto dx: the adjoint of im2col. */
export function col2im(dcol: Float32Array, g: ConvGeometry, p0: number, p1: number, dx: Float32Array): void {
  const { h, w, ci, fh, fw, oh, ow, sh, sw, dh, dw, pt, pl, kk } = g;
  let ox = p0 % ow;
  let oy = Math.floor(p0 / ow) % oh;
  let n = Math.floor(p0 / (ow * oh));
  for (let r = 0; r < p1 - p0; r++) {
    let q = r * kk;
    for (let ky = 0; ky < fh; ky++) {
      const iy = oy * sh - pt + ky * dh;
      for (let kx = 0; kx < fw; kx++, q += ci) {
        const ix = ox * sw - pl + kx * dw;
        if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
        const dst = ((n * h + iy) * w + ix) * ci;
        for (let c = 0; c < ci; c++) dx[dst + c] += dcol[q + c];
      }
    }
    if (++ox === ow) {
      ox = 0;
      if (++oy === oh) {
        oy = 0;
        n++;
      }
    }
  }
}

/** y[pixels, co] = patches(x) * filter, the forward convolution. */
export function convForward(x: Float32Array, filter: Float32Array, g: ConvGeometry): Float32Array {
  const { kk, co } = g;
  const y = new Float32Array(g.pixels * co);
  const ft = new Float32Array(kk * co);
  backendUtil.transpose2d(filter, 0, kk, co, ft, 0);
  if (isPointwise(g)) {
    gemm(g.pixels, co, kk, x, 0, kk, ft, 0, kk, y, 0, co, false);
    return y;
  }
  const rows = chunkRows(g);
  const col = new Float32Array(Math.min(rows, g.pixels) * kk);
  forEachPatchChunk(x, g, col, rows, false, (p0, p1) => {
    gemm(p1 - p0, co, kk, col, 0, kk, ft, 0, kk, y, p0 * co, co, false);
  });
  return y;
}
