// Convolutions as GEMMs over chunks of output pixels, so a chunk's patch matrix ("col", rows of
// fh*fw*ci values ordered like the rows of an HWIO filter) stays in L2 whatever the batch.
// Parallel units: pixel chunks (forward, filter gradient) or whole images (input gradient, whose
// col2im scatters into the image's own pixels only).
import { activate } from './math';
import { INIT_ACCUMULATE, INIT_BIAS, INIT_ZERO, gemmPacked, packB, packedBytes } from './gemm';
import { imax, imin, loadPart, storePart } from './common';
// The parameter block of every convolution kernel; `packed` is the filter packed once per call
// by the caller (packConvFilter / packConvFilterT), read by every share.
import { ConvParams } from './generated/layouts';

/** Copies n floats; a partial last vector goes lane by lane (no scalar tail loop). */
// @ts-ignore: decorator
@inline function copyF32(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  if (i < n) storePart(dst + (<usize>i << 2), loadPart(src + (<usize>i << 2), n - i), n - i);
}

/** dst[0..n) += src[0..n); a partial last vector goes lane by lane. */
// @ts-ignore: decorator
@inline function addF32(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const d = dst + (<usize>i << 2);
    v128.store(d, f32x4.add(v128.load(d), v128.load(src + (<usize>i << 2))));
  }
  if (i < n) {
    const d = dst + (<usize>i << 2);
    storePart(d, f32x4.add(loadPart(d, n - i), loadPart(src + (<usize>i << 2), n - i)), n - i);
  }
}

/** Writes the patch rows of pixels [p0, p1) to col, row-major [p1 - p0, fh*fw*ci]. */
function im2col(p: usize, x: usize, p0: i32, p1: i32, col: usize): void {
  const h = ConvParams.h(p), w = ConvParams.w(p), ci = ConvParams.ci(p), fh = ConvParams.fh(p), fw = ConvParams.fw(p);
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), sh = ConvParams.sh(p), sw = ConvParams.sw(p), dh = ConvParams.dh(p), dw = ConvParams.dw(p);
  const pt = ConvParams.pt(p), pl = ConvParams.pl(p);
  const rowLen = fw * ci;
  let ox = p0 % ow;
  let oy = (p0 / ow) % oh;
  let b = p0 / (ow * oh);
  let d = col;
  for (let r = p0; r < p1; r++) {
    const ix0 = ox * sw - pl;
    const contiguous = dw == 1 && ix0 >= 0 && ix0 + fw <= w;
    for (let ky = 0; ky < fh; ky++) {
      const iy = oy * sh - pt + ky * dh;
      if (iy < 0 || iy >= h) {
        memory.fill(d, 0, <usize>rowLen << 2);
      } else {
        const rowBase = x + ((<usize>(b * h + iy) * <usize>w) * <usize>ci << 2);
        if (contiguous) {
          copyF32(d, rowBase + ((<usize>ix0 * <usize>ci) << 2), rowLen);
        } else {
          for (let kx = 0; kx < fw; kx++) {
            const ix = ix0 + kx * dw;
            const dd = d + ((<usize>kx * <usize>ci) << 2);
            if (ix < 0 || ix >= w) memory.fill(dd, 0, <usize>ci << 2);
            else copyF32(dd, rowBase + ((<usize>ix * <usize>ci) << 2), ci);
          }
        }
      }
      d += <usize>rowLen << 2;
    }
    if (++ox == ow) {
      ox = 0;
      if (++oy == oh) { oy = 0; b++; }
    }
  }
}

