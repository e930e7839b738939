/**
 * The counter-based generator of core's random.ts in WGSL u32 arithmetic, bit for bit: element i
 * depends only on (seed, i), so every backend draws the same numbers. The seed's hash is computed
 * on the host. log and cos are written out (not WGSL builtins, whose guaranteed accuracy is as
 * loose as 2^-11 for cos) so normals agree with the float64 reference to float32 precision.
 */
import type { UniformSpec } from '../encoder.js';
import type { Program } from '../pipelines.js';
import { header, linearMain } from './common.js';

const RANDOM_WGSL = /* wgsl */ `
fn hash32(v: u32) -> u32 {
  var x = v;
  x = x ^ (x >> 16u);
  x = x * 0x7feb352du;
  x = x ^ (x >> 15u);
  x = x * 0x846ca68bu;
  x = x ^ (x >> 16u);
  return x;
}
fn random_bits(i: u32) -> u32 { return hash32(u.seedHash + i * 0x9e3779b9u); }
const TWO_M24 = 5.960464477539063e-8;

// ln(x) for x > 0: x = m 2^e with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh((m - 1) / (m + 1)).
fn ln_(x: f32) -> f32 {
  let fe = frexp(x);
  var m = fe.fract;
  var e = f32(fe.exp);
  if (m < 0.7071067811865476) { m = m * 2.0; e = e - 1.0; }
  let s = (m - 1.0) / (m + 1.0);
  let s2 = s * s;
  let p = s * (2.0 + s2 * (2.0 / 3.0 + s2 * (2.0 / 5.0 + s2 * (2.0 / 7.0 + s2 * (2.0 / 9.0)))));
  return e * 0.6931471805599453 + p;
}
fn cos_poly(t: f32) -> f32 {
  let t2 = t * t;
  return 1.0 + t2 * (-0.5 + t2 * (1.0 / 24.0 + t2 * (-1.0 / 720.0 + t2 * (1.0 / 40320.0 + t2 * (-1.0 / 3628800.0 + t2 / 479001600.0)))));
}
fn sin_poly(t: f32) -> f32 {
  let t2 = t * t;
  return t * (1.0 + t2 * (-1.0 / 6.0 + t2 * (1.0 / 120.0 + t2 * (-1.0 / 5040.0 + t2 * (1.0 / 362880.0 + t2 * (-1.0 / 39916800.0))))));
}
// cos(2 pi w) for w in [0, 1), reduced exactly (w is a multiple of 2^-24) to an angle <= pi/4.
fn cos_2pi(w: f32) -> f32 {
  let a = abs(w - 0.5);          // cos(2 pi w) = -cos(2 pi a)
  var sgn = -1.0;
  var b = a;
  if (a > 0.25) { b = 0.5 - a; sgn = 1.0; }   // cos(2 pi a) = -cos(2 pi (1/2 - a))
  let tau = 6.283185307179586;
  if (b <= 0.125) { return sgn * cos_poly(tau * b); }
  return sgn * sin_poly(tau * (0.25 - b));
}`;

export type UniformKind = 'float' | 'intExact' | 'intFloat';

/**
 * float: minval + u * range. intExact (integral bounds, range < 2^32): minval + floor(k * range
 * / 2^24) in 64-bit integer arithmetic, equal to the reference's floor(minval + u * range) in
 * doubles. intFloat: the same in float32, for non-integral bounds.
 */
export function randomUniformProgram(kind: UniformKind): Program {
  const uniforms: UniformSpec = [
    ['size', 'u32'],
    ['seedHash', 'u32'],
    ['minval', 'f32'],
    ['range', 'f32'],
    ['minInt', 'i32'],
    ['rangeInt', 'u32'],
  ];
  const body = {
    float: `  y[i] = fma(f32(random_bits(i) >> 8u) * TWO_M24, u.range, u.minval);`,
    intFloat: `  y[i] = i32(floor(fma(f32(random_bits(i) >> 8u) * TWO_M24, u.range, u.minval)));`,
    intExact: `  let k = random_bits(i) >> 8u;
  let r = u.rangeInt;
  // k * r as a 64-bit (lo, hi) pair from 16-bit limbs, then >> 24.
  let p00 = (k & 0xffffu) * (r & 0xffffu);
  let p01 = (k & 0xffffu) * (r >> 16u);
  let p10 = (k >> 16u) * (r & 0xffffu);
  let p11 = (k >> 16u) * (r >> 16u);
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  let lo = (p00 & 0xffffu) | (mid << 16u);
  let hi = p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u);
  y[i] = bitcast<i32>(bitcast<u32>(u.minInt) + ((hi << 8u) | (lo >> 24u)));`,
  }[kind];
  return {
    key: `randomUniform:${kind}`,
    uniforms,
    source: () => `${header([{ name: 'y', type: kind === 'float' ? 'f32' : 'i32', write: true }], uniforms)}
${RANDOM_WGSL}
${linearMain(body)}`,
  };
}

/** Box–Muller over counters 2i and 2i+1, as normalAt. */
export function randomNormalProgram(): Program {
  const uniforms: UniformSpec = [
    ['size', 'u32'],
    ['seedHash', 'u32'],
    ['mean', 'f32'],
    ['stddev', 'f32'],
  ];
  return {
    key: 'randomNormal',
    uniforms,
    source: () => `${header([{ name: 'y', type: 'f32', write: true }], uniforms)}
${RANDOM_WGSL}
${linearMain(`  let u1 = f32((random_bits(2u * i) >> 8u) + 1u) * TWO_M24;
  let u2 = f32(random_bits(2u * i + 1u) >> 8u) * TWO_M24;
  y[i] = u.mean + u.stddev * (sqrt(max(-2.0 * ln_(u1), 0.0)) * cos_2pi(u2));`)}`,
  };
}
