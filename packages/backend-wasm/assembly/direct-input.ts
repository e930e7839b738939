// Input gradient of an unpadded convolution with dilation 1 along the width, without a patch
// matrix: each 4x8 tile of dy * f^T is added straight onto dx. The 4 rows of a tile are one
// pixel of 4 different dy rows and the tile covers one filter row ky, so its 4 destinations are
// 4 different dx rows and never overlap; the next ky lands exactly where the tile before wrote
// (same addresses, same widths), which store-to-load forwarding handles. (Tiles of 4 neighbouring
// pixels overlap each other by a few floats, and those read-modify-writes stall.)
// B is f^T packed per filter row: for each ky, the fw * ci floats of dx that a pixel's patch row
// covers (contiguous when the width dilation is 1) in panels of 8.
import { packB } from './gemm';
import { imin, loadPart, madd, storePart } from './common';
// `packed` holds f^T packed per filter row, once per call before the kernel runs (packInputFilterRows).
import { ConvParams } from './generated/layouts';

/** d += v over w (<= 4 may be partial) lanes. */
// @ts-ignore: decorator
@inline function addPart(d: usize, v: v128, w: i32): void {
  if (w >= 4) v128.store(d, f32x4.add(v128.load(d), v));
  else storePart(d, f32x4.add(loadPart(d, w), v), w);
}

/**
 * dx rows d0..d3 (first `rows` of them) += the 4 dy pixels a0..a3 (k floats each) times one
 * panel of w (<= 8) columns.
 */
function tileAdd(
  a0: usize, a1: usize, a2: usize, a3: usize, k: i32, bp: usize,
  d0: usize, d1: usize, d2: usize, d3: usize, w: i32, rows: i32,
): void {
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
  let pb = bp;
  for (let j = 0; j < k; j++) {
    const off = <usize>j << 2;
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const x0 = v128.load32_splat(a0 + off);
    c0 = madd(x0, b0, c0); c1 = madd(x0, b1, c1);
    const x1 = v128.load32_splat(a1 + off);
    c2 = madd(x1, b0, c2); c3 = madd(x1, b1, c3);
    const x2 = v128.load32_splat(a2 + off);
    c4 = madd(x2, b0, c4); c5 = madd(x2, b1, c5);
    const x3 = v128.load32_splat(a3 + off);
    c6 = madd(x3, b0, c6); c7 = madd(x3, b1, c7);
    pb += 32;
  }
  if (w == 8 && rows == 4) {
    v128.store(d0, f32x4.add(v128.load(d0), c0)); v128.store(d0, f32x4.add(v128.load(d0, 16), c1), 16);
    v128.store(d1, f32x4.add(v128.load(d1), c2)); v128.store(d1, f32x4.add(v128.load(d1, 16), c3), 16);
    v128.store(d2, f32x4.add(v128.load(d2), c4)); v128.store(d2, f32x4.add(v128.load(d2, 16), c5), 16);
    v128.store(d3, f32x4.add(v128.load(d3), c6)); v128.store(d3, f32x4.add(v128.load(d3, 16), c7), 16);
    return;
  }
  addPart(d0, c0, w); addPart(d0 + 16, c1, w - 4);
  if (rows > 1) { addPart(d1, c2, w); addPart(d1 + 16, c3, w - 4); }
  if (rows > 2) { addPart(d2, c4, w); addPart(d2 + 16, c5, w - 4); }
  if (rows > 3) { addPart(d3, c6, w); addPart(d3 + 16, c7, w - 4); }
}

/** Zero floats on each side of a row of the row-wise packing (one tile's width, less a float). */
const EDGE: i32 = 8;

/**
 * Whether the row-wise form (conv2dBackpropInputRows) takes this convolution: several dy pixels'
 * patch rows reach into every 8 floats of a dx row (dy pixels less than 8 floats apart there) and
 * patch rows are long enough (16 floats or more) that the tiles' zero lanes stay a small part.
 * LeNet's second convolution: patch rows of 30 floats, pixels 6 apart.
 */
