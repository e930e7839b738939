// Forward convolution for 5-wide filters (unpadded, unit width stride and dilation) by Winograd's
// F(2, 5) along the width: each output row is cut into tiles of 2 pixels, and a tile's 2 x 5 taps
// per filter row become 6 products in a transformed space (1.67x fewer multiply-adds than the
// direct kernel). Points 0, 1, -1, 2, -2 and infinity, so the input transform B^T is integer and
// the filter transform G carries the fractions:
//   B^T = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1]
//   G   = [1/4 0 0 0 0; -1/6 -1/6 -1/6 -1/6 -1/6; -1/6 1/6 -1/6 1/6 -1/6;
//          1/24 1/12 1/6 1/3 2/3; 1/24 -1/12 1/6 -1/3 2/3; 0 0 0 0 1]
//   A^T = [1 1 1 1 1 0; 0 1 -1 2 -2 1]
// y[2t + s] = sum_j A^T[s][j] * (sum over filter rows and channels of U_j * V_j), with
// U_j = (B^T d)_j of the tile's 6 input pixels and V_j = (G g)_j of the filter row's 5 taps.
// Per image: the input rows are transformed into the share's scratch (U[j][tile][row][ci]), then
// for each point j a 4x8 GEMM tile (direct.ts) sums over (filter row, ci), and the 6 results of
// every tile and channel are folded into its 2 output pixels while still in L1.
import { activate } from './math';
import { INIT_ZERO } from './gemm';
import { imin, loadPart, madd, storePart } from './common';
import { tile, tileFilter } from './direct';
import { ConvParams } from './generated/layouts';

/** Transformed points per tile. */
const POINTS: i32 = 6;

/** G (6 x 5), row by row. */
const G_MATRIX = memory.data<f32>([
  0.25, 0, 0, 0, 0,
  -1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6,
  -1.0 / 6, 1.0 / 6, -1.0 / 6, 1.0 / 6, -1.0 / 6,
  1.0 / 24, 1.0 / 12, 1.0 / 6, 1.0 / 3, 2.0 / 3,
  1.0 / 24, -1.0 / 12, 1.0 / 6, -1.0 / 3, 2.0 / 3,
  0, 0, 0, 0, 1,
]);

// The transformed input of one image, U[j][t][iy][ci]: for each point and tile, the tile's
// rows one after another, so a tile's K run over (filter row, ci) is contiguous where the row
// dilation is 1. Each (point, tile) block ends in 4 floats of padding for whole-vector stores.

/** Bytes of one (point, tile) block of U: h rows of ci floats, and the padding. */
// @ts-ignore: decorator
@inline function tileStride(h: i32, ci: i32): usize {
  return ((<usize>h * <usize>ci) << 2) + 16;
}

/** Bytes of one image's U: POINTS x tiles blocks. What follows it in a share's scratch starts there. */
// @ts-ignore: decorator
@inline function inputBytes(h: i32, ci: i32, tiles: i32): usize {
  return <usize>(POINTS * tiles) * tileStride(h, ci);
}

/** Tiles per output row: the last one starts at ow - 2 when ow is odd (overlapping the one before). */
// @ts-ignore: decorator
@inline function tilesOf(ow: i32): i32 {
  return (ow + 1) >> 1;
}

// @ts-ignore: decorator
@inline function tileStart(t: i32, ow: i32): i32 {
  const s = t << 1;
  return s + 2 > ow ? ow - 2 : s;
}

/**
 * Packs V_j = G g for every point j into `packed`: per j, panels of 8 output channels whose rows
 * are (ky, ci), the K order of the transformed input; channels past co are zero.
 */
export function packWinogradFilter(p: usize): void {
  const ci = ConvParams.ci(p), co = ConvParams.co(p), fh = ConvParams.fh(p), fw = ConvParams.fw(p);
  const f = ConvParams.f(p), dst = ConvParams.packed(p);
  const kr = fh * ci;
  const panels = (co + 7) >> 3;
  for (let j = 0; j < POINTS; j++) {
    for (let q = 0; q < panels; q++) {
      const base = dst + ((<usize>(j * panels + q) * <usize>kr) << 5);
      for (let ky = 0; ky < fh; ky++) {
        for (let c = 0; c < ci; c++) {
          const d = base + (<usize>(ky * ci + c) << 5);
          for (let l = 0; l < 8; l++) {
            const o = (q << 3) + l;
            let v: f32 = 0;
            if (o < co) {
              for (let kx = 0; kx < fw; kx++) {
                v += load<f32>(G_MATRIX + (<usize>(j * 5 + kx) << 2)) * load<f32>(f + (<usize>(((ky * fw + kx) * ci + c) * co + o) << 2));
              }
            }
            store<f32>(d + (<usize>l << 2), v);
          }
        }
      }
    }
  }
}

