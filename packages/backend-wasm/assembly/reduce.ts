// Float32 reductions over [outer, r, inner] (the TypeScript side permutes other axis sets into
// this form). Sums accumulate in f64, as the reference does, so long sums stay correctly rounded.
// Each op has its own function, named after it, that the generated reduceOp switch calls.
import { ReduceCode } from './generated/codes';
import { reduceOp } from './generated/dispatch';
import { ReduceParams, ReduceRowsParams, SoftmaxParams } from './generated/layouts';

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

/** Period of the flat column stream: a multiple of both inner and 4. */
// @ts-ignore: decorator
@inline function period(inner: i32): i32 {
  return (inner & 3) == 0 ? inner : (inner & 1) == 0 ? inner * 2 : inner * 4;
}

/** Lanes 0-1 (lo) and 2-3 (hi) of an f32x4, widened to f64x2. */
// @ts-ignore: decorator
@inline function lo(v: v128): v128 {
  return f64x2.promote_low_f32x4(v);
}

// @ts-ignore: decorator
@inline function hi(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
}

/**
 * acc[0..L) (f64) = column sums of the flat stream x[0..total) with period L: acc[q mod L] +=
 * x[q]; `whole` (a multiple of L) floats go as vectors. Periods up to 16 keep their sums in
 * registers (through memory, each add waited for the store before it).
 */
