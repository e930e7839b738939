// Float32 elementwise kernels. Each sub-op has its own function, named after it, that the
// generated switches (generated/dispatch.ts) call: the op is resolved once per call, and the loop
// it runs is specialised for it. Vectorisable ops run 4 lanes at a time; the transcendental ones
// go through f64 Math as the reference does, so results round the same way. Ops that wasm does
// not run say so with a stub that traps: the TypeScript side sends them to core's loops.
import { sigmoidS, tanhV } from './math';
import { Activation, BinaryCode, UnaryCode } from './generated/codes';
import { activationGradOp, binaryOp, unaryOp } from './generated/dispatch';
import { ActivationGradParams, BinaryParams, PartialsParams, UnaryParams } from './generated/layouts';

const SELU_ALPHA: f64 = 1.6732632423543772;
const SELU_SCALE: f64 = 1.0507009873554805;

// ---- unary -------------------------------------------------------------------------------------

/** The ops of unaryVector, 4 lanes at a time. */
// @ts-ignore: decorator
@inline function unaryV(op: i32, v: v128, alpha: v128): v128 {
  switch (op) {
    case UnaryCode.neg: return f32x4.neg(v);
    case UnaryCode.abs: return f32x4.abs(v);
    case UnaryCode.sqrt: return f32x4.sqrt(v);
    case UnaryCode.square: return f32x4.mul(v, v);
    case UnaryCode.reciprocal: return f32x4.div(f32x4.splat(1), v);
    case UnaryCode.rsqrt: return f32x4.div(f32x4.splat(1), f32x4.sqrt(v));
    // lt-masks rather than max/min keep NaN as NaN and -0 as -0, like the reference's ternaries.
    case UnaryCode.relu: return v128.andnot(v, f32x4.lt(v, f32x4.splat(0)));
    case UnaryCode.relu6: {
      const r = v128.andnot(v, f32x4.lt(v, f32x4.splat(0)));
      return v128.bitselect(f32x4.splat(6), r, f32x4.gt(r, f32x4.splat(6)));
    }
    case UnaryCode.leakyRelu: return v128.bitselect(v, f32x4.mul(v, alpha), f32x4.gt(v, f32x4.splat(0)));
    case UnaryCode.tanh: return tanhV(v);
    case UnaryCode.floor: return f32x4.floor(v);
    case UnaryCode.ceil: return f32x4.ceil(v);
    case UnaryCode.round: return f32x4.nearest(v);
    default: unreachable(); return v;
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

/** The ops of unaryScalar, one element at a time. */
// @ts-ignore: decorator
@inline function unaryS(op: i32, x: f32): f32 {
  const d = <f64>x;
  switch (op) {
    case UnaryCode.exp: return <f32>Math.exp(d);
    case UnaryCode.expm1: return <f32>Math.expm1(d);
    case UnaryCode.log: return <f32>Math.log(d);
    case UnaryCode.log1p: return <f32>Math.log1p(d);
    case UnaryCode.sigmoid: return sigmoidS(x);
    case UnaryCode.softplus: return <f32>(Math.max(d, 0) + Math.log1p(Math.exp(-Math.abs(d))));
    case UnaryCode.elu: return x > 0 ? x : <f32>Math.expm1(d);
    case UnaryCode.selu: return <f32>(SELU_SCALE * (d > 0 ? d : SELU_ALPHA * Math.expm1(d)));
    case UnaryCode.gelu: return <f32>(0.5 * d * erfc(-d * Math.SQRT1_2));
    case UnaryCode.sign: return x > 0 ? 1 : x < 0 ? -1 : x;
    case UnaryCode.sin: return <f32>Math.sin(d);
    case UnaryCode.cos: return <f32>Math.cos(d);
    default: unreachable(); return x;
  }
}

/** y[i] = op(x[i]) for i in [begin, end) through unaryV; the last few elements one lane at a time. */
// @ts-ignore: decorator
@inline function unaryVector(p: usize, begin: i32, end: i32, op: i32): void {
  const x = UnaryParams.x(p), y = UnaryParams.y(p);
  const av = f32x4.splat(UnaryParams.alpha(p));
  let i = begin;
  for (; i + 4 <= end; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, unaryV(op, v128.load(x + o), av));
  }
  for (; i < end; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, f32x4.extract_lane(unaryV(op, f32x4.splat(load<f32>(x + o)), av), 0));
  }
}

/** y[i] = op(x[i]) for i in [begin, end) through unaryS. */
// @ts-ignore: decorator
@inline function unaryScalar(p: usize, begin: i32, end: i32, op: i32): void {
  const x = UnaryParams.x(p), y = UnaryParams.y(p);
  for (let i = begin; i < end; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, unaryS(op, load<f32>(x + o)));
  }
}

