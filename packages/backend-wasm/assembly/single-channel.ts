// Convolutions of a one-channel input (the first layer of an image net: LeNet's conv1 has 1 in,
// 6 out) with unit width stride and dilation and no padding. A GEMM tile over output channels
// would leave 2 of its 8 lanes idle on 6 channels, and its inner dimension is only fh * fw; here
// the vectors run along the output row instead, where x is contiguous: 16 pixels x 2 channels in 8
// registers (rows of 16 pixels or more), so each x load serves 2 channels and each filter weight
// 16 pixels, with as many FMA chains as the FMA units keep in flight; shorter rows take 8 pixels
// x 3 channels in 6 registers. (12 pixels x 3 channels in 9 registers, 13 live vectors, measured
// slower: V8 runs out of vector registers.)
import { activate } from './math';
import { imin, loadPart, madd, storeTransposed } from './common';
// `packed` holds the padded filter and bias of the forward kernel, written once per call
// (padSingleChannelFilter).
import { ConvParams } from './generated/layouts';
import { poolGradRow } from './pool-grad-rows';

/** Channels per group: 8 pixels x 3 channels of accumulators stay in registers. */
const G = 3;

/** Channel count rounded up to whole groups of 3 and whole pairs: the padded filter's row. */
// @ts-ignore: decorator
@inline function paddedChannels(co: i32): i32 {
  return (co + 5) / 6 * 6;
}

/** Stores lane i of v at p + i * stride, for the first `n` lanes. */
// @ts-ignore: decorator
@inline function scatter(p: usize, v: v128, stride: usize, n: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (n > 1) store<f32>(p + stride, f32x4.extract_lane(v, 1));
  if (n > 2) store<f32>(p + 2 * stride, f32x4.extract_lane(v, 2));
  if (n > 3) store<f32>(p + 3 * stride, f32x4.extract_lane(v, 3));
}

/** Stores channel vectors c0..c2 (4 pixels each) of `live` channels into NHWC rows `ldc` apart. */
// @ts-ignore: decorator
@inline function storeGroup(y: usize, c0: v128, c1: v128, c2: v128, ldc: usize, pixels: i32, live: i32): void {
  scatter(y, c0, ldc, pixels);
  if (live > 1) scatter(y + 4, c1, ldc, pixels);
  if (live > 2) scatter(y + 8, c2, ldc, pixels);
}

/**
 * Writes `packed`: the filter as [fh * fw][paddedChannels] (zero padded), then the bias likewise,
 * so every group reads 3 (or 2) weights and biases whatever co is.
 */
export function padSingleChannelFilter(p: usize): void {
  const co = ConvParams.co(p), taps = ConvParams.fh(p) * ConvParams.fw(p), bias = ConvParams.bias(p), f = ConvParams.f(p);
  const cg = paddedChannels(co);
  const fp = ConvParams.packed(p);
  const bp = fp + ((<usize>taps * <usize>cg) << 2);
  for (let t = 0; t < taps; t++) {
    for (let c = 0; c < cg; c++) store<f32>(fp + ((<usize>(t * cg + c)) << 2), c < co ? load<f32>(f + ((<usize>(t * co + c)) << 2)) : 0);
  }
  for (let c = 0; c < cg; c++) store<f32>(bp + (<usize>c << 2), bias != 0 && c < co ? load<f32>(bias + (<usize>c << 2)) : 0);
}

/** Stores channel vectors a (channel g) and b (g + 1) of 4 pixels into NHWC rows `ldc` apart. */
// @ts-ignore: decorator
@inline function storePair(y: usize, a: v128, b: v128, ldc: usize, pair: bool): void {
  if (pair) {
    const lo = v128.shuffle<f32>(a, b, 0, 4, 1, 5), hi = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
    v128.store64_lane(y, lo, 0); v128.store64_lane(y + ldc, lo, 1);
    v128.store64_lane(y + 2 * ldc, hi, 0); v128.store64_lane(y + 3 * ldc, hi, 1);
  } else {
    scatter(y, a, ldc, 4);
  }
}

/**
 * Output pixels ox..ox+4nv-1 (nv <= 4, a constant where inlined) of one row, channels g and g + 1
 * (the second stored only if `pair`): 2 * nv accumulators. `wp` is the padded filter at channel
 * g, `cgB` the bytes of one of its taps.
 */
