/**
 * GLSL scalar functions with the CPU reference's semantics (core's backendUtil math), passed to
 * gpu.js as native functions. GLSL's builtins are loose or missing for several (expm1, log1p,
 * tanh near 0, pow of a negative base, NaN-propagating min/max), so they are written out.
 * Names end in `_` so they never meet gpu.js's own helpers of the same name.
 */
import type { NativeFunction } from '../../backend.js';

const fn = (name: string, source: string): NativeFunction => ({ name, source });

export const NAN = fn('nan_', 'float nan_() { float z = 0.0; return z / z; }');
/** GLSL ES 1.00 (WebGL1, headless-gl) has no `trunc`. */
export const TRUNC = fn('trunc_', 'float trunc_(float x) { return x < 0.0 ? -floor(-x) : floor(x); }');
export const IS_NAN = fn('isnan_', 'float isnan_(float x) { return (x != x) ? 1.0 : 0.0; }');
export const EXPM1 = fn(
  'expm1_',
  `float expm1_(float x) {
  if (abs(x) < 0.5) {
    return x * (1.0 + x * (0.5 + x * (1.0 / 6.0 + x * (1.0 / 24.0 + x * (1.0 / 120.0
      + x * (1.0 / 720.0 + x * (1.0 / 5040.0 + x * (1.0 / 40320.0))))))));
  }
  return exp(x) - 1.0;
}`,
);
export const LOG1P = fn(
  'log1p_',
  `float log1p_(float x) {
  if (abs(x) <= 0.5) {
    float s = x / (2.0 + x);
    float s2 = s * s;
    return 2.0 * s * (1.0 + s2 * (1.0 / 3.0 + s2 * (1.0 / 5.0 + s2 * (1.0 / 7.0 + s2 * (1.0 / 9.0
      + s2 * (1.0 / 11.0 + s2 * (1.0 / 13.0 + s2 * (1.0 / 15.0))))))));
  }
  return log(1.0 + x);
}`,
);
export const TANH = fn(
  'tanh_',
  `float tanh_(float x) {
  float e = expm1_(-2.0 * abs(x));
  float t = -e / (2.0 + e);
  return x < 0.0 ? -t : t;
}`,
);
export const SIGMOID = fn(
  'sigmoid_',
  `float sigmoid_(float x) {
  if (x >= 0.0) return 1.0 / (1.0 + exp(-x));
  float e = exp(x);
  return e / (1.0 + e);
}`,
);
export const SOFTPLUS = fn('softplus_', 'float softplus_(float x) { return max(x, 0.0) + log1p_(exp(-abs(x))); }');
export const ERFC = fn(
  'erfc_',
  `float erfc_(float x) {
  float z = abs(x);
  float t = 1.0 / (1.0 + 0.5 * z);
  float p = 0.17087277;
  p = -0.82215223 + t * p;
  p = 1.48851587 + t * p;
  p = -1.13520398 + t * p;
  p = 0.27886807 + t * p;
  p = -0.18628806 + t * p;
  p = 0.09678418 + t * p;
  p = 0.37409196 + t * p;
  p = 1.00002368 + t * p;
  p = -1.26551223 + t * p;
  float r = t * exp(-z * z + p);
  return x >= 0.0 ? r : 2.0 - r;
}`,
);
export const GELU = fn('gelu_', 'float gelu_(float x) { return 0.5 * x * erfc_(-x * 0.7071067811865476); }');
export const ROUND = fn(
  'round_',
  `float round_(float x) {
  float f = floor(x);
  float d = x - f;
  float r = d < 0.5 ? f : (d > 0.5 ? f + 1.0 : (mod(f, 2.0) == 0.0 ? f : f + 1.0));
  return r == 0.0 ? x * 0.0 : r;
}`,
);
// Sine and cosine with a Cody-Waite reduction by pi/2 and short polynomials on [-pi/4, pi/4]:
// SwiftShader's builtins are off by ~2e-4.
export const SINCOS = fn(
  'sincos_',
  `float sincos_(float x, float phase) {
  float k = floor(x * 0.6366197723675814 + 0.5);
  float r = (x - k * 1.5707963705062866) + k * 4.371139000186243e-8;
  float q = mod(k + phase, 4.0);
  float r2 = r * r;
  float s = r * (1.0 + r2 * (-1.0 / 6.0 + r2 * (1.0 / 120.0 + r2 * (-1.0 / 5040.0 + r2 * (1.0 / 362880.0)))));
  float c = 1.0 + r2 * (-0.5 + r2 * (1.0 / 24.0 + r2 * (-1.0 / 720.0 + r2 * (1.0 / 40320.0))));
  if (q == 0.0) return s;
  if (q == 1.0) return c;
  if (q == 2.0) return -s;
  return -c;
}`,
);
export const SIGN = fn('sign_', 'float sign_(float x) { return x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : x); }');
/** JavaScript's `**`: a negative base takes integer exponents only. */
export const POW = fn(
  'pow_',
  `float pow_(float a, float b) {
  if (b == 0.0) return 1.0;
  if (a != a || b != b) return nan_();
  if (a == 0.0) { float z = 0.0; return b > 0.0 ? 0.0 : 1.0 / z; }
  if (a > 0.0) return exp2(b * log2(a));
  if (floor(b) != b) return nan_();
  float m = exp2(b * log2(-a));
  return mod(b, 2.0) == 0.0 ? m : -m;
}`,
);
/** Integer power by squaring (exact below 2^24); negative exponents as core's intPow. */
export const POW_INT = fn(
  'powi_',
  `float powi_(float a, float b) {
  if (b < 0.0) { if (a == 1.0) return 1.0; if (a == -1.0) return mod(b, 2.0) == 0.0 ? 1.0 : -1.0; return 0.0; }
  float r = 1.0;
  float base = a;
  float e = b;
  for (int k = 0; k < 32; k++) {
    if (e <= 0.0) break;
    if (mod(e, 2.0) == 1.0) r *= base;
    base *= base;
    e = floor(e / 2.0);
  }
  return r;
}`,
);
/** Floor division of integers held as floats: the float quotient, corrected by one either way. */
export const FLOOR_DIV_INT = fn(
  'floordivi_',
  `float floordivi_(float a, float b) {
  if (b == 0.0) return 0.0;
  float q = floor(a / b);
  float r = a - q * b;
  if (b > 0.0) { if (r < 0.0) q -= 1.0; else if (r >= b) q += 1.0; }
  else { if (r > 0.0) q -= 1.0; else if (r <= b) q += 1.0; }
  return q;
}`,
);
export const FLOOR_MOD = fn(
  'floormod_',
  `float floormod_(float a, float b) {
  float r = a - b * trunc_(a / b);
  if (abs(r) >= abs(b) && b != 0.0) r = r - b * trunc_(r / b);
  return (r != 0.0 && ((r < 0.0) != (b < 0.0))) ? r + b : r;
}`,
);
export const FLOOR_MOD_INT = fn(
  'floormodi_',
  'float floormodi_(float a, float b) { if (b == 0.0) return 0.0; return a - b * floordivi_(a, b); }',
);

/** Every function above, each after the ones it calls. */
export const MATH: readonly NativeFunction[] = [
  NAN,
  TRUNC,
  IS_NAN,
  EXPM1,
  LOG1P,
  TANH,
  SIGMOID,
  SOFTPLUS,
  ERFC,
  GELU,
  ROUND,
  SINCOS,
  SIGN,
  POW,
  POW_INT,
  FLOOR_DIV_INT,
  FLOOR_MOD,
  FLOOR_MOD_INT,
];

/**
 * `float op_(<params>) { return <expr>; }`, as one native function whose source starts with the
 * math functions: gpu.js pastes only the natives a kernel calls by name, not the ones those call.
 */
export function withOp(params: string, expr: string): readonly NativeFunction[] {
  return [fn('op_', `${MATH.map((f) => f.source).join('\n')}\nfloat op_(${params}) { return ${expr}; }`)];
}
