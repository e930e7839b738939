// Float32 elementwise kernels. The vectorisable ops run 4 lanes at a time; the transcendental
// ones go through f64 Math as the reference does, so results round the same way.
import { ACT_ELU, ACT_RELU, ACT_RELU6, ACT_SIGMOID, ACT_TANH, pf, pi, pu } from './common';
import { sigmoidS, tanhV } from './math';

// Unary op codes (src/kernels/unary.ts keeps the same table).
const U_NEG = 0, U_ABS = 1, U_SQRT = 2, U_SQUARE = 3, U_RECIPROCAL = 4, U_RELU = 5, U_RELU6 = 6;
const U_TANH = 7, U_FLOOR = 8, U_CEIL = 9, U_ROUND = 10, U_RSQRT = 11, U_LEAKY = 12;
const U_EXP = 13, U_EXPM1 = 14, U_LOG = 15, U_LOG1P = 16, U_SIGMOID = 17, U_SOFTPLUS = 18;
const U_ELU = 19, U_SELU = 20, U_GELU = 21, U_SIGN = 22, U_SIN = 23, U_COS = 24;

const SELU_ALPHA: f64 = 1.6732632423543772;
const SELU_SCALE: f64 = 1.0507009873554805;

// @ts-ignore: decorator
@inline function unaryV(op: i32, v: v128, alpha: v128): v128 {
  switch (op) {
    case U_NEG: return f32x4.neg(v);
    case U_ABS: return f32x4.abs(v);
    case U_SQRT: return f32x4.sqrt(v);
    case U_SQUARE: return f32x4.mul(v, v);
    case U_RECIPROCAL: return f32x4.div(f32x4.splat(1), v);
    case U_RSQRT: return f32x4.div(f32x4.splat(1), f32x4.sqrt(v));
    // lt-masks rather than max/min keep NaN as NaN and -0 as -0, like the reference's ternaries.
    case U_RELU: return v128.andnot(v, f32x4.lt(v, f32x4.splat(0)));
    case U_RELU6: {
      const r = v128.andnot(v, f32x4.lt(v, f32x4.splat(0)));
      return v128.bitselect(f32x4.splat(6), r, f32x4.gt(r, f32x4.splat(6)));
    }
    case U_LEAKY: return v128.bitselect(v, f32x4.mul(v, alpha), f32x4.gt(v, f32x4.splat(0)));
    case U_TANH: return tanhV(v);
    case U_FLOOR: return f32x4.floor(v);
    case U_CEIL: return f32x4.ceil(v);
    case U_ROUND: return f32x4.nearest(v);
    default: return v;
  }
}

/** Erfc by the Numerical Recipes Chebyshev fit (relative error < 1.2e-7), as the reference. */
function erfc(x: f64): f64 {
  const z = Math.abs(x);
  const t = 1.0 / (1.0 + 0.5 * z);
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

function unaryS(op: i32, x: f32, alpha: f32): f32 {
  const d = <f64>x;
  switch (op) {
    case U_EXP: return <f32>Math.exp(d);
    case U_EXPM1: return <f32>Math.expm1(d);
    case U_LOG: return <f32>Math.log(d);
    case U_LOG1P: return <f32>Math.log1p(d);
    case U_SIGMOID: return sigmoidS(x);
    case U_SOFTPLUS: return <f32>(Math.max(d, 0) + Math.log1p(Math.exp(-Math.abs(d))));
    case U_ELU: return x > 0 ? x : <f32>Math.expm1(d);
    case U_SELU: return <f32>(SELU_SCALE * (d > 0 ? d : SELU_ALPHA * Math.expm1(d)));
    case U_GELU: return <f32>(0.5 * d * erfc(-d * Math.SQRT1_2));
    case U_SIGN: return x > 0 ? 1 : x < 0 ? -1 : x;
    case U_SIN: return <f32>Math.sin(d);
    case U_COS: return <f32>Math.cos(d);
    default: return f32x4.extract_lane(unaryV(op, f32x4.splat(x), f32x4.splat(alpha)), 0);
  }
}

/** y[i] = op(x[i]) for i in [begin, end). Slots: op, x, y, alpha (f32). */
export function unary(p: usize, begin: i32, end: i32, tid: i32): void {
  const op = pi(p, 0);
  const x = pu(p, 1), y = pu(p, 2);
  const alpha = pf(p, 3);
  let i = begin;
  if (op <= U_LEAKY) {
    const av = f32x4.splat(alpha);
    for (; i + 4 <= end; i += 4) {
      const o = <usize>i << 2;
      v128.store(y + o, unaryV(op, v128.load(x + o), av));
    }
  }
  for (; i < end; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, unaryS(op, load<f32>(x + o), alpha));
  }
}