function columnSums(x: usize, total: i32, whole: i32, L: i32, acc: usize): void {
  if (L <= 16) {
    let a0 = f64x2.splat(0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    for (let q = 0; q < whole; q += L) {
      const row = x + (<usize>q << 2);
      const v0 = v128.load(row);
      a0 = f64x2.add(a0, lo(v0)); a1 = f64x2.add(a1, hi(v0));
      if (L > 4) {
        const v1 = v128.load(row, 16);
        a2 = f64x2.add(a2, lo(v1)); a3 = f64x2.add(a3, hi(v1));
      }
      if (L > 8) {
        const v2 = v128.load(row, 32);
        a4 = f64x2.add(a4, lo(v2)); a5 = f64x2.add(a5, hi(v2));
      }
      if (L > 12) {
        const v3 = v128.load(row, 48);
        a6 = f64x2.add(a6, lo(v3)); a7 = f64x2.add(a7, hi(v3));
      }
    }
    v128.store(acc, a0); v128.store(acc, a1, 16);
    if (L > 4) { v128.store(acc, a2, 32); v128.store(acc, a3, 48); }
    if (L > 8) { v128.store(acc, a4, 64); v128.store(acc, a5, 80); }
    if (L > 12) { v128.store(acc, a6, 96); v128.store(acc, a7, 112); }
  } else {
    for (let i = 0; i < L; i++) store<f64>(acc + (<usize>i << 3), 0);
    for (let q = 0; q < whole; q += L) {
      const row = x + (<usize>q << 2);
      for (let i = 0; i < L; i += 4) {
        const v = v128.load(row + (<usize>i << 2));
        const a = acc + (<usize>i << 3);
        v128.store(a, f64x2.add(v128.load(a), lo(v)));
        v128.store(a, f64x2.add(v128.load(a, 16), hi(v)), 16);
      }
    }
  }
  for (let q = whole; q < total; q++) {
    const a = acc + (<usize>(q - whole) << 3);
    store<f64>(a, load<f64>(a) + <f64>load<f32>(x + (<usize>q << 2)));
  }
}

/**
 * Column sums over rows [begin * rowsPerUnit, end * rowsPerUnit) of the only outer index
 * (rowsPerUnit is a multiple of 4 so every share's stream starts in phase), as f64 partial sums at
 * scratch + tid * scratchStride: inner of them, added up by the caller. A bias gradient has one
 * outer index and a hundred thousand rows, so it splits over the rows instead.
 */
export function reduceRows(p: usize, begin: i32, end: i32, tid: i32): void {
  const x = ReduceRowsParams.x(p);
  const r = ReduceRowsParams.r(p), inner = ReduceRowsParams.inner(p), rb = ReduceRowsParams.rowsPerUnit(p);
  const acc = ReduceRowsParams.scratch(p) + <usize>tid * ReduceRowsParams.scratchStride(p);
  const r0 = begin * rb;
  const r1 = end * rb < r ? end * rb : r;
  const L = period(inner);
  const total = (r1 - r0) * inner;
  columnSums(x + ((<usize>r0 * <usize>inner) << 2), total, total - total % L, L, acc);
  for (let i = 0; i < inner; i++) {
    let sum: f64 = 0;
    for (let j = i; j < L; j += inner) sum += load<f64>(acc + (<usize>j << 3));
    store<f64>(acc + (<usize>i << 3), sum);
  }
}

/**
 * One op over outer indices [begin, end), with its share's scratch (32 * inner bytes). NaN
 * propagates through max and min, as Math.max does.
 */
// @ts-ignore: decorator
@inline function reduceOuter(p: usize, begin: i32, end: i32, tid: i32, op: i32): void {
  const x = ReduceParams.x(p), y = ReduceParams.y(p);
  const r = ReduceParams.r(p), inner = ReduceParams.inner(p);
  const acc = ReduceParams.scratch(p) + <usize>tid * ReduceParams.scratchStride(p);
  for (let o = begin; o < end; o++) {
    const base = x + ((<usize>o * <usize>r * <usize>inner) << 2);
    const dst = y + ((<usize>o * <usize>inner) << 2);
    if (inner == 1) {
      let v: f32;
      if (op == ReduceCode.sum) v = <f32>sumRow(base, r);
      else if (op == ReduceCode.mean) v = <f32>(sumRow(base, r) / <f64>r);
      else if (op == ReduceCode.max) v = extremeRow(base, r, true);
      else if (op == ReduceCode.min) v = extremeRow(base, r, false);
      else if (op == ReduceCode.prod) {
        let q: f64 = 1;
        for (let k = 0; k < r; k++) q *= <f64>load<f32>(base + (<usize>k << 2));
        v = <f32>q;
      } else {
        unreachable();
        v = 0;
      }
      store<f32>(dst, v);
      continue;
    }
    // Column reductions see the rows as one flat stream with acc[q mod L] += x[q], L a multiple
    // of both inner and 4: whole vectors even when inner is not (LeNet's bias gradients have 6).
    const L = period(inner);
    const total = r * inner;
    const whole = total - total % L;
    if (op == ReduceCode.sum || op == ReduceCode.mean) {
      columnSums(base, total, whole, L, acc);
      const div: f64 = op == ReduceCode.mean ? <f64>r : 1;
      for (let i = 0; i < inner; i++) {
        let sum: f64 = 0;
        for (let j = i; j < L; j += inner) sum += load<f64>(acc + (<usize>j << 3));
        store<f32>(dst + (<usize>i << 2), <f32>(sum / div));
      }
      continue;
    }
    if (op == ReduceCode.prod) {
      for (let i = 0; i < inner; i++) store<f64>(acc + (<usize>i << 3), 1);
      for (let q = 0; q < total; q++) {
        const a = acc + (<usize>(q % inner) << 3);
        store<f64>(a, load<f64>(a) * <f64>load<f32>(base + (<usize>q << 2)));
      }
      for (let i = 0; i < inner; i++) store<f32>(dst + (<usize>i << 2), <f32>load<f64>(acc + (<usize>i << 3)));
      continue;
    }
    if (op != ReduceCode.max && op != ReduceCode.min) unreachable();
    const isMax = op == ReduceCode.max;
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

export function reduceSum(p: usize, begin: i32, end: i32, tid: i32): void { reduceOuter(p, begin, end, tid, ReduceCode.sum); }
export function reduceMean(p: usize, begin: i32, end: i32, tid: i32): void { reduceOuter(p, begin, end, tid, ReduceCode.mean); }
export function reduceMax(p: usize, begin: i32, end: i32, tid: i32): void { reduceOuter(p, begin, end, tid, ReduceCode.max); }
export function reduceMin(p: usize, begin: i32, end: i32, tid: i32): void { reduceOuter(p, begin, end, tid, ReduceCode.min); }
export function reduceProd(p: usize, begin: i32, end: i32, tid: i32): void { reduceOuter(p, begin, end, tid, ReduceCode.prod); }
// argMax/argMin return int32 indices: src/kernels/reduce.ts runs them in core's loops, so they
// never come here.
export function reduceArgMax(p: usize, begin: i32, end: i32, tid: i32): void { unreachable(); }
export function reduceArgMin(p: usize, begin: i32, end: i32, tid: i32): void { unreachable(); }

/** Units are outer indices. ReduceParams: op (core's REDUCE_CODES), x, y, r, inner, scratch,
 *  scratchStride. */
export function reduce(p: usize, begin: i32, end: i32, tid: i32): void {
  reduceOp(ReduceParams.op(p), p, begin, end, tid);
}

/** Softmax (log = 0) or log-softmax (log = 1) over rows of length d. */
export function softmax(p: usize, begin: i32, end: i32, tid: i32): void {
  const log = SoftmaxParams.log(p) != 0;
  const x = SoftmaxParams.x(p), y = SoftmaxParams.y(p);
  const d = SoftmaxParams.d(p);
  for (let row = begin; row < end; row++) {
    const xs = x + ((<usize>row * <usize>d) << 2);
    const ys = y + ((<usize>row * <usize>d) << 2);
    const m = <f64>extremeRow(xs, d, true);
    let sum: f64 = 0;
    if (log) {
      for (let i = 0; i < d; i++) sum += Math.exp(<f64>load<f32>(xs + (<usize>i << 2)) - m);
      const shift = m + Math.log(sum);
      for (let i = 0; i < d; i++) store<f32>(ys + (<usize>i << 2), <f32>(<f64>load<f32>(xs + (<usize>i << 2)) - shift));
    } else {
      // Each exp once (it is most of the kernel's time), kept in y as f32 until the divide: the
      // sum is of the f64 values, the quotient rounds once more (within an ulp of the f64 one).
      for (let i = 0; i < d; i++) {
        const e = Math.exp(<f64>load<f32>(xs + (<usize>i << 2)) - m);
        sum += e;
        store<f32>(ys + (<usize>i << 2), <f32>e);
      }
      for (let i = 0; i < d; i++) {
        const q = ys + (<usize>i << 2);
        store<f32>(q, <f32>(<f64>load<f32>(q) / sum));
      }
    }
  }
}