export function unaryNeg(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.neg); }
export function unaryAbs(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.abs); }
export function unaryExp(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.exp); }
export function unaryExpm1(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.expm1); }
export function unaryLog(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.log); }
export function unaryLog1p(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.log1p); }
export function unarySqrt(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.sqrt); }
export function unaryRsqrt(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.rsqrt); }
export function unarySquare(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.square); }
export function unaryReciprocal(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.reciprocal); }
export function unaryTanh(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.tanh); }
export function unarySigmoid(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.sigmoid); }
export function unarySoftplus(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.softplus); }
export function unaryRelu(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.relu); }
export function unaryRelu6(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.relu6); }
export function unaryElu(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.elu); }
export function unarySelu(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.selu); }
export function unaryLeakyRelu(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.leakyRelu); }
export function unaryGelu(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.gelu); }
export function unarySign(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.sign); }
export function unaryFloor(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.floor); }
export function unaryCeil(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.ceil); }
export function unaryRound(p: usize, begin: i32, end: i32): void { unaryVector(p, begin, end, UnaryCode.round); }
export function unarySin(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.sin); }
export function unaryCos(p: usize, begin: i32, end: i32): void { unaryScalar(p, begin, end, UnaryCode.cos); }
/** bool → bool: src/kernels/unary.ts runs it in core's loop, so it never comes here. */
export function unaryLogicalNot(p: usize, begin: i32, end: i32): void { unreachable(); }

/** y[i] = op(x[i]) for i in [begin, end). UnaryParams: op (core's UNARY_CODES), x, y, alpha. */
export function unary(p: usize, begin: i32, end: i32, tid: i32): void {
  unaryOp(UnaryParams.op(p), p, begin, end);
}

// ---- binary ------------------------------------------------------------------------------------

/** The ops of binaryVector, 4 lanes at a time. */
// @ts-ignore: decorator
@inline function binaryV(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case BinaryCode.add: return f32x4.add(a, b);
    case BinaryCode.sub: return f32x4.sub(a, b);
    case BinaryCode.mul: return f32x4.mul(a, b);
    case BinaryCode.div: return f32x4.div(a, b);
    case BinaryCode.minimum: return f32x4.min(a, b);
    case BinaryCode.maximum: return f32x4.max(a, b);
    case BinaryCode.squaredDifference: { const d = f32x4.sub(a, b); return f32x4.mul(d, d); }
    default: unreachable(); return a;
  }
}

/** The ops of binaryScalar, one element at a time. */
// @ts-ignore: decorator
@inline function binaryS(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case BinaryCode.pow: return <f32>Math.pow(<f64>a, <f64>b);
    case BinaryCode.floorDiv: return <f32>Math.floor(<f64>a / <f64>b);
    case BinaryCode.mod: {
      const r = <f64>a % <f64>b;
      return <f32>(r != 0 && (r < 0) != (<f64>b < 0) ? r + <f64>b : r);
    }
    default: unreachable(); return a;
  }
}

/** One run: y[0..len) = a[i * as] op b[i * bs] with steps 0 or 1; through binaryV when `vector`. */
// @ts-ignore: decorator
@inline function run(op: i32, vector: bool, a: usize, as: i32, b: usize, bs: i32, y: usize, len: i32): void {
  let i = 0;
  if (vector) {
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
    const av = load<f32>(a + (<usize>(i * as) << 2)), bv = load<f32>(b + (<usize>(i * bs) << 2));
    const r = vector ? f32x4.extract_lane(binaryV(op, f32x4.splat(av), f32x4.splat(bv)), 0) : binaryS(op, av, bv);
    store<f32>(y + (<usize>i << 2), r);
  }
}

/** The comparisons, one element at a time; NaN compares false (notEqual: true), as in core. */
// @ts-ignore: decorator
@inline function compareS(op: i32, a: f32, b: f32): bool {
  switch (op) {
    case BinaryCode.equal: return a == b;
    case BinaryCode.notEqual: return a != b;
    case BinaryCode.less: return a < b;
    case BinaryCode.lessEqual: return a <= b;
    case BinaryCode.greater: return a > b;
    case BinaryCode.greaterEqual: return a >= b;
    default: unreachable(); return false;
  }
}

/** One run of a comparison: bool y[0..len) (a byte each) = a[i * as] op b[i * bs]. */
// @ts-ignore: decorator
@inline function compareRun(op: i32, a: usize, as: i32, b: usize, bs: i32, y: usize, len: i32): void {
  for (let i = 0; i < len; i++) {
    store<u8>(y + <usize>i, compareS(op, load<f32>(a + (<usize>(i * as) << 2)), load<f32>(b + (<usize>(i * bs) << 2))) ? 1 : 0);
  }
}