/**
 * Row iy of U (dst: U + iy * ci floats): B^T over each tile's 6 pixels, 4 channels at a time.
 * Whole vectors are read and written: reads past the row's end see the next row (or a tensor's
 * 16 bytes of slack); a store past a row's ci floats lands on the next row, written after it,
 * or on a block's padding.
 */
function transformRow(src: usize, dst: usize, ci: i32, ow: i32, tiles: i32, tStride: usize, jStride: usize): void {
  const pixB = <usize>ci << 2;
  const four = f32x4.splat(4), five = f32x4.splat(5), two = f32x4.splat(2);
  for (let t = 0; t < tiles; t++) {
    const s0 = src + <usize>tileStart(t, ow) * pixB;
    const d0 = dst + <usize>t * tStride;
    for (let c = 0; c < ci; c += 4) {
      const s = s0 + (<usize>c << 2), d = d0 + (<usize>c << 2);
      const x0 = v128.load(s), x1 = v128.load(s + pixB), x2 = v128.load(s + 2 * pixB);
      const x3 = v128.load(s + 3 * pixB), x4 = v128.load(s + 4 * pixB), x5 = v128.load(s + 5 * pixB);
      // u1 = x3 + x4 - 4(x1 + x2), u2 = x4 - x3 + 4(x1 - x2)
      const s34 = f32x4.add(x3, x4), s12 = f32x4.add(x1, x2);
      const e12 = f32x4.sub(x1, x2), e43 = f32x4.sub(x4, x3);
      // u3 = x4 - x2 + 2(x3 - x1), u4 = x4 - x2 - 2(x3 - x1)
      const m42 = f32x4.sub(x4, x2), m31 = f32x4.mul(two, f32x4.sub(x3, x1));
      v128.store(d, f32x4.add(f32x4.sub(f32x4.mul(four, x0), f32x4.mul(five, x2)), x4));
      v128.store(d + jStride, f32x4.sub(s34, f32x4.mul(four, s12)));
      v128.store(d + 2 * jStride, madd(four, e12, e43));
      v128.store(d + 3 * jStride, f32x4.add(m42, m31));
      v128.store(d + 4 * jStride, f32x4.sub(m42, m31));
      v128.store(d + 5 * jStride, f32x4.add(f32x4.sub(f32x4.mul(four, x1), f32x4.mul(five, x3)), x5));
    }
  }
}

/** Every input row of one image into U at u, first row to last (see transformRow). */
function transformImage(xImage: usize, u: usize, h: i32, w: i32, ci: i32, ow: i32, tiles: i32): void {
  const tStride = tileStride(h, ci);
  const jStride = <usize>tiles * tStride;
  const inRow = (<usize>w * <usize>ci) << 2;
  const uRow = <usize>ci << 2;
  for (let iy = 0; iy < h; iy++) transformRow(xImage + <usize>iy * inRow, u + <usize>iy * uRow, ci, ow, tiles, tStride, jStride);
}

/**
 * The 2 output pixels of one tile for 8 channels from the 6 points' results at m (rows of the
 * block 32 bytes apart, points 128), plus bias; n (<= 8) channels stored at y, the next pixel
 * `ldc` bytes on.
 */