// @ts-ignore: decorator
@inline function rowWise(p: usize): bool {
  return ConvParams.fw(p) * ConvParams.ci(p) >= 16 && ConvParams.sw(p) * ConvParams.ci(p) < 8;
}

/**
 * Packs f^T per filter row into `packed`. Row-wise (rowWise): for each ky and output channel o,
 * the fw * ci floats f[(ky * fw * ci + t) * co + o] with EDGE zeros on each side, so 8 floats
 * starting anywhere from t = -7 to t = fw * ci - 1 are one row's weights or zeros. Otherwise, for
 * each ky, the fw * ci columns (kx, c) of f^T, element (o, t) being f[(ky * fw * ci + t) * co + o],
 * in panels of 8. Filter rows ky in [begin, end): each row's packing is its own, so a large
 * filter's rows (LeNet's conv3: 9,600 floats each) pack on every thread at once.
 */
export function packInputFilterRows(p: usize, begin: i32, end: i32, tid: i32): void {
  const run = ConvParams.fw(p) * ConvParams.ci(p), co = ConvParams.co(p);
  const f = ConvParams.f(p), bp = ConvParams.packed(p);
  if (rowWise(p)) {
    const len = run + 2 * EDGE;
    const rowB = (<usize>co * <usize>len) << 2;
    memory.fill(bp + <usize>begin * rowB, 0, <usize>(end - begin) * rowB);
    for (let ky = begin; ky < end; ky++) {
      for (let o = 0; o < co; o++) {
        const d = bp + ((<usize>(ky * co + o) * <usize>len + <usize>EDGE) << 2);
        const src = f + ((<usize>ky * <usize>run * <usize>co + <usize>o) << 2);
        for (let t = 0; t < run; t++) store<f32>(d + (<usize>t << 2), load<f32>(src + ((<usize>t * <usize>co) << 2)));
      }
    }
    return;
  }
  const rowB = <usize>((run + 7) >> 3) * <usize>co << 5;
  for (let ky = begin; ky < end; ky++) {
    packB(f + ((<usize>ky * <usize>run * <usize>co) << 2), co, run, 1, co, bp + <usize>ky * rowB);
  }
}

/**
 * dx rows d0..d3 (first `rows` of them), floats j0..j0+w-1 (w <= 8) += the sum over `nox`
 * consecutive dy pixels, starting at a0..a3 (k floats each, the next pixel right after), of the
 * pixel times the 8 packed weights at pb: a row of k, `rowB` bytes apart, that starts `stepB`
 * bytes earlier for each next pixel (its patch row starts further right in dx).
 */
function tileRow(
  a0: usize, a1: usize, a2: usize, a3: usize, nox: i32, k: i32, pb0: usize, rowB: usize, stepB: usize,
  d0: usize, d1: usize, d2: usize, d3: usize, w: i32, rows: i32,
): void {
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
  let pa0 = a0, pa1 = a1, pa2 = a2, pa3 = a3;
  let pbo = pb0;
  for (let o = 0; o < nox; o++, pbo -= stepB) {
    let pb = pbo;
    for (let j = 0; j < k; j++, pb += rowB) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const x0 = v128.load32_splat(pa0);
      c0 = madd(x0, b0, c0); c1 = madd(x0, b1, c1);
      const x1 = v128.load32_splat(pa1);
      c2 = madd(x1, b0, c2); c3 = madd(x1, b1, c3);
      const x2 = v128.load32_splat(pa2);
      c4 = madd(x2, b0, c4); c5 = madd(x2, b1, c5);
      const x3 = v128.load32_splat(pa3);
      c6 = madd(x3, b0, c6); c7 = madd(x3, b1, c7);
      pa0 += 4; pa1 += 4; pa2 += 4; pa3 += 4;
    }
  }
  if (w == 8 && rows == 4) {
    v128.store(d0, f32x4.add(v128.load(d0), c0)); v128.store(d0, f32x4.add(v128.load(d0, 16), c1), 16);
    v128.store(d1, f32x4.add(v128.load(d1), c2)); v128.store(d1, f32x4.add(v128.load(d1, 16), c3), 16);
    v128.store(d2, f32x4.add(v128.load(d2), c4)); v128.store(d2, f32x4.add(v128.load(d2, 16), c5), 16);
    v128.store(d3, f32x4.add(v128.load(d3), c6)); v128.store(d3, f32x4.add(v128.load(d3, 16), c7), 16);
    return;
  }
  addPart(d0, c0, w); addPart(d0 + 16, c1, w - 4);
  if (rows > 1) { addPart(d1, c2, w); addPart(d1 + 16, c3, w - 4); }
  if (rows > 2) { addPart(d2, c4, w); addPart(d2 + 16, c5, w - 4); }
  if (rows > 3) { addPart(d3, c6, w); addPart(d3 + 16, c7, w - 4); }
}

