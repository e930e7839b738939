// Pooling and its gradients, SIMD across channels (NHWC keeps a pixel's channels adjacent).
// Padding never wins a max nor counts in an average. Parallel units are whole images, so the
// gradients' scatter never crosses threads. Channel counts that are not a multiple of 4 (LeNet
// has 6) end in a partial vector: read whole (past a pixel's channels lie the next pixel's, past
// a tensor's end its 16 bytes of slack) and stored lane by lane.
import { imax, imin, storePart } from './common';
import { activationGradInPlace } from './elementwise';
import { PoolParams } from './generated/layouts';

/** y = max over each window; an empty window gives -Infinity and NaN never wins (as the reference). */
export function maxPool(p: usize, begin: i32, end: i32, tid: i32): void {
  pool(p, begin, end, true);
}

/** y = mean over the in-bounds cells of each window. */
export function avgPool(p: usize, begin: i32, end: i32, tid: i32): void {
  if (tiles(p)) avgPoolTiled(p, begin, end, false);
  else pool(p, begin, end, false);
}

/**
 * Whether the windows tile the input exactly (stride = window, no padding, nothing left over:
 * LeNet's pools) with at least 4 channels: every window then has all its cells, and a pixel's
 * channels end in a whole vector that overlaps the one before it (channels c-4..c-1) instead of
 * a partial one.
 */
// @ts-ignore: decorator
@inline function tiles(p: usize): bool {
  const fh = PoolParams.fh(p), fw = PoolParams.fw(p);
  return PoolParams.c(p) >= 4 && fh == PoolParams.sh(p) && fw == PoolParams.sw(p) && PoolParams.pt(p) == 0 && PoolParams.pl(p) == 0
    && PoolParams.oh(p) * fh == PoolParams.h(p) && PoolParams.ow(p) * fw == PoolParams.w(p);
}

/**
 * avgPool (y = window mean) or its gradient (each cell gets its window's dy / n) where the
 * windows tile the input (see `tiles`): one walk over the windows, reading or writing each cell.
 */
// @ts-ignore: decorator
@inline function avgPoolTiled(p: usize, begin: i32, end: i32, isGrad: bool): void {
  const w = PoolParams.w(p), c = PoolParams.c(p), oh = PoolParams.oh(p), ow = PoolParams.ow(p), fh = PoolParams.fh(p), fw = PoolParams.fw(p);
  const cB = <usize>c << 2;
  const rowB = <usize>w * cB;
  const inv = f32x4.splat(1 / <f32>(fh * fw));
  // o walks the pooled side (y, or dy for the gradient), cells the full-size side (x, or dx).
  let o = (isGrad ? PoolParams.dy(p) : PoolParams.y(p)) + <usize>begin * <usize>oh * <usize>ow * cB;
  let cellRow = (isGrad ? PoolParams.dx(p) : PoolParams.x(p)) + <usize>begin * <usize>oh * <usize>fh * rowB;
  for (let r = begin * oh; r < end * oh; r++, cellRow += <usize>fh * rowB) {
    let first = cellRow;
    for (let ox = 0; ox < ow; ox++, o += cB, first += <usize>fw * cB) {
      if (fh == 2 && fw == 2) {
        // LeNet's 2x2 windows, unrolled: the generic cell loops cost more than their 4 cells.
        for (let ch = 0; ; ch = imin(ch + 4, c - 4)) {
          const a = first + (<usize>ch << 2), b = a + rowB;
          if (isGrad) {
            const g = f32x4.mul(v128.load(o + (<usize>ch << 2)), inv);
            v128.store(a, g); v128.store(a + cB, g); v128.store(b, g); v128.store(b + cB, g);
          } else {
            const s = f32x4.add(f32x4.add(v128.load(a), v128.load(a + cB)), f32x4.add(v128.load(b), v128.load(b + cB)));
            v128.store(o + (<usize>ch << 2), f32x4.mul(s, inv));
          }
          if (ch + 4 >= c) break;
        }
        continue;
      }
      for (let ch = 0; ; ch = imin(ch + 4, c - 4)) {
        const g = isGrad ? f32x4.mul(v128.load(o + (<usize>ch << 2)), inv) : f32x4.splat(0);
        let acc = f32x4.splat(0);
        let row = first + (<usize>ch << 2);
        for (let ky = 0; ky < fh; ky++, row += rowB) {
          let s = row;
          for (let kx = 0; kx < fw; kx++, s += cB) {
            if (isGrad) v128.store(s, g);
            else acc = f32x4.add(acc, v128.load(s));
          }
        }
        if (!isGrad) v128.store(o + (<usize>ch << 2), f32x4.mul(acc, inv));
        if (ch + 4 >= c) break;
      }
    }
  }
}