// @ts-ignore: decorator
@inline function outputTile(m: usize, y: usize, ldc: usize, bias0: v128, bias1: v128, n: i32): void {
  for (let hh = 0; hh < 2; hh++) {
    const mp = m + (<usize>hh << 4);
    const m0 = v128.load(mp), m1 = v128.load(mp, 128), m2 = v128.load(mp, 256);
    const m3 = v128.load(mp, 384), m4 = v128.load(mp, 512), m5 = v128.load(mp, 640);
    const d34 = f32x4.sub(m3, m4);
    const bv = hh == 0 ? bias0 : bias1;
    const y0 = f32x4.add(f32x4.add(f32x4.add(m0, m1), f32x4.add(m2, m3)), f32x4.add(m4, bv));
    const y1 = f32x4.add(f32x4.add(f32x4.sub(m1, m2), f32x4.add(d34, d34)), f32x4.add(m5, bv));
    const r = n - (hh << 2);
    const d = y + (<usize>hh << 4);
    if (r >= 4) {
      v128.store(d, y0);
      v128.store(d + ldc, y1);
    } else {
      storePart(d, y0, r);
      storePart(d + ldc, y1, r);
    }
  }
}

/**
 * y = act(conv(x, f) + bias) for images [begin, end), with V packed by packWinogradFilter. The
 * share's scratch: the image's transformed rows, then the 6 points' 4x8 results of one tile block.
 * Blocks are 4 tiles in raster order (across output rows too).
 */
export function conv2dWinograd(p: usize, begin: i32, end: i32, tid: i32): void {
  const h = ConvParams.h(p), w = ConvParams.w(p), ci = ConvParams.ci(p), fh = ConvParams.fh(p), co = ConvParams.co(p);
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), sh = ConvParams.sh(p), dh = ConvParams.dh(p);
  const x = ConvParams.x(p), y = ConvParams.y(p), bias = ConvParams.bias(p), vp = ConvParams.packed(p);
  const tiles = tilesOf(ow);
  const pixB = <usize>ci << 2;
  const tStride = tileStride(h, ci);
  const jStride = <usize>tiles * tStride;
  const u = ConvParams.scratch(p) + <usize>tid * ConvParams.scratchStride(p);
  const m = u + inputBytes(h, ci, tiles);
  const kr = fh * ci;
  // A tile's K run: fh * ci contiguous floats with unit row dilation, else fh runs of ci.
  const runs = dh == 1 ? 1 : fh, run = dh == 1 ? kr : ci;
  const outRow = <usize>sh * pixB;
  const panels = (co + 7) >> 3;
  const panelB = <usize>kr << 5;
  const ldc = <usize>co << 2;
  const rowStep = <usize>dh * pixB;
  const blocks = oh * tiles;
  const imageOut = <usize>oh * <usize>ow * ldc;
  const inRow = <usize>w * pixB;
  const zero = f32x4.splat(0);
  for (let b = begin; b < end; b++) {
    transformImage(x + <usize>b * <usize>h * inRow, u, h, w, ci, ow, tiles);
    const yImage = y + <usize>b * imageOut;
    // The block's first tile: output row oy, tile t.
    let oy = 0, t = 0;
    for (let r = 0; r < blocks; r += 4) {
      const rows = blocks - r < 4 ? blocks - r : 4;
      // The 4 tiles' transformed inputs and outputs; missing tiles repeat the last valid one
      // (their results are never stored).
      let ty = oy, tt = t;
      const a0 = u + <usize>ty * outRow + <usize>tt * tStride;
      const y0 = yImage + <usize>(ty * ow + tileStart(tt, ow)) * ldc;
      if (rows > 1 && ++tt == tiles) { tt = 0; ty++; }
      const a1 = u + <usize>ty * outRow + <usize>tt * tStride;
      const y1 = yImage + <usize>(ty * ow + tileStart(tt, ow)) * ldc;
      if (rows > 2 && ++tt == tiles) { tt = 0; ty++; }
      const a2 = u + <usize>ty * outRow + <usize>tt * tStride;
      const y2 = yImage + <usize>(ty * ow + tileStart(tt, ow)) * ldc;
      if (rows > 3 && ++tt == tiles) { tt = 0; ty++; }
      const a3 = u + <usize>ty * outRow + <usize>tt * tStride;
      const y3 = yImage + <usize>(ty * ow + tileStart(tt, ow)) * ldc;
      if (++tt == tiles) { tt = 0; ty++; }
      oy = ty; t = tt;
      for (let q = 0; q < panels; q++) {
        let vq = vp + <usize>q * panelB;
        for (let j = 0; j < POINTS; j++) {
          const off = <usize>j * jStride;
          tile(a0 + off, a1 + off, a2 + off, a3 + off, rowStep, runs, run, 4, vq, 32, m + (<usize>j << 7), 32, 8, INIT_ZERO, 0);
          vq += <usize>panels * panelB;
        }
        const c = q << 3;
        const n = co - c;
        const cB = <usize>c << 2;
        const bias0 = bias != 0 ? loadPart(bias + cB, n) : zero;
        const bias1 = bias != 0 ? loadPart(bias + cB + 16, n - 4) : zero;
        outputTile(m, y0 + cB, ldc, bias0, bias1, n);
        if (rows > 1) outputTile(m + 32, y1 + cB, ldc, bias0, bias1, n);
        if (rows > 2) outputTile(m + 64, y2 + cB, ldc, bias0, bias1, n);
        if (rows > 3) outputTile(m + 96, y3 + cB, ldc, bias0, bias1, n);
      }
    }
    activate(yImage, oh * ow, co, co, ConvParams.act(p));
  }
}