// Binary op codes (src/kernels/binary.ts keeps the same table).
const B_ADD = 0, B_SUB = 1, B_MUL = 2, B_DIV = 3, B_MIN = 4, B_MAX = 5, B_SQDIFF = 6;
const B_POW = 7, B_FLOORDIV = 8, B_MOD = 9;

// @ts-ignore: decorator
@inline function binaryV(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case B_ADD: return f32x4.add(a, b);
    case B_SUB: return f32x4.sub(a, b);
    case B_MUL: return f32x4.mul(a, b);
    case B_DIV: return f32x4.div(a, b);
    case B_MIN: return f32x4.min(a, b);
    case B_MAX: return f32x4.max(a, b);
    default: { const d = f32x4.sub(a, b); return f32x4.mul(d, d); }
  }
}

function binaryS(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case B_POW: return <f32>Math.pow(<f64>a, <f64>b);
    case B_FLOORDIV: return <f32>Math.floor(<f64>a / <f64>b);
    case B_MOD: {
      const r = <f64>a % <f64>b;
      return <f32>(r != 0 && (r < 0) != (<f64>b < 0) ? r + <f64>b : r);
    }
    default: return f32x4.extract_lane(binaryV(op, f32x4.splat(a), f32x4.splat(b)), 0);
  }
}

/** One run: y[0..len) = a[i * as] op b[i * bs] with steps 0 or 1. */
function run(op: i32, a: usize, as: i32, b: usize, bs: i32, y: usize, len: i32): void {
  let i = 0;
  if (op <= B_SQDIFF) {
    if (as == 1 && bs == 1) {
      for (; i + 4 <= len; i += 4) {
        const o = <usize>i << 2;
        v128.store(y + o, binaryV(op, v128.load(a + o), v128.load(b + o)));
      }
    } else if (as == 1) {
      const bv = v128.load32_splat(b);
      for (; i + 4 <= len; i += 4) {
        const o = <usize>i << 2;
        v128.store(y + o, binaryV(op, v128.load(a + o), bv));
      }
    } else if (bs == 1) {
      const av = v128.load32_splat(a);
      for (; i + 4 <= len; i += 4) {
        const o = <usize>i << 2;
        v128.store(y + o, binaryV(op, av, v128.load(b + o)));
      }
    }
  }
  for (; i < len; i++) {
    store<f32>(y + (<usize>i << 2), binaryS(op, load<f32>(a + (<usize>(i * as) << 2)), load<f32>(b + (<usize>(i * bs) << 2))));
  }
}

/**
 * Broadcasting binary op over at most 4 merged dimensions d0..d3 (d3 innermost); operand strides
 * (in elements) per dimension, the innermost 0 or 1. Slots: op, a, b, y, d0..d3, sa0..sa3,
 * sb0..sb3. Units are rows of d3 when there are outer rows, else elements of the single run.
 */