// @ts-ignore: decorator
@inline function pool(p: usize, begin: i32, end: i32, isMax: bool): void {
  const h = PoolParams.h(p), w = PoolParams.w(p), c = PoolParams.c(p), oh = PoolParams.oh(p), ow = PoolParams.ow(p);
  const fh = PoolParams.fh(p), fw = PoolParams.fw(p), sh = PoolParams.sh(p), sw = PoolParams.sw(p), pt = PoolParams.pt(p), pl = PoolParams.pl(p);
  const x = PoolParams.x(p);
  const cB = <usize>c << 2;
  let o = PoolParams.y(p) + ((<usize>begin * <usize>oh * <usize>ow) * cB);
  for (let b = begin; b < end; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * sh - pt;
      const ky0 = imax(0, -y0), ky1 = imin(fh, h - y0);
      for (let ox = 0; ox < ow; ox++, o += cB) {
        const x0 = ox * sw - pl;
        const kx0 = imax(0, -x0), kx1 = imin(fw, w - x0);
        const count = f32x4.splat(<f32>(imax(0, ky1 - ky0) * imax(0, kx1 - kx0)));
        const first = x + (<usize>((b * h + y0 + ky0) * w + x0 + kx0)) * cB;
        for (let ch = 0; ch < c; ch += 4) {
          // pmax(acc, v) keeps acc when v is NaN: NaN never wins, as the reference's `v > acc`.
          let acc = isMax ? f32x4.splat(-Infinity) : f32x4.splat(0);
          let row = first + (<usize>ch << 2);
          for (let ky = ky0; ky < ky1; ky++, row += <usize>w * cB) {
            let s = row;
            for (let kx = kx0; kx < kx1; kx++, s += cB) acc = isMax ? f32x4.pmax(acc, v128.load(s)) : f32x4.add(acc, v128.load(s));
          }
          storePart(o + (<usize>ch << 2), isMax ? acc : f32x4.div(acc, count), c - ch);
        }
      }
    }
  }
}

/** dx[first max of each window] += dy (strict > keeps the first, row-major). */
export function maxPoolGrad(p: usize, begin: i32, end: i32, tid: i32): void {
  const h = PoolParams.h(p), w = PoolParams.w(p), c = PoolParams.c(p), oh = PoolParams.oh(p), ow = PoolParams.ow(p);
  const fh = PoolParams.fh(p), fw = PoolParams.fw(p), sh = PoolParams.sh(p), sw = PoolParams.sw(p), pt = PoolParams.pt(p), pl = PoolParams.pl(p);
  const x = PoolParams.x(p), dx = PoolParams.dx(p);
  const cB = <usize>c << 2;
  const imageB = <usize>h * <usize>w * cB;
  memory.fill(dx + <usize>begin * imageB, 0, <usize>(end - begin) * imageB);
  let o = PoolParams.dy(p) + ((<usize>begin * <usize>oh * <usize>ow) * cB);
  const lanes = i32x4(0, 4, 8, 12);
  for (let b = begin; b < end; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * sh - pt;
      const ky0 = imax(0, -y0), ky1 = imin(fh, h - y0);
      for (let ox = 0; ox < ow; ox++, o += cB) {
        const x0 = ox * sw - pl;
        const kx0 = imax(0, -x0), kx1 = imin(fw, w - x0);
        if (ky1 <= ky0 || kx1 <= kx0) continue;
        const first = (<usize>((b * h + y0 + ky0) * w + x0 + kx0)) * cB;
        for (let ch = 0; ch < c; ch += 4) {
          const chB = <usize>ch << 2;
          let best = v128.load(x + first + chB);
          let where = i32x4.add(i32x4.splat(<i32>(first + chB)), lanes);
          let row = first + chB;
          for (let ky = ky0; ky < ky1; ky++, row += <usize>w * cB) {
            let s = row;
            for (let kx = kx0; kx < kx1; kx++, s += cB) {
              const v = v128.load(x + s);
              const gt = f32x4.gt(v, best);
              best = v128.bitselect(v, best, gt);
              where = v128.bitselect(i32x4.add(i32x4.splat(<i32>s), lanes), where, gt);
            }
          }
          const g = v128.load(o + chB);
          const left = c - ch;
          scatterAdd(dx + <usize>i32x4.extract_lane(where, 0), f32x4.extract_lane(g, 0));
          if (left > 1) scatterAdd(dx + <usize>i32x4.extract_lane(where, 1), f32x4.extract_lane(g, 1));
          if (left > 2) scatterAdd(dx + <usize>i32x4.extract_lane(where, 2), f32x4.extract_lane(g, 2));
          if (left > 3) scatterAdd(dx + <usize>i32x4.extract_lane(where, 3), f32x4.extract_lane(g, 3));
        }
      }
    }
  }
}