// @ts-ignore: decorator
@inline function blockPair(
  xp0: usize, yp: usize, fh: i32, fw: i32, tapRow: usize, wp0: usize, cgB: usize, bias0: v128, bias1: v128, ldc: usize, pair: bool, nv: i32,
): void {
  let a0 = bias0, a1 = bias0, a2 = bias0, a3 = bias0, b0 = bias1, b1 = bias1, b2 = bias1, b3 = bias1;
  let wp = wp0;
  for (let ky = 0; ky < fh; ky++) {
    let xp = xp0 + <usize>ky * tapRow;
    for (let kx = 0; kx < fw; kx++, xp += 4, wp += cgB) {
      const w0 = v128.load32_splat(wp), w1 = v128.load32_splat(wp, 4);
      let x = v128.load(xp);
      a0 = madd(x, w0, a0); b0 = madd(x, w1, b0);
      x = v128.load(xp, 16);
      a1 = madd(x, w0, a1); b1 = madd(x, w1, b1);
      if (nv > 2) {
        x = v128.load(xp, 32);
        a2 = madd(x, w0, a2); b2 = madd(x, w1, b2);
      }
      if (nv > 3) {
        x = v128.load(xp, 48);
        a3 = madd(x, w0, a3); b3 = madd(x, w1, b3);
      }
    }
  }
  storePair(yp, a0, b0, ldc, pair);
  storePair(yp + 4 * ldc, a1, b1, ldc, pair);
  if (nv > 2) storePair(yp + 8 * ldc, a2, b2, ldc, pair);
  if (nv > 3) storePair(yp + 12 * ldc, a3, b3, ldc, pair);
}

function block16(xp: usize, yp: usize, fh: i32, fw: i32, tapRow: usize, wp: usize, cgB: usize, bias0: v128, bias1: v128, ldc: usize, pair: bool): void {
  blockPair(xp, yp, fh, fw, tapRow, wp, cgB, bias0, bias1, ldc, pair, 4);
}

function block12(xp: usize, yp: usize, fh: i32, fw: i32, tapRow: usize, wp: usize, cgB: usize, bias0: v128, bias1: v128, ldc: usize, pair: bool): void {
  blockPair(xp, yp, fh, fw, tapRow, wp, cgB, bias0, bias1, ldc, pair, 3);
}

function block8(xp: usize, yp: usize, fh: i32, fw: i32, tapRow: usize, wp: usize, cgB: usize, bias0: v128, bias1: v128, ldc: usize, pair: bool): void {
  blockPair(xp, yp, fh, fw, tapRow, wp, cgB, bias0, bias1, ldc, pair, 2);
}

/**
 * y = act(conv(x, f) + bias) over output rows [begin, end) of the n * oh rows, with the filter
 * and bias as padSingleChannelFilter left them.
 */