/**
 * Broadcasting binary op over at most 4 merged dimensions d0..d3 (d3 innermost); operand strides
 * (in elements) per dimension, the innermost 0 or 1. Units are rows of d3 when there are outer
 * rows, else elements of the single run. A comparison writes bool, a byte per element.
 */
// @ts-ignore: decorator
@inline function binaryRows(p: usize, begin: i32, end: i32, op: i32, vector: bool, compare: bool = false): void {
  const a = BinaryParams.a(p), b = BinaryParams.b(p), y = BinaryParams.y(p);
  const d1 = BinaryParams.d1(p), d2 = BinaryParams.d2(p), d3 = BinaryParams.d3(p);
  const sa0 = BinaryParams.sa0(p), sa1 = BinaryParams.sa1(p), sa2 = BinaryParams.sa2(p), sa3 = BinaryParams.sa3(p);
  const sb0 = BinaryParams.sb0(p), sb1 = BinaryParams.sb1(p), sb2 = BinaryParams.sb2(p), sb3 = BinaryParams.sb3(p);
  const outer = BinaryParams.d0(p) * d1 * d2;
  if (outer == 1) {
    const a0 = a + (<usize>(begin * sa3) << 2), b0 = b + (<usize>(begin * sb3) << 2);
    if (compare) compareRun(op, a0, sa3, b0, sb3, y + <usize>begin, end - begin);
    else run(op, vector, a0, sa3, b0, sb3, y + (<usize>begin << 2), end - begin);
    return;
  }
  for (let o = begin; o < end; o++) {
    const i2 = o % d2;
    const i1 = (o / d2) % d1;
    const i0 = o / (d1 * d2);
    const ao = i0 * sa0 + i1 * sa1 + i2 * sa2;
    const bo = i0 * sb0 + i1 * sb1 + i2 * sb2;
    if (compare) compareRun(op, a + (<usize>ao << 2), sa3, b + (<usize>bo << 2), sb3, y + <usize>o * <usize>d3, d3);
    else run(op, vector, a + (<usize>ao << 2), sa3, b + (<usize>bo << 2), sb3, y + ((<usize>o * <usize>d3) << 2), d3);
  }
}

export function binaryAdd(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.add, true); }
export function binarySub(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.sub, true); }
export function binaryMul(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.mul, true); }
export function binaryDiv(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.div, true); }
export function binaryPow(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.pow, false); }
export function binaryMinimum(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.minimum, true); }
export function binaryMaximum(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.maximum, true); }
export function binarySquaredDifference(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.squaredDifference, true); }
export function binaryFloorDiv(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.floorDiv, false); }
export function binaryMod(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.mod, false); }
export function binaryEqual(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.equal, false, true); }
export function binaryNotEqual(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.notEqual, false, true); }
export function binaryLess(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.less, false, true); }
export function binaryLessEqual(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.lessEqual, false, true); }
export function binaryGreater(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.greater, false, true); }
export function binaryGreaterEqual(p: usize, begin: i32, end: i32): void { binaryRows(p, begin, end, BinaryCode.greaterEqual, false, true); }
// Logical ops take bool operands: src/kernels/binary.ts runs them in core's loops, so they never
// come here.
export function binaryLogicalAnd(p: usize, begin: i32, end: i32): void { unreachable(); }
export function binaryLogicalOr(p: usize, begin: i32, end: i32): void { unreachable(); }

/** y = a op b, broadcasting. BinaryParams: op (core's BINARY_CODES), a, b, y, d0..d3, sa0..sa3, sb0..sb3. */
export function binary(p: usize, begin: i32, end: i32, tid: i32): void {
  binaryOp(BinaryParams.op(p), p, begin, end);
}

/** In-place y[i] += x[i], for summing per-thread partial results. */
/** Floats of y per unit of addPartials. */
const PARTIAL_UNIT: i32 = 1024;

/**
 * y[u * PARTIAL_UNIT ..) += each of PartialsParams.count blocks of partial sums in turn, over units
 * [begin, end): a filter gradient's per-share sums, added in the same order as one thread would.
 */
export function addPartials(p: usize, begin: i32, end: i32, tid: i32): void {
  const n = PartialsParams.n(p), count = PartialsParams.count(p);
  const from = begin * PARTIAL_UNIT;
  const to = end * PARTIAL_UNIT < n ? end * PARTIAL_UNIT : n;
  const y = PartialsParams.y(p) + (<usize>from << 2);
  for (let t = 0; t < count; t++) addInto(y, PartialsParams.partials(p) + ((<usize>t * <usize>n + <usize>from) << 2), to - from);
}

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

