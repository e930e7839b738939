// Forward convolution as an implicit GEMM, for unpadded convolutions with dilation 1 along the
// width: a 4x8 tile is 4 neighbouring output pixels of one output row times 8 output channels,
// and its A operand is read straight from x (patch row ky of pixel r starts at
// x[(oy * sh + ky * dh, ox * sw)]), so no im2col buffer is written at all. B is the filter
// packed into 8-channel panels whose rows follow the (ky, kx, ci) order of the patch.
import { activate } from './math';
import { INIT_BIAS, INIT_ZERO, packB } from './gemm';
import { imin, loadPart, madd, storePart } from './common';
import { ConvParams } from './generated/layouts';

/**
 * rows (<= 4) pixels x w (<= 8) channels. a0..a3 are the pixels' patch origins in x,
 * `rowStep` the bytes between patch rows; each patch row is `run` contiguous floats.
 */
export function tile(
  a0: usize, a1: usize, a2: usize, a3: usize, rowStep: usize, fh: i32, run: i32, rows: i32, bp: usize, bStep: usize,
  c: usize, ldc: usize, w: i32, init: i32, bias: usize,
): void {
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
  if (init == INIT_BIAS) {
    c0 = loadPart(bias, w); c1 = loadPart(bias + 16, w - 4);
    c2 = c0; c3 = c1; c4 = c0; c5 = c1; c6 = c0; c7 = c1;
  }
  let pb = bp;
  for (let ky = 0; ky < fh; ky++) {
    const off = <usize>ky * rowStep;
    let p0 = a0 + off, p1 = a1 + off, p2 = a2 + off, p3 = a3 + off;
    for (let j = 0; j < run; j++) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const x0 = v128.load32_splat(p0);
      c0 = madd(x0, b0, c0); c1 = madd(x0, b1, c1);
      const x1 = v128.load32_splat(p1);
      c2 = madd(x1, b0, c2); c3 = madd(x1, b1, c3);
      const x2 = v128.load32_splat(p2);
      c4 = madd(x2, b0, c4); c5 = madd(x2, b1, c5);
      const x3 = v128.load32_splat(p3);
      c6 = madd(x3, b0, c6); c7 = madd(x3, b1, c7);
      p0 += 4; p1 += 4; p2 += 4; p3 += 4;
      pb += bStep;
    }
  }
  if (rows == 4 && w == 8) {
    v128.store(c, c0); v128.store(c, c1, 16);
    v128.store(c + ldc, c2); v128.store(c + ldc, c3, 16);
    v128.store(c + 2 * ldc, c4); v128.store(c + 2 * ldc, c5, 16);
    v128.store(c + 3 * ldc, c6); v128.store(c + 3 * ldc, c7, 16);
  } else {
    storePart(c, c0, w); storePart(c + 16, c1, w - 4);
    if (rows > 1) { storePart(c + ldc, c2, w); storePart(c + ldc + 16, c3, w - 4); }
    if (rows > 2) { storePart(c + 2 * ldc, c4, w); storePart(c + 2 * ldc + 16, c5, w - 4); }
    if (rows > 3) { storePart(c + 3 * ldc, c6, w); storePart(c + 3 * ldc + 16, c7, w - 4); }
  }
}

/**
 * Pixels per block: the block's patches stay in L1/L2 while every panel of B passes over them.
 * The share's scratch holds the block's origins (BLOCK u32).
 */
const BLOCK: i32 = 64;

/**
 * y = act(conv(x, f) + bias) over output rows [begin, end) of the n * oh rows. Tiles are 4
 * consecutive pixels in raster order (across output rows too, so small outputs fill them).
 * Each block's patch origins are listed once, walking the raster, so tiles divide nothing.
 */