// The filter gradient by the same transform, as F(5, 2): for one filter row and one output row,
// the 5 taps' sums over a tile of 2 output pixels are a correlation of the tile's 6 input pixels
// with its 2 values of dy, so dW[kx] = sum_j A'^T[kx][j] * (sum over tiles of U_j * E_j), with
// U = B^T d as above and E = G' e, the rows of G' scaled like G's:
//   G'   = [1/4 0; -1/6 -1/6; -1/6 1/6; 1/24 1/12; 1/24 -1/12; 0 1]
//   A'^T = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 0; 0 1 1 16 16 1]
// The sums over tiles, images and output rows run in the transformed space (M_j, per share);
// winogradFilterOutput folds them into dW once.

/** A'^T (5 x 6), row by row. */
const AT_FILTER = memory.data<f32>([
  1, 1, 1, 1, 1, 0,
  0, 1, -1, 2, -2, 0,
  0, 1, 1, 4, 4, 0,
  0, 1, -1, 8, -8, 0,
  0, 1, 1, 16, 16, 1,
]);

/**
 * E_j = G' e of every tile of one image's dy, packed per point j and panel of 8 channels, the
 * tiles in U's order (tile, then output row): B of tileFilter. Channels past co in a panel's last
 * vector are zero; vectors wholly past co are not written (tileFilter does not store them).
 */
function transformDy(dy: usize, e: usize, co: i32, oh: i32, ow: i32, panels: i32): void {
  const tiles = ow >> 1;
  const k = oh * tiles;
  const pointB = (<usize>panels * <usize>k) << 5;
  const ldc = <usize>co << 2;
  const quarter = f32x4.splat(0.25), sixth = f32x4.splat(1.0 / 6), minusSixth = f32x4.splat(-1.0 / 6), twentyFourth = f32x4.splat(1.0 / 24);
  const two = f32x4.splat(2);
  for (let oy = 0; oy < oh; oy++) for (let t = 0; t < tiles; t++) {
    const src = dy + <usize>(oy * ow + (t << 1)) * ldc;
    const at = t * oh + oy;
    for (let o = 0; o < co; o += 4) {
      const n = co - o;
      const e0 = loadPart(src + (<usize>o << 2), n), e1 = loadPart(src + ldc + (<usize>o << 2), n);
      const d = e + ((<usize>(o >> 3) * <usize>k + <usize>at) << 5) + (<usize>(o & 7) << 2);
      const s01 = f32x4.add(e0, e1), e2x = f32x4.mul(two, e1);
      v128.store(d, f32x4.mul(quarter, e0));
      v128.store(d + pointB, f32x4.mul(minusSixth, s01));
      v128.store(d + 2 * pointB, f32x4.mul(sixth, f32x4.sub(e1, e0)));
      v128.store(d + 3 * pointB, f32x4.mul(twentyFourth, f32x4.add(e0, e2x)));
      v128.store(d + 4 * pointB, f32x4.mul(twentyFourth, f32x4.sub(e0, e2x)));
      v128.store(d + 5 * pointB, e1);
    }
  }
}

/**
 * M_j[(ky, ci), co] = sum over images [begin, end) of U_j^T E_j (see above), for 5-wide filters
 * with unit width stride and dilation, no padding and an even output width. Share 0 writes M at
 * `packed`, share t > 0 at `partials` + (t - 1) * 6 * fh * ci * co floats. The share's scratch:
 * the image's transformed input rows, then its transformed dy.
 */
