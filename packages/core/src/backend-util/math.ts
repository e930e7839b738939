/**
 * Scalar functions that JavaScript's Math lacks, with the semantics TensorFlow uses. Shared so that
 * every backend computing in JavaScript rounds, wraps and saturates exactly like the others.
 */

// Coefficients of the exponent's polynomial in t, constant term first.
const ERFC_COEFFS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277,
];

/**
 * Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7
 * everywhere). `erfc` rather than `erf`, so that gelu keeps its relative accuracy far into the
 * negative tail, where 1 + erf(x) would cancel.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  let poly = ERFC_COEFFS[9];
  for (let i = 8; i >= 0; i--) poly = ERFC_COEFFS[i] + t * poly;
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

export function erf(x: number): number {
  return 1 - erfc(x);
}

/** Exact gelu: x * Phi(x) = 0.5 * x * erfc(-x / sqrt(2)). */
export function gelu(x: number): number {
  return 0.5 * x * erfc(-x * Math.SQRT1_2);
}

/** Banker's rounding, as TensorFlow's `round`: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  // rint keeps the sign of zero: round(-0.4) is -0.
  return r === 0 ? x * 0 : r;
}

/** Numerically stable logistic: never exponentiates a large positive number. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1 + e^x) without overflow for large x or loss of precision for very negative x. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;

/** Integer power with int32 wrap-around, as TensorFlow's int32 `pow`. */
export function intPow(base: number, exp: number): number {
  if (exp < 0) {
    // TensorFlow rejects negative integer exponents; truncating 1 / base^|exp| is the nearest
    // integer answer and never throws inside a kernel.
    if (base === 1) return 1;
    if (base === -1) return exp % 2 === 0 ? 1 : -1;
    return 0;
  }
  let result = 1;
  let b = base | 0;
  let e = exp;
  while (e > 0) {
    if (e & 1) result = Math.imul(result, b);
    b = Math.imul(b, b);
    e >>>= 1;
  }
  return result;
}

/** Python-style remainder: the result takes the divisor's sign. */
export function floorMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}