// @ts-ignore: decorator
@inline function scatterAdd(d: usize, g: f32): void {
  store<f32>(d, load<f32>(d) + g);
}

/**
 * dx[cell] += dy / count over each window's in-bounds cells. Windows that tile the input
 * exactly (stride = window, no padding: LeNet's pools) store instead of adding, so dx needs
 * no zeroing pass.
 */
export function avgPoolGrad(p: usize, begin: i32, end: i32, tid: i32): void {
  if (tiles(p)) {
    avgPoolTiled(p, begin, end, true);
    return;
  }
  const h = PoolParams.h(p), w = PoolParams.w(p), c = PoolParams.c(p), oh = PoolParams.oh(p), ow = PoolParams.ow(p);
  const fh = PoolParams.fh(p), fw = PoolParams.fw(p), sh = PoolParams.sh(p), sw = PoolParams.sw(p), pt = PoolParams.pt(p), pl = PoolParams.pl(p);
  const dx = PoolParams.dx(p);
  const cB = <usize>c << 2;
  const imageB = <usize>h * <usize>w * cB;
  const tiles = fh == sh && fw == sw && pt == 0 && pl == 0 && oh * sh == h && ow * sw == w;
  if (!tiles) memory.fill(dx + <usize>begin * imageB, 0, <usize>(end - begin) * imageB);
  let o = PoolParams.dy(p) + ((<usize>begin * <usize>oh * <usize>ow) * cB);
  for (let b = begin; b < end; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * sh - pt;
      const ky0 = imax(0, -y0), ky1 = imin(fh, h - y0);
      for (let ox = 0; ox < ow; ox++, o += cB) {
        const x0 = ox * sw - pl;
        const kx0 = imax(0, -x0), kx1 = imin(fw, w - x0);
        const n = imax(0, ky1 - ky0) * imax(0, kx1 - kx0);
        if (n == 0) continue;
        const count = f32x4.splat(<f32>n);
        const first = dx + (<usize>((b * h + y0 + ky0) * w + x0 + kx0)) * cB;
        for (let ch = 0; ch < c; ch += 4) {
          const g = f32x4.div(v128.load(o + (<usize>ch << 2)), count);
          const left = c - ch;
          let row = first + (<usize>ch << 2);
          for (let ky = ky0; ky < ky1; ky++, row += <usize>w * cB) {
            let s = row;
            for (let kx = kx0; kx < kx1; kx++, s += cB) storePart(s, tiles ? g : f32x4.add(v128.load(s), g), left);
          }
        }
      }
    }
  }
}

/**
 * avgPoolGrad, then dx *= f'(y) with y = f(z) the pool's input (PoolParams.y; `act` is core's
 * FUSED_ACTIVATION_CODES), one image at a time: the image's dx is still in cache when the
 * derivative pass reads it back. Where `sums` is set, each share also sums dx per channel.
 */
export function fusedAvgPoolGrad(p: usize, begin: i32, end: i32, tid: i32): void {
  const c = PoolParams.c(p);
  const image = PoolParams.h(p) * PoolParams.w(p) * c;
  const imageB = <usize>image << 2;
  const dx = PoolParams.dx(p), y = PoolParams.y(p), act = PoolParams.act(p);
  const sums: usize = PoolParams.sums(p) == 0 ? 0 : PoolParams.sums(p) + ((<usize>tid * <usize>c) << 3);
  if (sums != 0) memory.fill(sums, 0, <usize>c << 3);
  for (let b = begin; b < end; b++) {
    avgPoolGrad(p, b, b + 1, tid);
    activationGradInPlace(act, dx + <usize>b * imageB, y + <usize>b * imageB, image);
    if (sums != 0) addImageChannelSums(dx + <usize>b * imageB, image, c, sums);
  }
}

/**
 * sums[ch] (f64) += the sum over an image's pixels of channel ch (c a multiple of 4), from the
 * image just written, while it is in cache: the bias gradient of the conv before the pool, which
 * the next reduce of dx takes instead of reading dx again (src/kernels/util/bias-companion.ts).
 */
function addImageChannelSums(d: usize, image: i32, c: i32, sums: usize): void {
  const cB = <usize>c << 2;
  const end = d + (<usize>image << 2);
  for (let ch = 0; ch < c; ch += 4) {
    let s0 = f32x4.splat(0), s1 = s0;
    let q = d + (<usize>ch << 2);
    for (; q + cB < end; q += cB << 1) {
      s0 = f32x4.add(s0, v128.load(q));
      s1 = f32x4.add(s1, v128.load(q + cB));
    }
    if (q < end) s0 = f32x4.add(s0, v128.load(q));
    const v = f32x4.add(s0, s1);
    const a = sums + (<usize>ch << 3);
    v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v)));
    v128.store(a, f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3))), 16);
  }
}