export function binary(p: usize, begin: i32, end: i32, tid: i32): void {
  const op = pi(p, 0);
  const a = pu(p, 1), b = pu(p, 2), y = pu(p, 3);
  const d1 = pi(p, 5), d2 = pi(p, 6), d3 = pi(p, 7);
  const sa0 = pi(p, 8), sa1 = pi(p, 9), sa2 = pi(p, 10), sa3 = pi(p, 11);
  const sb0 = pi(p, 12), sb1 = pi(p, 13), sb2 = pi(p, 14), sb3 = pi(p, 15);
  const outer = pi(p, 4) * d1 * d2;
  if (outer == 1) {
    run(op, a + (<usize>(begin * sa3) << 2), sa3, b + (<usize>(begin * sb3) << 2), sb3, y + (<usize>begin << 2), end - begin);
    return;
  }
  for (let o = begin; o < end; o++) {
    const i2 = o % d2;
    const i1 = (o / d2) % d1;
    const i0 = o / (d1 * d2);
    const ao = i0 * sa0 + i1 * sa1 + i2 * sa2;
    const bo = i0 * sb0 + i1 * sb1 + i2 * sb2;
    run(op, a + (<usize>ao << 2), sa3, b + (<usize>bo << 2), sb3, y + ((<usize>o * <usize>d3) << 2), d3);
  }
}

/** In-place y[i] += x[i], for summing per-thread partial results. */
export function addInto(y: usize, x: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, load<f32>(y + o) + load<f32>(x + o));
  }
}

// @ts-ignore: decorator
@inline function activationGradV(act: i32, g: v128, y: v128): v128 {
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  switch (act) {
    // Masks become 1.0 or 0.0 and multiply (not select), so dy = NaN or ±Inf propagates as in
    // core's decomposition. No FMA anywhere: each step rounds as the decomposition's kernels do.
    case ACT_RELU: return f32x4.mul(g, v128.and(f32x4.gt(y, zero), one));
    case ACT_RELU6: return f32x4.mul(g, v128.and(v128.and(f32x4.gt(y, zero), f32x4.lt(y, f32x4.splat(6))), one));
    case ACT_TANH: return f32x4.mul(g, f32x4.sub(one, f32x4.mul(y, y)));
    case ACT_SIGMOID: return f32x4.mul(g, f32x4.mul(y, f32x4.sub(one, y)));
    case ACT_ELU: return f32x4.mul(g, v128.bitselect(one, f32x4.add(y, one), f32x4.gt(y, zero)));
    default: return g;
  }
}

/** One activation's loop, so the switch is resolved once per call and the loop body inlines it. */
// @ts-ignore: decorator
@inline function activationGradLoop(act: i32, dy: usize, y: usize, out: usize, begin: i32, end: i32): void {
  let i = begin;
  for (; i + 4 <= end; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, activationGradV(act, v128.load(dy + o), v128.load(y + o)));
  }
  for (; i < end; i++) {
    const o = <usize>i << 2;
    const r = activationGradV(act, f32x4.splat(load<f32>(dy + o)), f32x4.splat(load<f32>(y + o)));
    store<f32>(out + o, f32x4.extract_lane(r, 0));
  }
}

/** out[i] = dy[i] * f'(x[i]) written with y[i] = f(x[i]), for i in [begin, end).
 *  Slots: activation code (common.ts), dy, y, out. */
export function activationGrad(p: usize, begin: i32, end: i32, tid: i32): void {
  const act = pi(p, 0);
  const dy = pu(p, 1), y = pu(p, 2), out = pu(p, 3);
  switch (act) {
    case ACT_RELU: activationGradLoop(ACT_RELU, dy, y, out, begin, end); break;
    case ACT_RELU6: activationGradLoop(ACT_RELU6, dy, y, out, begin, end); break;
    case ACT_TANH: activationGradLoop(ACT_TANH, dy, y, out, begin, end); break;
    case ACT_SIGMOID: activationGradLoop(ACT_SIGMOID, dy, y, out, begin, end); break;
    case ACT_ELU: activationGradLoop(ACT_ELU, dy, y, out, begin, end); break;
    default: memory.copy(out + (<usize>begin << 2), dy + (<usize>begin << 2), <usize>(end - begin) << 2);
  }
}