export function conv2dDirect(p: usize, begin: i32, end: i32, tid: i32): void {
  const h = ConvParams.h(p), w = ConvParams.w(p), ci = ConvParams.ci(p), fh = ConvParams.fh(p), fw = ConvParams.fw(p), co = ConvParams.co(p);
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), sh = ConvParams.sh(p), sw = ConvParams.sw(p), dh = ConvParams.dh(p);
  const kk = fh * fw * ci;
  const x = ConvParams.x(p), y = ConvParams.y(p), bias = ConvParams.bias(p);
  // The filter, packed once by the caller (conv.ts packConvFilter) into panels of 8 channels,
  // or, where `packed` is 0 (co a multiple of 8), read in place: a panel is then 8 floats of
  // each filter row, co floats apart. The share's scratch holds a block's patch origins.
  const bp = ConvParams.packed(p);
  const inPlace = bp == 0;
  const bStep: usize = inPlace ? <usize>co << 2 : 32;
  const origins = ConvParams.scratch(p) + <usize>tid * ConvParams.scratchStride(p);
  const panels = (co + 7) >> 3;
  const ciB = <usize>ci << 2;
  const rowStep = <usize>dh * <usize>w * ciB;
  const pixStep = <usize>sw * ciB;
  const ldc = <usize>co << 2;
  const init = bias != 0 ? INIT_BIAS : INIT_ZERO;
  const last = end * ow;
  // Raster position of the next pixel whose origin is listed, and that origin.
  let b = begin / oh, oy = begin - b * oh, ox = 0;
  let origin = x + <usize>((b * h + oy * sh) * w) * ciB;
  for (let b0 = begin * ow; b0 < last; b0 += BLOCK) {
    const b1 = imin(last, b0 + BLOCK);
    for (let i = 0; i < b1 - b0; i++) {
      store<u32>(origins + (<usize>i << 2), <u32>origin);
      origin += pixStep;
      if (++ox == ow) {
        ox = 0;
        if (++oy == oh) { oy = 0; b++; }
        origin = x + <usize>((b * h + oy * sh) * w) * ciB;
      }
    }
    for (let q = 0; q < panels; q++) {
      const j0 = q << 3;
      const panel = inPlace ? ConvParams.f(p) + (<usize>j0 << 2) : bp + ((<usize>q * <usize>kk) << 5);
      for (let pix = b0; pix < b1; pix += 4) {
        const rows = imin(4, b1 - pix);
        // Missing pixels re-read the last valid one; their results are never stored.
        const at = origins + (<usize>(pix - b0) << 2);
        const a0 = <usize>load<u32>(at);
        const a1 = rows > 1 ? <usize>load<u32>(at, 4) : a0;
        const a2 = rows > 2 ? <usize>load<u32>(at, 8) : a1;
        const a3 = rows > 3 ? <usize>load<u32>(at, 12) : a2;
        tile(a0, a1, a2, a3, rowStep, fh, fw * ci, rows, panel, bStep,
          y + <usize>pix * ldc + (<usize>j0 << 2), ldc, imin(8, co - j0), init, bias + (<usize>j0 << 2));
      }
    }
    activate(y + <usize>b0 * ldc, b1 - b0, co, co, ConvParams.act(p));
  }
}

/**
 * rows (<= 4) filter rows x w (<= 8) output channels of the filter gradient, summed over the
 * output rows [r0, r1) of the chunk. Filter row q reads x at pixel origin + offs[q]; pixels of
 * an output row are `ars` bytes apart, rows `rowB`, images `imageB`. B is the chunk's dy packed
 * into 8-channel panels (32 bytes a pixel). Also the Winograd filter gradient's sums
 * (winograd.ts), over one image's tiles.
 */
export function tileFilter(
  x: usize, o0: usize, o1: usize, o2: usize, o3: usize, ars: usize,
  r0: i32, r1: i32, oh: i32, ow: i32, imageB: usize, rowB: usize,
  rows: i32, bp: usize, c: usize, ldc: usize, w: i32, accumulate: bool,
): void {
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
  if (accumulate) {
    c0 = loadPart(c, w); c1 = loadPart(c + 16, w - 4);
    if (rows > 1) { c2 = loadPart(c + ldc, w); c3 = loadPart(c + ldc + 16, w - 4); }
    if (rows > 2) { c4 = loadPart(c + 2 * ldc, w); c5 = loadPart(c + 2 * ldc + 16, w - 4); }
    if (rows > 3) { c6 = loadPart(c + 3 * ldc, w); c7 = loadPart(c + 3 * ldc + 16, w - 4); }
  }
  let pb = bp;
  // The image and row of output row r, stepped rather than divided for each row.
  let b = r0 / oh, oy = r0 - b * oh;
  for (let r = r0; r < r1; r++) {
    let px = x + <usize>b * imageB + <usize>oy * rowB;
    if (++oy == oh) { oy = 0; b++; }
    for (let ox = 0; ox < ow; ox++) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const x0 = v128.load32_splat(px + o0);
      c0 = madd(x0, b0, c0); c1 = madd(x0, b1, c1);
      const x1 = v128.load32_splat(px + o1);
      c2 = madd(x1, b0, c2); c3 = madd(x1, b1, c3);
      const x2 = v128.load32_splat(px + o2);
      c4 = madd(x2, b0, c4); c5 = madd(x2, b1, c5);
      const x3 = v128.load32_splat(px + o3);
      c6 = madd(x3, b0, c6); c7 = madd(x3, b1, c7);
      px += ars;
      pb += 32;
    }
  }
  storePart(c, c0, w); storePart(c + 16, c1, w - 4);
  if (rows > 1) { storePart(c + ldc, c2, w); storePart(c + ldc + 16, c3, w - 4); }
  if (rows > 2) { storePart(c + 2 * ldc, c4, w); storePart(c + 2 * ldc + 16, c5, w - 4); }
  if (rows > 3) { storePart(c + 3 * ldc, c6, w); storePart(c + 3 * ldc + 16, c7, w - 4); }
}