/** Adds each patch row of pixels [p0, p1) back onto dx: the adjoint of im2col. */
function col2im(p: usize, dcol: usize, p0: i32, p1: i32, dx: usize): void {
  const h = ConvParams.h(p), w = ConvParams.w(p), ci = ConvParams.ci(p), fh = ConvParams.fh(p), fw = ConvParams.fw(p);
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), sh = ConvParams.sh(p), sw = ConvParams.sw(p), dh = ConvParams.dh(p), dw = ConvParams.dw(p);
  const pt = ConvParams.pt(p), pl = ConvParams.pl(p);
  const rowLen = fw * ci;
  let ox = p0 % ow;
  let oy = (p0 / ow) % oh;
  let b = p0 / (ow * oh);
  let s = dcol;
  for (let r = p0; r < p1; r++) {
    const ix0 = ox * sw - pl;
    const contiguous = dw == 1 && ix0 >= 0 && ix0 + fw <= w;
    for (let ky = 0; ky < fh; ky++) {
      const iy = oy * sh - pt + ky * dh;
      if (iy >= 0 && iy < h) {
        const rowBase = dx + ((<usize>(b * h + iy) * <usize>w) * <usize>ci << 2);
        if (contiguous) {
          addF32(rowBase + ((<usize>ix0 * <usize>ci) << 2), s, rowLen);
        } else {
          for (let kx = 0; kx < fw; kx++) {
            const ix = ix0 + kx * dw;
            if (ix >= 0 && ix < w) addF32(rowBase + ((<usize>ix * <usize>ci) << 2), s + ((<usize>kx * <usize>ci) << 2), ci);
          }
        }
      }
      s += <usize>rowLen << 2;
    }
    if (++ox == ow) {
      ox = 0;
      if (++oy == oh) { oy = 0; b++; }
    }
  }
}

// @ts-ignore: decorator
@inline function isPointwise(p: usize): bool {
  return ConvParams.fh(p) == 1 && ConvParams.fw(p) == 1 && ConvParams.sh(p) == 1 && ConvParams.sw(p) == 1 && ConvParams.pt(p) == 0 && ConvParams.pl(p) == 0
    && ConvParams.oh(p) == ConvParams.h(p) && ConvParams.ow(p) == ConvParams.w(p);
}

/** The share's scratch: a chunk's patch matrix (and, in the filter gradient, packed dy first). */
// @ts-ignore: decorator
@inline function scratchOf(p: usize, tid: i32): usize {
  return ConvParams.scratch(p) + <usize>tid * ConvParams.scratchStride(p);
}

/** Packs the filter [kk, co] into `packed`: B of the forward convolutions (this file's and direct.ts's). */
export function packConvFilter(p: usize): void {
  const co = ConvParams.co(p);
  packB(ConvParams.f(p), ConvParams.fh(p) * ConvParams.fw(p) * ConvParams.ci(p), co, co, 1, ConvParams.packed(p));
}

/** Packs filter^T [co, kk] into `packed`: B of conv2dBackpropInput. */
export function packConvFilterT(p: usize): void {
  const co = ConvParams.co(p);
  packB(ConvParams.f(p), co, ConvParams.fh(p) * ConvParams.fw(p) * ConvParams.ci(p), 1, co, ConvParams.packed(p));
}

/** y = act(conv(x, f) + bias) for pixel chunks [begin, end). */
export function conv2d(p: usize, begin: i32, end: i32, tid: i32): void {
  const ci = ConvParams.ci(p), co = ConvParams.co(p);
  const kk = ConvParams.fh(p) * ConvParams.fw(p) * ci;
  const pixels = ConvParams.n(p) * ConvParams.oh(p) * ConvParams.ow(p);
  const chunk = ConvParams.chunk(p);
  const bp = ConvParams.packed(p);
  const col = scratchOf(p, tid);
  const bias = ConvParams.bias(p);
  const act = ConvParams.act(p);
  const y = ConvParams.y(p);
  const pointwise = isPointwise(p);
  for (let u = begin; u < end; u++) {
    const p0 = u * chunk;
    const p1 = imin(pixels, p0 + chunk);
    let a = col;
    if (pointwise) a = ConvParams.x(p) + ((<usize>p0 * <usize>ci) << 2);
    else im2col(p, ConvParams.x(p), p0, p1, col);
    const c = y + ((<usize>p0 * <usize>co) << 2);
    gemmPacked(p1 - p0, co, kk, a, kk, 1, bp, c, co, bias != 0 ? INIT_BIAS : INIT_ZERO, bias);
    activate(c, p1 - p0, co, co, act);
  }
}

