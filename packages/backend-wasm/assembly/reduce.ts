// Float32 reductions over [outer, r, inner] (the TypeScript side permutes other axis sets into
// this form). Sums accumulate in f64, as the reference does, so long sums stay correctly rounded.
import { pi, pu } from './common';

const R_SUM = 0, R_MEAN = 1, R_MAX = 2, R_MIN = 3, R_PROD = 4;

/** Sum of n contiguous floats in f64, two f64x2 lanes pairs at a time. */
function sumRow(x: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = a0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    a0 = f64x2.add(a0, f64x2.promote_low_f32x4(v));
    a1 = f64x2.add(a1, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3)));
  }
  const s = f64x2.add(a0, a1);
  let r = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < n; i++) r += <f64>load<f32>(x + (<usize>i << 2));
  return r;
}

// @ts-ignore: decorator
@inline function extremeRow(x: usize, n: i32, isMax: bool): f32 {
  let acc = f32x4.splat(isMax ? -Infinity : Infinity);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    acc = isMax ? f32x4.max(acc, v) : f32x4.min(acc, v);
  }
  const a0 = f32x4.extract_lane(acc, 0), a1 = f32x4.extract_lane(acc, 1);
  const a2 = f32x4.extract_lane(acc, 2), a3 = f32x4.extract_lane(acc, 3);
  let r: f32 = isMax ? max(max(a0, a1), max(a2, a3)) : min(min(a0, a1), min(a2, a3));
  for (; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    r = isMax ? max(r, v) : min(r, v);
  }
  return r;
}

/**
 * Slots: op, x, y, r, inner, scratch (32 * inner bytes per thread), scratchStride. Units are outer
 * indices. NaN propagates through max and min, as Math.max does.
 */
export function reduce(p: usize, begin: i32, end: i32, tid: i32): void {
  const op = pi(p, 0);
  const x = pu(p, 1), y = pu(p, 2);
  const r = pi(p, 3), inner = pi(p, 4);
  const acc = pu(p, 5) + <usize>tid * pu(p, 6);
  for (let o = begin; o < end; o++) {
    const base = x + ((<usize>o * <usize>r * <usize>inner) << 2);
    const dst = y + ((<usize>o * <usize>inner) << 2);
    if (inner == 1) {
      let v: f32;
      if (op == R_SUM) v = <f32>sumRow(base, r);
      else if (op == R_MEAN) v = <f32>(sumRow(base, r) / <f64>r);
      else if (op == R_MAX) v = extremeRow(base, r, true);
      else if (op == R_MIN) v = extremeRow(base, r, false);
      else {
        let q: f64 = 1;
        for (let k = 0; k < r; k++) q *= <f64>load<f32>(base + (<usize>k << 2));
        v = <f32>q;
      }
      store<f32>(dst, v);
      continue;
    }
    // Column reductions see the rows as one flat stream with acc[q mod L] += x[q], L a multiple
    // of both inner and 4: whole vectors even when inner is not (LeNet's bias gradients have 6).
    const L = (inner & 3) == 0 ? inner : (inner & 1) == 0 ? inner * 2 : inner * 4;
    const total = r * inner;
    const whole = total - total % L;
    if (op == R_SUM || op == R_MEAN) {
      for (let i = 0; i < L; i++) store<f64>(acc + (<usize>i << 3), 0);
      for (let q = 0; q < whole; q += L) {
        const row = base + (<usize>q << 2);
        for (let i = 0; i < L; i += 4) {
          const v = v128.load(row + (<usize>i << 2));
          const a = acc + (<usize>i << 3);
          v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v)));
          v128.store(a, f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3))), 16);
        }
      }
      for (let q = whole; q < total; q++) {
        const a = acc + (<usize>(q - whole) << 3);
        store<f64>(a, load<f64>(a) + <f64>load<f32>(base + (<usize>q << 2)));
      }
      const div: f64 = op == R_MEAN ? <f64>r : 1;
      for (let i = 0; i < inner; i++) {
        let sum: f64 = 0;
        for (let j = i; j < L; j += inner) sum += load<f64>(acc + (<usize>j << 3));
        store<f32>(dst + (<usize>i << 2), <f32>(sum / div));
      }
      continue;
    }
    if (op == R_PROD) {
      for (let i = 0; i < inner; i++) store<f64>(acc + (<usize>i << 3), 1);
      for (let q = 0; q < total; q++) {
        const a = acc + (<usize>(q % inner) << 3);
        store<f64>(a, load<f64>(a) * <f64>load<f32>(base + (<usize>q << 2)));
      }
      for (let i = 0; i < inner; i++) store<f32>(dst + (<usize>i << 2), <f32>load<f64>(acc + (<usize>i << 3)));
      continue;
    }
    const isMax = op == R_MAX;
    const fillV: f32 = isMax ? -Infinity : Infinity;
    // The f32 accumulators sit in the same scratch, 4 bytes apart.
    for (let i = 0; i < L; i++) store<f32>(acc + (<usize>i << 2), fillV);
    for (let q = 0; q < whole; q += L) {
      const row = base + (<usize>q << 2);
      for (let i = 0; i < L; i += 4) {
        const a = acc + (<usize>i << 2);
        const v = v128.load(row + (<usize>i << 2));
        v128.store(a, isMax ? f32x4.max(v128.load(a), v) : f32x4.min(v128.load(a), v));
      }
    }
    for (let q = whole; q < total; q++) {
      const a = acc + (<usize>(q - whole) << 2);
      const v = load<f32>(base + (<usize>q << 2));
      store<f32>(a, isMax ? max(load<f32>(a), v) : min(load<f32>(a), v));
    }
    for (let i = 0; i < inner; i++) {
      let m = fillV;
      for (let j = i; j < L; j += inner) {
        const v = load<f32>(acc + (<usize>j << 2));
        m = isMax ? max(m, v) : min(m, v);
      }
      store<f32>(dst + (<usize>i << 2), m);
    }
  }
}

/** Softmax (log = 0) or log-softmax (log = 1) over rows of length d. Slots: log, x, y, d. */
export function softmax(p: usize, begin: i32, end: i32, tid: i32): void {
  const log = pi(p, 0) != 0;
  const x = pu(p, 1), y = pu(p, 2);
  const d = pi(p, 3);
  for (let row = begin; row < end; row++) {
    const xs = x + ((<usize>row * <usize>d) << 2);
    const ys = y + ((<usize>row * <usize>d) << 2);
    const m = <f64>extremeRow(xs, d, true);
    let sum: f64 = 0;
    for (let i = 0; i < d; i++) {
      sum += Math.exp(<f64>load<f32>(xs + (<usize>i << 2)) - m);
    }
    if (log) {
      const shift = m + Math.log(sum);
      for (let i = 0; i < d; i++) store<f32>(ys + (<usize>i << 2), <f32>(<f64>load<f32>(xs + (<usize>i << 2)) - shift));
    } else {
      for (let i = 0; i < d; i++) {
        const q = ys + (<usize>i << 2);
        store<f32>(q, <f32>(Math.exp(<f64>load<f32>(xs + (<usize>i << 2)) - m) / sum));
      }
    }
  }
}