export function conv2dSingleChannel(p: usize, begin: i32, end: i32, tid: i32): void {
  const h = ConvParams.h(p), w = ConvParams.w(p), fh = ConvParams.fh(p), fw = ConvParams.fw(p), co = ConvParams.co(p);
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), sh = ConvParams.sh(p), dh = ConvParams.dh(p);
  const x = ConvParams.x(p), y = ConvParams.y(p);
  const taps = fh * fw;
  const cg = paddedChannels(co);
  const fp = ConvParams.packed(p);
  const bp = fp + ((<usize>taps * <usize>cg) << 2);
  const ldc = <usize>co << 2;
  const tapRow = <usize>dh * <usize>w << 2;
  const cgB = <usize>cg << 2;
  for (let r = begin; r < end; r++) {
    const b = r / oh;
    const oy = r - b * oh;
    const xRow = x + ((<usize>(b * h + oy * sh) * <usize>w) << 2);
    const yRow = y + <usize>r * <usize>ow * ldc;
    if (ow >= 16) {
      for (let g = 0; g < co; g += 2) {
        const bias0 = v128.load32_splat(bp + (<usize>g << 2)), bias1 = v128.load32_splat(bp + (<usize>g << 2), 4);
        const wp = fp + (<usize>g << 2);
        const pair = g + 1 < co;
        let ox = 0;
        for (; ox + 16 <= ow; ox += 16) {
          block16(xRow + (<usize>ox << 2), yRow + <usize>ox * ldc + (<usize>g << 2), fh, fw, tapRow, wp, cgB, bias0, bias1, ldc, pair);
        }
        // The rest in one block of 8, 12 or 16 that ends at the row's end, overlapping the one
        // before: its pixels there are computed twice, to the same values.
        const rest = ow - ox;
        if (rest > 0) {
          const o = ow - (rest > 12 ? 16 : rest > 8 ? 12 : 8);
          const xo = xRow + (<usize>o << 2), yo = yRow + <usize>o * ldc + (<usize>g << 2);
          if (rest > 12) block16(xo, yo, fh, fw, tapRow, wp, cgB, bias0, bias1, ldc, pair);
          else if (rest > 8) block12(xo, yo, fh, fw, tapRow, wp, cgB, bias0, bias1, ldc, pair);
          else block8(xo, yo, fh, fw, tapRow, wp, cgB, bias0, bias1, ldc, pair);
        }
      }
      activate(yRow, ow, co, co, ConvParams.act(p));
      continue;
    }
    for (let g = 0; g < co; g += G) {
      const live = imin(G, co - g);
      const b0 = v128.load32_splat(bp + (<usize>g << 2));
      const b1 = v128.load32_splat(bp + (<usize>g << 2), 4);
      const b2 = v128.load32_splat(bp + (<usize>g << 2), 8);
      let ox = 0;
      for (; ox + 8 <= ow; ox += 8) {
        // a0..a2: pixels ox..ox+3 of channels g..g+2; a3..a5: pixels ox+4..ox+7.
        let a0 = b0, a1 = b1, a2 = b2, a3 = b0, a4 = b1, a5 = b2;
        let wp = fp + (<usize>g << 2);
        for (let ky = 0; ky < fh; ky++) {
          let xp = xRow + <usize>ky * tapRow + (<usize>ox << 2);
          for (let kx = 0; kx < fw; kx++, xp += 4, wp += <usize>cg << 2) {
            const xa = v128.load(xp), xb = v128.load(xp, 16);
            let wv = v128.load32_splat(wp);
            a0 = madd(xa, wv, a0); a3 = madd(xb, wv, a3);
            wv = v128.load32_splat(wp, 4);
            a1 = madd(xa, wv, a1); a4 = madd(xb, wv, a4);
            wv = v128.load32_splat(wp, 8);
            a2 = madd(xa, wv, a2); a5 = madd(xb, wv, a5);
          }
        }
        const yp = yRow + <usize>ox * ldc + (<usize>g << 2);
        storeGroup(yp, a0, a1, a2, ldc, 4, live);
        storeGroup(yp + 4 * ldc, a3, a4, a5, ldc, 4, live);
      }
      for (; ox < ow; ox += 4) {
        // The last pixels of a row: x is read only as far as they reach (loadPart), never past.
        const n = imin(4, ow - ox);
        let a0 = b0, a1 = b1, a2 = b2;
        let wp = fp + (<usize>g << 2);
        for (let ky = 0; ky < fh; ky++) {
          let xp = xRow + <usize>ky * tapRow + (<usize>ox << 2);
          for (let kx = 0; kx < fw; kx++, xp += 4, wp += <usize>cg << 2) {
            const xa = loadPart(xp, n);
            a0 = madd(xa, v128.load32_splat(wp), a0);
            a1 = madd(xa, v128.load32_splat(wp, 4), a1);
            a2 = madd(xa, v128.load32_splat(wp, 8), a2);
          }
        }
        storeGroup(yRow + <usize>ox * ldc + (<usize>g << 2), a0, a1, a2, ldc, n, live);
      }
    }
    activate(yRow, ow, co, co, ConvParams.act(p));
  }
}

/** Sum of v's 4 lanes. */
// @ts-ignore: decorator
@inline function hsum(v: v128): f32 {
  const s = f32x4.add(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1);
}

/** Adds v to the 4 partial sums at p (one tap and channel's lanes, summed across at the end). */
// @ts-ignore: decorator
@inline function addTo(p: usize, v: v128): void {
  v128.store(p, f32x4.add(v128.load(p), v));
}