export function conv2dBackpropFilterWinograd(p: usize, begin: i32, end: i32, tid: i32): void {
  const h = ConvParams.h(p), w = ConvParams.w(p), ci = ConvParams.ci(p), fh = ConvParams.fh(p), co = ConvParams.co(p);
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), sh = ConvParams.sh(p), dh = ConvParams.dh(p);
  const x = ConvParams.x(p), dy = ConvParams.y(p);
  const tiles = ow >> 1;
  const pixB = <usize>ci << 2;
  const tStride = tileStride(h, ci);
  const jStride = <usize>tiles * tStride;
  const u = ConvParams.scratch(p) + <usize>tid * ConvParams.scratchStride(p);
  const e = u + inputBytes(h, ci, tiles);
  const kr = fh * ci;
  const panels = (co + 7) >> 3;
  const ldc = <usize>co << 2;
  const pointM = <usize>kr * ldc;
  const m = tid == 0 ? ConvParams.packed(p) : ConvParams.partials(p) + <usize>(tid - 1) * POINTS * pointM;
  const k = oh * tiles;
  const inRow = <usize>w * pixB;
  const dyImage = <usize>oh * <usize>ow * ldc;
  const outRow = <usize>sh * pixB;
  for (let b = begin; b < end; b++) {
    transformImage(x + <usize>b * <usize>h * inRow, u, h, w, ci, ow, tiles);
    transformDy(dy + <usize>b * dyImage, e, co, oh, ow, panels);
    const accumulate = b != begin;
    for (let j = 0; j < POINTS; j++) {
      const uj = u + <usize>j * jStride;
      const ej = e + ((<usize>(j * panels) * <usize>k) << 5);
      const mj = m + <usize>j * pointM;
      for (let q0 = 0; q0 < kr; q0 += 4) {
        const rows = kr - q0 < 4 ? kr - q0 : 4;
        // Row q = (ky, c) reads U at ky's input row, channel c. Missing rows repeat the last one.
        const o0 = rowOffset(q0, ci, dh);
        const o1 = rows > 1 ? rowOffset(q0 + 1, ci, dh) : o0;
        const o2 = rows > 2 ? rowOffset(q0 + 2, ci, dh) : o1;
        const o3 = rows > 3 ? rowOffset(q0 + 3, ci, dh) : o2;
        for (let q = 0; q < panels; q++) {
          const j0 = q << 3;
          // K runs over U's blocks: tiles (tStride apart), then output rows (outRow apart).
          tileFilter(uj, o0, o1, o2, o3, outRow, 0, tiles, tiles, oh, 0, tStride, rows,
            ej + ((<usize>q * <usize>k) << 5), mj + <usize>q0 * ldc + (<usize>j0 << 2), ldc, imin(8, co - j0), accumulate);
        }
      }
    }
  }
}

/** Byte offset in U of filter row q = (ky, c) from its output row's place in a tile's block. */
// @ts-ignore: decorator
@inline function rowOffset(q: i32, ci: i32, dh: i32): usize {
  const ky = q / ci;
  return <usize>((ky * dh - ky) * ci + q) << 2;
}

/** dW[ky, kx, c, o] = sum_j A'^T[kx][j] * M_j[(ky, c), o], from the summed M at `packed` into f. */
export function winogradFilterOutput(p: usize): void {
  const ci = ConvParams.ci(p), co = ConvParams.co(p), fh = ConvParams.fh(p), fw = ConvParams.fw(p);
  const m = ConvParams.packed(p), f = ConvParams.f(p);
  const kr = fh * ci;
  const pointM = kr * co;
  for (let ky = 0; ky < fh; ky++) {
    for (let kx = 0; kx < fw; kx++) {
      for (let c = 0; c < ci; c++) {
        const src = (ky * ci + c) * co;
        const dst = ((ky * fw + kx) * ci + c) * co;
        for (let o = 0; o < co; o++) {
          let v: f32 = 0;
          for (let j = 0; j < POINTS; j++) {
            v += load<f32>(AT_FILTER + (<usize>(kx * POINTS + j) << 2)) * load<f32>(m + (<usize>(j * pointM + src + o) << 2));
          }
          store<f32>(f + (<usize>(dst + o) << 2), v);
        }
      }
    }
  }
}
