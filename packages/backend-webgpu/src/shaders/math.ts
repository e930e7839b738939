/**
 * Scalar WGSL functions with the semantics of the CPU reference (packages/backend-cpu
 * util/math.ts). WGSL's builtins only promise loose accuracy for some of these (expm1, log1p and
 * tanh have no builtin, or lose all relative precision near 0), so they are written out.
 */
import type { FusedActivation } from '@tensile/core';

/** Functions `unary`, `binary` and the fused activations may call; prepended once per shader. */
export const MATH_WGSL = /* wgsl */ `
fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
// Through a var: WGSL constant evaluation rejects NaN and infinity.
fn nan_f32() -> f32 { var bits = 0x7fc00000u; return bitcast<f32>(bits); }
fn inf_f32() -> f32 { var bits = 0x7f800000u; return bitcast<f32>(bits); }

// Taylor series near 0, where exp(x) - 1 would cancel.
fn expm1_(x: f32) -> f32 {
  if (abs(x) < 0.5) {
    return x * (1.0 + x * (0.5 + x * (1.0 / 6.0 + x * (1.0 / 24.0 + x * (1.0 / 120.0
      + x * (1.0 / 720.0 + x * (1.0 / 5040.0 + x * (1.0 / 40320.0))))))));
  }
  return exp(x) - 1.0;
}

// log1p(x) = 2 atanh(s), s = x / (2 + x): a series in s^2 with |s| <= 1/3 for |x| <= 0.5.
fn log1p_(x: f32) -> f32 {
  if (abs(x) <= 0.5) {
    let s = x / (2.0 + x);
    let s2 = s * s;
    return 2.0 * s * (1.0 + s2 * (1.0 / 3.0 + s2 * (1.0 / 5.0 + s2 * (1.0 / 7.0 + s2 * (1.0 / 9.0
      + s2 * (1.0 / 11.0 + s2 * (1.0 / 13.0 + s2 * (1.0 / 15.0))))))));
  }
  return log(1.0 + x);
}

// Written out because some implementations of tanh() overflow (NaN) for large |x|.
fn tanh_(x: f32) -> f32 {
  let a = abs(x);
  if (a < 0.125) {
    let x2 = x * x;
    return x * (1.0 + x2 * (-1.0 / 3.0 + x2 * (2.0 / 15.0 + x2 * (-17.0 / 315.0))));
  }
  let e = exp(-2.0 * min(a, 40.0));
  return sign(x) * (1.0 - e) / (1.0 + e);
}

fn sigmoid_(x: f32) -> f32 {
  if (x >= 0.0) { return 1.0 / (1.0 + exp(-x)); }
  let e = exp(x);
  return e / (1.0 + e);
}

fn softplus_(x: f32) -> f32 {
  return max(x, 0.0) + log1p_(exp(-abs(x)));
}

// Numerical Recipes' erfc (relative error < 1.2e-7), as the CPU reference.
fn erfc_(x: f32) -> f32 {
  let z = abs(x);
  let t = 1.0 / (1.0 + 0.5 * z);
  let p = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  let r = t * exp(-z * z + p);
  return select(2.0 - r, r, x >= 0.0);
}

fn gelu_(x: f32) -> f32 { return 0.5 * x * erfc_(-x * 0.7071067811865476); }

// Math.pow's answers for the cases pow(x, y) = exp2(y log2 x) gets wrong: negative bases with
// integral exponents, zero bases, and y = 0.
fn pow_(x: f32, y: f32) -> f32 {
  if (y == 0.0) { return 1.0; }
  if (is_nan(x) || is_nan(y)) { return nan_f32(); }
  if (x == 0.0) {
    if (y > 0.0) { return select(0.0, x, y == floor(y) && floor(y * 0.5) * 2.0 != y); }
    return inf_f32();
  }
  let r = exp2(y * log2(abs(x)));
  if (x > 0.0) { return r; }
  if (y != floor(y)) { return nan_f32(); }
  return select(r, -r, floor(y * 0.5) * 2.0 != y);
}

// sin and cos with ~1e-7 absolute error. WGSL promises only 2^-11 inside [-pi, pi] and nothing
// outside, and SwiftShader (Chromium's software adapter) is that loose: 1.6e-4 off at x ~ 5.
// Cephes' sinf/cosf: reduce by pi/2 in three parts (Cody-Waite), then a polynomial on
// [-pi/4, pi/4] chosen by the quadrant. Accurate for |x| up to ~1e4, which covers the CPU
// reference's tolerance; beyond that the reduction loses bits, as float32 inputs already have.
fn sincos_q(x: f32, shift: i32) -> f32 {
  if (is_nan(x) || abs(x) == inf_f32()) { return nan_f32(); }
  let k = round(x * 0.6366197723675814);
  let r = ((x - k * 1.5703125) - k * 4.837512969970703e-4) - k * 7.549789954891874e-8;
  let z = r * r;
  let s = ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r;
  let c = ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0;
  let q = (i32(k) + shift) & 3;
  if (q == 0) { return s; }
  if (q == 1) { return c; }
  if (q == 2) { return -s; }
  return -c;
}
fn sin_(x: f32) -> f32 { return sincos_q(x, 0); }
fn cos_(x: f32) -> f32 { return sincos_q(x, 1); }

fn floor_mod_f(a: f32, b: f32) -> f32 {
  let r = a - b * trunc(a / b);
  return select(r, r + b, r != 0.0 && ((r < 0.0) != (b < 0.0)));
}

// Integer division and remainder as the CPU reference: floored, and 0 for a zero divisor.
fn floor_div_i(a: i32, b: i32) -> i32 {
  if (b == 0) { return 0; }
  let q = a / b;
  return select(q, q - 1, (a % b != 0) && ((a < 0) != (b < 0)));
}

fn floor_mod_i(a: i32, b: i32) -> i32 {
  if (b == 0) { return 0; }
  let r = a % b;
  return select(r, r + b, r != 0 && ((r < 0) != (b < 0)));
}

fn pow_i(base: i32, e: i32) -> i32 {
  if (e < 0) {
    if (base == 1) { return 1; }
    if (base == -1) { return select(-1, 1, (e & 1) == 0); }
    return 0;
  }
  var result = 1;
  var b = base;
  var k = u32(e);
  loop {
    if (k == 0u) { break; }
    if ((k & 1u) == 1u) { result = result * b; }
    b = b * b;
    k = k >> 1u;
  }
  return result;
}
`;

/** Each fused activation as a WGSL expression applied to `v` (f32). */
const ACTIVATIONS: Readonly<Record<FusedActivation, (v: string) => string>> = {
  linear: (v) => v,
  relu: (v) => `select(${v}, 0.0, ${v} < 0.0)`,
  relu6: (v) => `select(select(${v}, 6.0, ${v} > 6.0), 0.0, ${v} < 0.0)`,
  tanh: (v) => `tanh_(${v})`,
  sigmoid: (v) => `sigmoid_(${v})`,
  elu: (v) => `select(expm1_(${v}), ${v}, ${v} > 0.0)`,
};

/** WGSL expression for a fused activation applied to `v` (f32). */
export function activationExpr(activation: FusedActivation, v: string): string {
  return ACTIVATIONS[activation](v);
}