/**
 * Writes dy row `src` ([ow][co]) channel-major at `dst`: channel c's ow pixels at dst + c * plane
 * floats, zeros from ow to ow4. Blocks of 4 pixels x 4 channels go through a 4x4 transpose in
 * registers; the last channels of a block are read only as far as co reaches.
 */
function transposeRow(src: usize, dst: usize, ow: i32, ow4: i32, co: i32, plane: usize): void {
  const ldc = <usize>co << 2;
  const planeB = plane << 2;
  let px = 0;
  for (; px + 4 <= ow; px += 4) {
    const s = src + <usize>px * ldc;
    let d = dst + (<usize>px << 2);
    for (let c = 0; c < co; c += 4, d += planeB << 2) {
      const m = co - c;
      const sc = s + (<usize>c << 2);
      const r0 = loadPart(sc, m), r1 = loadPart(sc + ldc, m), r2 = loadPart(sc + 2 * ldc, m), r3 = loadPart(sc + 3 * ldc, m);
      storeTransposed(r0, r1, r2, r3, d, planeB, m);
    }
  }
  for (; px < ow4; px++) {
    const live = px < ow;
    for (let c = 0; c < co; c++) {
      store<f32>(dst + ((<usize>c * plane + <usize>px) << 2), live ? load<f32>(src + <usize>px * ldc + (<usize>c << 2)) : 0);
    }
  }
}

/**
 * One pass of 4 taps x 2 channels (g, g + 1) over a chunk's rows: 8 accumulators, as many FMA
 * chains as the FMA units keep in flight, and 11 live vectors, which V8 keeps in registers (5 taps
 * x 2 channels, 13 live vectors, spilled and measured slower). Tap t reads x at a row's
 * origin + o_t; `live` taps are summed into t0..t3 (a missing tap re-reads the last live one),
 * the second channel only if `pair`.
 */
function passTaps4(
  origins: usize, rows: i32, ow: i32, o0: usize, o1: usize, o2: usize, o3: usize,
  dp0: usize, rowT: usize, planeB: usize, t0: usize, t1: usize, t2: usize, t3: usize, live: i32, pair: bool,
): void {
  let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
  let dpRow = dp0;
  for (let i = 0; i < rows; i++, dpRow += rowT) {
    let xp = <usize>load<u32>(origins + (<usize>i << 2));
    let dp = dpRow;
    let ox = 0;
    for (; ox + 4 <= ow; ox += 4, xp += 16, dp += 16) {
      const d0 = v128.load(dp), d1 = v128.load(dp + planeB);
      let x = v128.load(xp + o0);
      a0 = madd(x, d0, a0); b0 = madd(x, d1, b0);
      x = v128.load(xp + o1);
      a1 = madd(x, d0, a1); b1 = madd(x, d1, b1);
      x = v128.load(xp + o2);
      a2 = madd(x, d0, a2); b2 = madd(x, d1, b2);
      x = v128.load(xp + o3);
      a3 = madd(x, d0, a3); b3 = madd(x, d1, b3);
    }
    if (ox < ow) {
      // The row's last pixels: x is read only as far as they reach (dy's padding is zero).
      const n = ow - ox;
      const d0 = v128.load(dp), d1 = v128.load(dp + planeB);
      let x = loadPart(xp + o0, n);
      a0 = madd(x, d0, a0); b0 = madd(x, d1, b0);
      x = loadPart(xp + o1, n);
      a1 = madd(x, d0, a1); b1 = madd(x, d1, b1);
      x = loadPart(xp + o2, n);
      a2 = madd(x, d0, a2); b2 = madd(x, d1, b2);
      x = loadPart(xp + o3, n);
      a3 = madd(x, d0, a3); b3 = madd(x, d1, b3);
    }
  }
  addTo(t0, a0);
  if (live > 1) addTo(t1, a1);
  if (live > 2) addTo(t2, a2);
  if (live > 3) addTo(t3, a3);
  if (pair) {
    addTo(t0 + 16, b0);
    if (live > 1) addTo(t1 + 16, b1);
    if (live > 2) addTo(t2 + 16, b2);
    if (live > 3) addTo(t3 + 16, b3);
  }
}