/**
 * n 4-byte elements at y set to the bit pattern `bits` (a float32's, an int32, or a bool's 0/1).
 * The JS side fills through here: TypedArray.prototype.fill on the shared memory of the threaded
 * builds takes a slow path, several times the time of this loop.
 */
export function fill32(y: usize, n: i32, bits: i32): void {
  const v = i32x4.splat(bits);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(y + (<usize>i << 2), v);
  for (; i < n; i++) store<i32>(y + (<usize>i << 2), bits);
}

// ---- activationGrad ----------------------------------------------------------------------------

// @ts-ignore: decorator
@inline export function activationGradV(act: i32, g: v128, y: v128): v128 {
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  switch (act) {
    case Activation.linear: return g;
    // Masks become 1.0 or 0.0 and multiply (not select), so dy = NaN or ±Inf propagates as in
    // core's decomposition. No FMA anywhere: each step rounds as the decomposition's kernels do.
    case Activation.relu: return f32x4.mul(g, v128.and(f32x4.gt(y, zero), one));
    case Activation.relu6: return f32x4.mul(g, v128.and(v128.and(f32x4.gt(y, zero), f32x4.lt(y, f32x4.splat(6))), one));
    case Activation.tanh: return f32x4.mul(g, f32x4.sub(one, f32x4.mul(y, y)));
    case Activation.sigmoid: return f32x4.mul(g, f32x4.mul(y, f32x4.sub(one, y)));
    case Activation.elu: return f32x4.mul(g, v128.bitselect(one, f32x4.add(y, one), f32x4.gt(y, zero)));
    default: unreachable(); return g;
  }
}

/** One activation's loop over [begin, end), the last few elements one lane at a time. */
// @ts-ignore: decorator
@inline function activationGradLoop(p: usize, begin: i32, end: i32, act: i32): void {
  const dy = ActivationGradParams.dy(p), y = ActivationGradParams.y(p), out = ActivationGradParams.out(p);
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

/** g[i] *= f'(x[i]) from y[i] = f(x[i]) for i in [0, n), one activation's loop (see activationGradLoop). */
// @ts-ignore: decorator
@inline function activationGradInPlaceLoop(g: usize, y: usize, n: i32, act: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(g + o, activationGradV(act, v128.load(g + o), v128.load(y + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(g + o, f32x4.extract_lane(activationGradV(act, f32x4.splat(load<f32>(g + o)), f32x4.splat(load<f32>(y + o))), 0));
  }
}

/** The activation's derivative applied in place to a gradient already in memory (the fused pool
 *  gradient's last step). `act` is core's FUSED_ACTIVATION_CODES; linear leaves g as it is. */
export function activationGradInPlace(act: i32, g: usize, y: usize, n: i32): void {
  switch (act) {
    case Activation.linear: return;
    case Activation.relu: activationGradInPlaceLoop(g, y, n, Activation.relu); return;
    case Activation.relu6: activationGradInPlaceLoop(g, y, n, Activation.relu6); return;
    case Activation.tanh: activationGradInPlaceLoop(g, y, n, Activation.tanh); return;
    case Activation.sigmoid: activationGradInPlaceLoop(g, y, n, Activation.sigmoid); return;
    case Activation.elu: activationGradInPlaceLoop(g, y, n, Activation.elu); return;
    default: unreachable();
  }
}

/** f' = 1: out is dy. */
export function activationGradLinear(p: usize, begin: i32, end: i32): void {
  const from = ActivationGradParams.dy(p) + (<usize>begin << 2);
  memory.copy(ActivationGradParams.out(p) + (<usize>begin << 2), from, <usize>(end - begin) << 2);
}
export function activationGradRelu(p: usize, begin: i32, end: i32): void { activationGradLoop(p, begin, end, Activation.relu); }
export function activationGradRelu6(p: usize, begin: i32, end: i32): void { activationGradLoop(p, begin, end, Activation.relu6); }
export function activationGradTanh(p: usize, begin: i32, end: i32): void { activationGradLoop(p, begin, end, Activation.tanh); }
export function activationGradSigmoid(p: usize, begin: i32, end: i32): void { activationGradLoop(p, begin, end, Activation.sigmoid); }
export function activationGradElu(p: usize, begin: i32, end: i32): void { activationGradLoop(p, begin, end, Activation.elu); }

/** out[i] = dy[i] * f'(x[i]) written with y[i] = f(x[i]), for i in [begin, end).
 *  ActivationGradParams: act (core's FUSED_ACTIVATION_CODES), dy, y, out. */
export function activationGrad(p: usize, begin: i32, end: i32, tid: i32): void {
  activationGradOp(ActivationGradParams.act(p), p, begin, end);
}