/** Byte offset in x of filter row q = (ky, kx, c), relative to its output pixel's origin. */
// @ts-ignore: decorator
@inline function filterRowOffset(q: i32, fw: i32, ci: i32, dh: i32, dw: i32, w: i32): usize {
  const c = q % ci;
  const t = q / ci;
  const kx = t % fw;
  const ky = t / fw;
  return <usize>((ky * dh * w + kx * dw) * ci + c) << 2;
}

/**
 * df[kk, co] = sum over output rows [begin, end) of the n * oh of patches^T * dy, for unpadded
 * convolutions, reading the patches straight from x. Output rows go in chunks of CHUNK; thread
 * 0 writes df, thread t > 0 its partial sum at `partials` + (t - 1) * kk * co floats.
 */
export function conv2dBackpropFilterDirect(p: usize, begin: i32, end: i32, tid: i32): void {
  const h = ConvParams.h(p), w = ConvParams.w(p), ci = ConvParams.ci(p), fh = ConvParams.fh(p), fw = ConvParams.fw(p), co = ConvParams.co(p);
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), sh = ConvParams.sh(p), sw = ConvParams.sw(p), dh = ConvParams.dh(p), dw = ConvParams.dw(p);
  const kk = fh * fw * ci;
  const chunk = ConvParams.chunk(p);
  const x = ConvParams.x(p), dy = ConvParams.y(p);
  const bp = ConvParams.scratch(p) + <usize>tid * ConvParams.scratchStride(p);
  const dst = tid == 0 ? ConvParams.f(p) : ConvParams.partials(p) + ((<usize>(tid - 1) * <usize>kk * <usize>co) << 2);
  const ciB = <usize>ci << 2;
  const ars = <usize>sw * ciB;
  const imageB = <usize>h * <usize>w * ciB;
  const rowB = <usize>sh * <usize>w * ciB;
  const ldc = <usize>co << 2;
  const panels = (co + 7) >> 3;
  for (let r0 = begin; r0 < end; r0 += chunk) {
    const r1 = imin(end, r0 + chunk);
    const pixels = (r1 - r0) * ow;
    packB(dy + ((<usize>r0 * <usize>ow * <usize>co) << 2), pixels, co, co, 1, bp);
    for (let q0 = 0; q0 < kk; q0 += 4) {
      const rows = imin(4, kk - q0);
      // Missing rows re-read the last valid one; their results are never stored.
      const o0 = filterRowOffset(q0, fw, ci, dh, dw, w);
      const o1 = rows > 1 ? filterRowOffset(q0 + 1, fw, ci, dh, dw, w) : o0;
      const o2 = rows > 2 ? filterRowOffset(q0 + 2, fw, ci, dh, dw, w) : o1;
      const o3 = rows > 3 ? filterRowOffset(q0 + 3, fw, ci, dh, dw, w) : o2;
      for (let q = 0; q < panels; q++) {
        const j0 = q << 3;
        tileFilter(x, o0, o1, o2, o3, ars, r0, r1, oh, ow, imageB, rowB, rows,
          bp + ((<usize>q * <usize>pixels) << 5), dst + <usize>q0 * ldc + (<usize>j0 << 2), ldc, imin(8, co - j0), r0 != begin);
      }
    }
  }
}