/**
 * The row-wise form of conv2dBackpropInputDirect: each tile is 8 floats of 4 dx rows, summed in
 * registers over every dy pixel whose patch row reaches them (dy's channels each), so a dx float
 * is read and written once per filter row instead of once per dy pixel; weights past a patch
 * row's ends are the packing's zeros.
 */
function backpropInputRows(p: usize, begin: i32, end: i32): void {
  const h = ConvParams.h(p), w = ConvParams.w(p), ci = ConvParams.ci(p), fh = ConvParams.fh(p), fw = ConvParams.fw(p), co = ConvParams.co(p);
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), sh = ConvParams.sh(p), sw = ConvParams.sw(p), dh = ConvParams.dh(p);
  const dx = ConvParams.x(p), dy = ConvParams.y(p);
  const bp = ConvParams.packed(p);
  const run = fw * ci;
  const len = run + 2 * EDGE;
  const rowB = <usize>len << 2;
  const kyB = <usize>co * rowB;
  const sx = sw * ci;
  const stepB = <usize>sx << 2;
  const ciB = <usize>ci << 2;
  const imageB = <usize>h * <usize>w * ciB;
  memory.fill(dx + <usize>begin * imageB, 0, <usize>(end - begin) * imageB);
  const dxRowB = <usize>w * ciB;
  const kyStep = <usize>dh * dxRowB;
  const rowFloats = w * ci;
  const dyPixB = <usize>co << 2;
  const dyRowB = <usize>ow * dyPixB;
  const last = end * oh;
  for (let r0 = begin * oh; r0 < last; r0 += 4) {
    const rows = imin(4, last - r0);
    // Missing rows re-read the last valid one; their results are never stored.
    const q1 = r0 + imin(1, rows - 1), q2 = r0 + imin(2, rows - 1), q3 = r0 + imin(3, rows - 1);
    const a0 = dy + <usize>r0 * dyRowB, a1 = dy + <usize>q1 * dyRowB;
    const a2 = dy + <usize>q2 * dyRowB, a3 = dy + <usize>q3 * dyRowB;
    const d0 = dxRow(dx, r0, oh, sh, imageB, dxRowB), d1 = dxRow(dx, q1, oh, sh, imageB, dxRowB);
    const d2 = dxRow(dx, q2, oh, sh, imageB, dxRowB), d3 = dxRow(dx, q3, oh, sh, imageB, dxRowB);
    for (let ky = 0; ky < fh; ky++) {
      const dk = <usize>ky * kyStep;
      const pk = bp + <usize>ky * kyB + (<usize>EDGE << 2);
      for (let j0 = 0; j0 < rowFloats; j0 += 8) {
        // dy pixels ox whose patch row [ox * sx, ox * sx + run) meets [j0, j0 + 8).
        const lo = j0 - run + 1;
        const oxLo = lo <= 0 ? 0 : (lo + sx - 1) / sx;
        const oxHi = imin(ow - 1, (j0 + 7) / sx);
        if (oxLo > oxHi) continue;
        const ao = <usize>oxLo * dyPixB;
        const jo = dk + (<usize>j0 << 2);
        tileRow(a0 + ao, a1 + ao, a2 + ao, a3 + ao, oxHi - oxLo + 1, co, pk + (<usize>(j0 - oxLo * sx) << 2), rowB, stepB,
          d0 + jo, d1 + jo, d2 + jo, d3 + jo, imin(8, rowFloats - j0), rows);
      }
    }
  }
}

