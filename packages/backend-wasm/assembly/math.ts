// Vector math: a rational tanh (Eigen's minimax fit, max relative error 3.5e-7 in f32, checked
// against Math.tanh in test/math.test.ts), and the fused activations applied in place over a
// buffer, one function per activation (the generated activateOp switch calls them).
import { madd, storePart } from './common';
import { Activation } from './generated/codes';
import { activateOp } from './generated/dispatch';

// The fit's constants live in memory, not in the code: V8 rematerialises each v128 constant
// inside the loop (several instructions apiece), while values loaded once stay in registers.
// The numerator's x coefficient is the denominator's constant term (they differ by 1.3e-7 in
// the fit): the quotient is then exactly 1 at x = 0, so c * quotient is exact for tiny and
// subnormal x with no separate branch for them.
const TANH_C = memory.data<f32>([
  // clamp and -clamp: V8 builds f32x4.neg from several instructions.
  7.90531110763549805, -7.90531110763549805,
  // numerator a13 .. a3 (a1 is b0), then denominator b6 .. b0
  -2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11, 5.12229709037114e-08, 1.48572235717979e-05,
  6.37261928875436e-04, 1.19825839466702e-06, 1.18534705686654e-04, 2.26843463243900e-03, 4.89352518554385e-03,
]);

/** tanh of 4 lanes; max relative error 3.5e-7 (checked against Math.tanh in test/math.test.ts). */
// @ts-ignore: decorator
@inline export function tanhV(v: v128): v128 {
  const t = TANH_C;
  return tanhK(
    v, v128.load32_splat(t), v128.load32_splat(t, 4), v128.load32_splat(t, 8), v128.load32_splat(t, 12), v128.load32_splat(t, 16),
    v128.load32_splat(t, 20), v128.load32_splat(t, 24), v128.load32_splat(t, 28), v128.load32_splat(t, 32), v128.load32_splat(t, 36),
    v128.load32_splat(t, 40), v128.load32_splat(t, 44),
  );
}

/**
 * tanhV with the fit's constants passed in (loaded once for several vectors). Horner's scheme in
 * x^2: fewer multiplies than Estrin's, whose shorter chains the vectors in flight do not need.
 */
// @ts-ignore: decorator
@inline function tanhK(
  v: v128, clamp: v128, nclamp: v128, a13: v128, a11: v128, a9: v128, a7: v128, a5: v128, a3: v128,
  b6: v128, b4: v128, b2: v128, b0: v128,
): v128 {
  // pmin/pmax keep a NaN input (it is never "less"), and are one instruction each where V8's
  // NaN-propagating min/max take several; the quotient then keeps the NaN.
  const c = f32x4.pmax(f32x4.pmin(v, clamp), nclamp);
  const x2 = f32x4.mul(c, c);
  let p = madd(x2, a13, a11);
  p = madd(x2, p, a9);
  p = madd(x2, p, a7);
  p = madd(x2, p, a5);
  p = madd(x2, p, a3);
  p = madd(x2, p, b0);
  let q = madd(x2, b6, b4);
  q = madd(x2, q, b2);
  q = madd(x2, q, b0);
  return f32x4.mul(c, f32x4.div(p, q));
}

/** tanh over n contiguous floats, 8 at a time with the constants loaded once per 8. */
function tanhRun(y: usize, n: i32): void {
  const t = TANH_C;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const clamp = v128.load32_splat(t), nclamp = v128.load32_splat(t, 4), a13 = v128.load32_splat(t, 8), a11 = v128.load32_splat(t, 12);
    const a9 = v128.load32_splat(t, 16), a7 = v128.load32_splat(t, 20), a5 = v128.load32_splat(t, 24), a3 = v128.load32_splat(t, 28);
    const b6 = v128.load32_splat(t, 32), b4 = v128.load32_splat(t, 36), b2 = v128.load32_splat(t, 40), b0 = v128.load32_splat(t, 44);
    const p = y + (<usize>i << 2);
    const u = tanhK(v128.load(p), clamp, nclamp, a13, a11, a9, a7, a5, a3, b6, b4, b2, b0);
    const w = tanhK(v128.load(p, 16), clamp, nclamp, a13, a11, a9, a7, a5, a3, b6, b4, b2, b0);
    v128.store(p, u);
    v128.store(p, w, 16);
  }
  for (; i < n; i += 4) {
    const p = y + (<usize>i << 2);
    storePart(p, tanhV(v128.load(p)), n - i);
  }
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
export function activateTanh(y: usize, n: i32): void { tanhRun(y, n); }
export function activateSigmoid(y: usize, n: i32): void { activateScalar(y, n, Activation.sigmoid); }
export function activateElu(y: usize, n: i32): void { activateScalar(y, n, Activation.elu); }