/** dx = col2im(dy * f^T) for images [begin, end). */
export function conv2dBackpropInput(p: usize, begin: i32, end: i32, tid: i32): void {
  const h = ConvParams.h(p), w = ConvParams.w(p), ci = ConvParams.ci(p), co = ConvParams.co(p);
  const kk = ConvParams.fh(p) * ConvParams.fw(p) * ci;
  const perImage = ConvParams.oh(p) * ConvParams.ow(p);
  const chunk = imax(1, ConvParams.chunk(p));
  // B = f^T, packed by packConvFilterT: element (c, q) of the [co, kk] operand is f[q * co + c].
  const bp = ConvParams.packed(p);
  const dcol = scratchOf(p, tid);
  const dy = ConvParams.y(p);
  const dx = ConvParams.x(p);
  if (isPointwise(p)) {
    const p0 = begin * perImage;
    gemmPacked((end - begin) * perImage, kk, co, dy + ((<usize>p0 * <usize>co) << 2), co, 1, bp,
      dx + ((<usize>p0 * <usize>ci) << 2), kk, INIT_ZERO, 0);
    return;
  }
  const imageFloats = <usize>h * <usize>w * <usize>ci;
  memory.fill(dx + ((<usize>begin * imageFloats) << 2), 0, (<usize>(end - begin) * imageFloats) << 2);
  const last = end * perImage;
  for (let p0 = begin * perImage; p0 < last; p0 += chunk) {
    const p1 = imin(last, p0 + chunk);
    gemmPacked(p1 - p0, kk, co, dy + ((<usize>p0 * <usize>co) << 2), co, 1, bp, dcol, kk, INIT_ZERO, 0);
    col2im(p, dcol, p0, p1, dx);
  }
}

/**
 * df[kk, co] = sum over pixel chunks [begin, end) of col^T * dy. Thread 0 writes df itself; thread
 * t > 0 writes its partial sum to `partials` + (t - 1) * kk * co floats, added up by the caller.
 */
export function conv2dBackpropFilter(p: usize, begin: i32, end: i32, tid: i32): void {
  const ci = ConvParams.ci(p), co = ConvParams.co(p);
  const kk = ConvParams.fh(p) * ConvParams.fw(p) * ci;
  const pixels = ConvParams.n(p) * ConvParams.oh(p) * ConvParams.ow(p);
  const chunk = ConvParams.chunk(p);
  const bp = scratchOf(p, tid);
  const col = bp + packedBytes(chunk, co);
  const dy = ConvParams.y(p);
  const dst = tid == 0 ? ConvParams.f(p) : ConvParams.partials(p) + ((<usize>(tid - 1) * <usize>kk * <usize>co) << 2);
  const pointwise = isPointwise(p);
  if (begin >= end) memory.fill(dst, 0, (<usize>kk * <usize>co) << 2);
  for (let u = begin; u < end; u++) {
    const p0 = u * chunk;
    const p1 = imin(pixels, p0 + chunk);
    let a = col;
    if (pointwise) a = ConvParams.x(p) + ((<usize>p0 * <usize>ci) << 2);
    else im2col(p, ConvParams.x(p), p0, p1, col);
    packB(dy + ((<usize>p0 * <usize>co) << 2), p1 - p0, co, co, 1, bp);
    // A = col^T, read column-major: element (q, r) is col[r * kk + q].
    gemmPacked(kk, co, p1 - p0, a, 1, kk, bp, dst, co, u == begin ? INIT_ZERO : INIT_ACCUMULATE, 0);
  }
}