/**
 * dx = dy * f^T scattered onto the patches, for images [begin, end) (units are whole images: a
 * pixel's patch reaches into neighbouring dy rows' patches, so threads split at images only).
 * Rows of a tile are consecutive dy rows of the share, across image boundaries.
 */
export function conv2dBackpropInputDirect(p: usize, begin: i32, end: i32, tid: i32): void {
  if (rowWise(p)) {
    backpropInputRows(p, begin, end);
    return;
  }
  const h = ConvParams.h(p), w = ConvParams.w(p), ci = ConvParams.ci(p), fh = ConvParams.fh(p), fw = ConvParams.fw(p), co = ConvParams.co(p);
  const oh = ConvParams.oh(p), ow = ConvParams.ow(p), sh = ConvParams.sh(p), sw = ConvParams.sw(p), dh = ConvParams.dh(p);
  const dx = ConvParams.x(p), dy = ConvParams.y(p);
  const bp = ConvParams.packed(p);
  const run = fw * ci;
  const panels = (run + 7) >> 3;
  const panelB = <usize>co << 5;
  const ciB = <usize>ci << 2;
  const imageB = <usize>h * <usize>w * ciB;
  memory.fill(dx + <usize>begin * imageB, 0, <usize>(end - begin) * imageB);
  const rowB = <usize>w * ciB;
  const kyStep = <usize>dh * rowB;
  const pixX = <usize>sw * ciB;
  const dyPixB = <usize>co << 2;
  const dyRowB = <usize>ow * dyPixB;
  const last = end * oh;
  for (let r0 = begin * oh; r0 < last; r0 += 4) {
    const rows = imin(4, last - r0);
    // Missing rows re-read the last valid one; their results are never stored.
    const q1 = r0 + imin(1, rows - 1), q2 = r0 + imin(2, rows - 1), q3 = r0 + imin(3, rows - 1);
    const a0 = dy + <usize>r0 * dyRowB, a1 = dy + <usize>q1 * dyRowB;
    const a2 = dy + <usize>q2 * dyRowB, a3 = dy + <usize>q3 * dyRowB;
    const d0 = dxRow(dx, r0, oh, sh, imageB, rowB), d1 = dxRow(dx, q1, oh, sh, imageB, rowB);
    const d2 = dxRow(dx, q2, oh, sh, imageB, rowB), d3 = dxRow(dx, q3, oh, sh, imageB, rowB);
    for (let ox = 0; ox < ow; ox++) {
      const ao = <usize>ox * dyPixB;
      const xo = <usize>ox * pixX;
      let pb = bp;
      for (let ky = 0; ky < fh; ky++) {
        const o = xo + <usize>ky * kyStep;
        for (let q = 0; q < panels; q++) {
          const qo = o + (<usize>q << 5);
          tileAdd(a0 + ao, a1 + ao, a2 + ao, a3 + ao, co, pb, d0 + qo, d1 + qo, d2 + qo, d3 + qo, imin(8, run - (q << 3)), rows);
          pb += panelB;
        }
      }
    }
  }
}

/** Address in dx of the top-left of the patch of dy row r (flattened over images), column 0. */
// @ts-ignore: decorator
@inline function dxRow(dx: usize, r: i32, oh: i32, sh: i32, imageB: usize, rowB: usize): usize {
  const b = r / oh;
  return dx + <usize>b * imageB + <usize>((r - b * oh) * sh) * rowB;
}