/**
 * One pass of 1 tap x 6 channels (g..g+5) over a chunk's rows, for the tap left over when the
 * taps do not fill passes of 4: a 4-tap pass would do 4 times its work.
 */
function passTap1x6(origins: usize, rows: i32, ow: i32, o0: usize, dp0: usize, rowT: usize, planeB: usize, t0: usize): void {
  let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
  let dpRow = dp0;
  for (let i = 0; i < rows; i++, dpRow += rowT) {
    let xp = <usize>load<u32>(origins + (<usize>i << 2)) + o0;
    let dp = dpRow;
    for (let ox = 0; ox < ow; ox += 4, xp += 16, dp += 16) {
      // The row's last pixels: x is read only as far as they reach (dy's padding is zero).
      const x = loadPart(xp, ow - ox);
      a0 = madd(x, v128.load(dp), a0);
      a1 = madd(x, v128.load(dp + planeB), a1);
      a2 = madd(x, v128.load(dp + 2 * planeB), a2);
      a3 = madd(x, v128.load(dp + 3 * planeB), a3);
      a4 = madd(x, v128.load(dp + 4 * planeB), a4);
      a5 = madd(x, v128.load(dp + 5 * planeB), a5);
    }
  }
  addTo(t0, a0); addTo(t0 + 16, a1); addTo(t0 + 32, a2); addTo(t0 + 48, a3); addTo(t0 + 64, a4); addTo(t0 + 80, a5);
}

/**
 * sums[c] (f64) += the sum of channel c's plane of a transposed chunk (plane floats, a multiple of
 * 4, padding zero), summed in f32 with 4 independent vector chains first.
 */
function addChannelSums(dyT: usize, plane: usize, co: i32, sums: usize): void {
  for (let c = 0; c < co; c++) {
    let q = dyT + ((<usize>c * plane) << 2);
    const end = q + (plane << 2);
    let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0;
    for (; q + 64 <= end; q += 64) {
      s0 = f32x4.add(s0, v128.load(q)); s1 = f32x4.add(s1, v128.load(q, 16));
      s2 = f32x4.add(s2, v128.load(q, 32)); s3 = f32x4.add(s3, v128.load(q, 48));
    }
    for (; q < end; q += 16) s0 = f32x4.add(s0, v128.load(q));
    const v = f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3));
    const t = f32x4.add(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
    const a = sums + (<usize>c << 3);
    store<f64>(a, load<f64>(a) + <f64>(f32x4.extract_lane(t, 0) + f32x4.extract_lane(t, 1)));
  }
}

/** Byte offset in x of tap t = (ky, kx) from its output pixel's origin. */
// @ts-ignore: decorator
@inline function tapOffset(t: i32, fw: i32, tapRow: usize): usize {
  const ky = t / fw;
  return <usize>ky * tapRow + (<usize>(t - ky * fw) << 2);
}

/**
 * df[fh, fw, 1, co] = sum over output rows [begin, end) of x's shifted rows times dy, for the
 * same convolutions as conv2dSingleChannel. Rows go in chunks of CHUNK: the chunk's dy is first
 * transposed into the share's scratch as [channels][rows][ow rounded up to 4] (zero padded to an
 * even channel count), so a vector of 4 pixels of one channel is one load. Then the fh * fw taps,
 * in raster order, go in passes of 4 taps x 2 channels (passTaps4) over the whole chunk; a last
 * single tap goes 6 channels a pass (passTap1x6) where there are 6 or more. A pass adds its
 * accumulators to the share's sums in scratch with their 4 lanes still apart, and the lanes are
 * added across once, at the share's end: adding across after every pass (a chunk is only a few
 * rows, so passes are short) made the kernel about 5% slower on one thread. Share 0 writes df,
 * share t > 0 its partial sum at `partials` + (t - 1) * fh * fw * co floats. Where `pdy` is set,
 * dy is not in memory: y is the conv's output, and each row of dy is made from the gradient at
 * the average pool after it (poolGradRow) just before its transpose. Where `bias` is set, the
 * share also sums each channel of dy (the conv's bias gradient) into the co f64 at
 * bias + share * co * 8, from the transposed chunk while it is in cache.
 */
