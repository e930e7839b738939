// Vector math: a rational tanh (Eigen's minimax fit, max relative error 3.5e-7 in f32, checked
// against Math.tanh in test/math.test.ts), and the fused activations applied in place over a
// buffer, one function per activation (the generated activateOp switch calls them).
import { madd, storePart } from './common';
import { Activation } from './generated/codes';
import { activateOp } from './generated/dispatch';

// The fit's constants live in memory, not in the code: V8 rematerialises each v128 constant
// inside the loop (several instructions apiece), while values loaded once stay in registers.
const TANH_C = memory.data<f32>([
  7.90531110763549805, -2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11,
  5.12229709037114e-08, 1.48572235717979e-05, 6.37261928875436e-04, 4.89352455891786e-03,
  1.19825839466702e-06, 1.18534705686654e-04, 2.26843463243900e-03, 4.89352518554385e-03, 0.0004,
  // -clamp, and 0.0004 squared: V8 builds f32x4.neg and f32x4.abs from several instructions.
  -7.90531110763549805, 1.6e-7,
]);

/** tanh of 4 lanes; max relative error 3.5e-7 (checked against Math.tanh in test/math.test.ts). */
// @ts-ignore: decorator
@inline export function tanhV(v: v128): v128 {
  const t = TANH_C;
  const clamp = v128.load32_splat(t);
  // pmin/pmax keep a NaN input (it is never "less"), and are one instruction each where V8's
  // NaN-propagating min/max take several.
  const c = f32x4.pmax(f32x4.pmin(v, clamp), v128.load32_splat(t, 52));
  const x2 = f32x4.mul(c, c);
  const x4 = f32x4.mul(x2, x2);
  // Estrin's scheme: short dependency chains instead of one degree-6 Horner chain.
  const p01 = madd(x2, v128.load32_splat(t, 24), v128.load32_splat(t, 28)); // a1 + a3 x2
  const p23 = madd(x2, v128.load32_splat(t, 16), v128.load32_splat(t, 20)); // a5 + a7 x2
  const p45 = madd(x2, v128.load32_splat(t, 8), v128.load32_splat(t, 12)); // a9 + a11 x2
  let p = madd(x4, v128.load32_splat(t, 4), p45);
  p = madd(x4, p, p23);
  p = f32x4.mul(c, madd(x4, p, p01));
  const q01 = madd(x2, v128.load32_splat(t, 40), v128.load32_splat(t, 44)); // b0 + b2 x2
  const q23 = madd(x2, v128.load32_splat(t, 32), v128.load32_splat(t, 36)); // b4 + b6 x2
  const q = madd(x4, q23, q01);
  // Below 4e-4 tanh(x) rounds to x; the fit's relative error there would be worse than 1 ulp.
  // (|x| < 4e-4 where x * x < 1.6e-7; a NaN is neither, and keeps the quotient's NaN.)
  const small = f32x4.lt(x2, v128.load32_splat(t, 56));
  // The mask is whole lanes, so the relaxed select (one blend) is exact.
  if (ASC_FEATURE_RELAXED_SIMD) return i32x4.relaxed_laneselect(v, f32x4.div(p, q), small);
  return v128.bitselect(v, f32x4.div(p, q), small);
}

export function tanhS(x: f32): f32 {
  return f32x4.extract_lane(tanhV(f32x4.splat(x)), 0);
}

/** Numerically stable logistic, in f64 as the reference computes it. */
// @ts-ignore: decorator
@inline export function sigmoidS(x: f32): f32 {
  const d = <f64>x;
  if (d >= 0) return <f32>(1.0 / (1.0 + Math.exp(-d)));
  const e = Math.exp(d);
  return <f32>(e / (1.0 + e));
}

// @ts-ignore: decorator
@inline export function eluS(x: f32): f32 {
  return x > 0 ? x : <f32>Math.expm1(<f64>x);
}

/** y = act(y) in place over `rows` rows of `cols` floats, `ld` floats apart; `act` is core's
 *  FUSED_ACTIVATION_CODES. */
export function activate(y: usize, rows: i32, cols: i32, ld: i32, act: i32): void {
  // activateLinear does nothing: skip the rows.
  if (act == Activation.linear) return;
  if (ld == cols) {
    activateOp(act, y, rows * cols);
    return;
  }
  for (let r = 0; r < rows; r++) activateOp(act, y + ((<usize>r * <usize>ld) << 2), cols);
}

/** The activations of activateVector, 4 lanes at a time. */
// @ts-ignore: decorator
@inline function activateV(act: i32, v: v128): v128 {
  // lt-masks keep NaN as NaN and -0 as -0, like the reference's `v < 0 ? 0 : v`.
  switch (act) {
    case Activation.relu: return v128.andnot(v, f32x4.lt(v, f32x4.splat(0)));
    case Activation.relu6: {
      const r = v128.andnot(v, f32x4.lt(v, f32x4.splat(0)));
      return v128.bitselect(f32x4.splat(6), r, f32x4.gt(r, f32x4.splat(6)));
    }
    case Activation.tanh: return tanhV(v);
    default: unreachable(); return v;
  }
}

/**
 * act over n contiguous floats, 4 at a time. The last vector may be partial: it is read whole
 * (past a row's end lies the next row, past a tensor's end its 16 bytes of slack) and stored lane
 * by lane.
 */
// @ts-ignore: decorator
@inline function activateVector(y: usize, n: i32, act: i32): void {
  for (let i = 0; i < n; i += 4) {
    const p = y + (<usize>i << 2);
    storePart(p, activateV(act, v128.load(p)), n - i);
  }
}

/** The activations of activateScalar, one element at a time. */
// @ts-ignore: decorator
@inline function activateS(act: i32, s: f32): f32 {
  switch (act) {
    case Activation.sigmoid: return sigmoidS(s);
    case Activation.elu: return eluS(s);
    default: unreachable(); return s;
  }
}

/** act over n contiguous floats, one at a time. */
// @ts-ignore: decorator
@inline function activateScalar(y: usize, n: i32, act: i32): void {
  for (let i = 0; i < n; i++) {
    const p = y + (<usize>i << 2);
    store<f32>(p, activateS(act, load<f32>(p)));
  }
}

export function activateLinear(y: usize, n: i32): void {}
export function activateRelu(y: usize, n: i32): void { activateVector(y, n, Activation.relu); }
export function activateRelu6(y: usize, n: i32): void { activateVector(y, n, Activation.relu6); }
export function activateTanh(y: usize, n: i32): void { activateVector(y, n, Activation.tanh); }
export function activateSigmoid(y: usize, n: i32): void { activateScalar(y, n, Activation.sigmoid); }
export function activateElu(y: usize, n: i32): void { activateScalar(y, n, Activation.elu); }