export function conv2dBackpropFilterSingleChannel(p: usize, begin: i32, end: i32, tid: i32): void {
  const h = ConvParams.h(p), w = ConvParams.w(p), fh = ConvParams.fh(p), fw = ConvParams.fw(p), co = ConvParams.co(p);
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), sh = ConvParams.sh(p), dh = ConvParams.dh(p);
  const chunk = ConvParams.chunk(p);
  const x = ConvParams.x(p), dy = ConvParams.y(p);
  const taps = fh * fw;
  const cg = (co + 1) & ~1;
  const ow4 = (ow + 3) & ~3;
  // Each tap and channel's 4 lanes of partial sums, then the transposed chunk.
  const acc = ConvParams.scratch(p) + <usize>tid * ConvParams.scratchStride(p);
  const accTap = <usize>cg << 4;
  const dyT = acc + <usize>taps * accTap;
  memory.fill(acc, 0, <usize>taps * accTap);
  const pooled = ConvParams.pdy(p) != 0;
  const dst = tid == 0 ? ConvParams.f(p) : ConvParams.partials(p) + ((<usize>(tid - 1) * <usize>taps * <usize>co) << 2);
  // The bias gradient on the side, where asked: the share's f64 sum per channel.
  const biasSums: usize = ConvParams.bias(p) == 0 ? 0 : ConvParams.bias(p) + ((<usize>tid * <usize>co) << 3);
  if (biasSums != 0) memory.fill(biasSums, 0, <usize>co << 3);
  const ldc = <usize>co << 2;
  const tapRow = <usize>dh * <usize>w << 2;
  const rowT = <usize>ow4 << 2;
  for (let r0 = begin; r0 < end; r0 += chunk) {
    const rows = imin(chunk, end - r0);
    const plane = <usize>rows * <usize>ow4;
    // dyT[c][row][px]; padded channels and pixels are zero, so they add nothing below. The
    // rows' origins in x follow it, listed once instead of divided out in every pass.
    const origins = dyT + ((<usize>cg * plane) << 2);
    // A row of dy made from the pooled gradient, after the origins (chunk of them, 16-aligned).
    const made = origins + ((<usize>(chunk + 3) & ~3) << 2);
    memory.fill(dyT + ((<usize>co * plane) << 2), 0, (<usize>(cg - co) * plane) << 2);
    for (let i = 0; i < rows; i++) {
      const r = r0 + i;
      const b = r / oh;
      store<u32>(origins + (<usize>i << 2), <u32>(x + ((<usize>(b * h + (r - b * oh) * sh) * <usize>w) << 2)));
      let src = dy + <usize>r * <usize>ow * ldc;
      if (pooled) {
        poolGradRow(p, r, made);
        src = made;
      }
      transposeRow(src, dyT + <usize>i * rowT, ow, ow4, co, plane);
    }
    if (biasSums != 0) addChannelSums(dyT, plane, co, biasSums);
    for (let q = 0; q < taps; q += 4) {
      const live = imin(4, taps - q);
      const q1 = q + imin(1, live - 1), q2 = q + imin(2, live - 1), q3 = q + imin(3, live - 1);
      const o0 = tapOffset(q, fw, tapRow), o1 = tapOffset(q1, fw, tapRow);
      const o2 = tapOffset(q2, fw, tapRow), o3 = tapOffset(q3, fw, tapRow);
      let g = 0;
      if (live == 1) {
        for (; g + 6 <= co; g += 6) {
          passTap1x6(origins, rows, ow, o0, dyT + ((<usize>g * plane) << 2), rowT, plane << 2, acc + <usize>q * accTap + (<usize>g << 4));
        }
      }
      for (; g < co; g += 2) {
        const ag = acc + (<usize>g << 4);
        passTaps4(origins, rows, ow, o0, o1, o2, o3, dyT + ((<usize>g * plane) << 2), rowT, plane << 2,
          ag + <usize>q * accTap, ag + <usize>q1 * accTap, ag + <usize>q2 * accTap, ag + <usize>q3 * accTap, live, g + 1 < co);
      }
    }
  }
  for (let t = 0; t < taps; t++) {
    for (let c = 0; c < co; c++) {
      store<f32>(dst + ((<usize>(t * co + c)) << 2), hsum(v128.load(acc + <usize>t * accTap + (<usize>c << 4))));
    }
  }
}
