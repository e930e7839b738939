// Per-element arithmetic of every kernel, callable on the device and the host (hd.h). Each
// function follows core's reference loops (core/src/backend-util), JavaScript's semantics
// included: NaN propagation of Math.min/max, int32 wrap-around, integer division by zero giving 0.
#pragma once
#include <cmath>
#include <cstdint>

#include "codes.h"
#include "hd.h"

namespace tensile {

using codes::Activation;
using codes::Binary;
using codes::Unary;

constexpr float kSeluAlpha = 1.6732632423543772f;
constexpr float kSeluScale = 1.0507009873554805f;

/** Two's-complement arithmetic without signed overflow (which C++ leaves undefined). */
TENSILE_HD inline std::int32_t wrapAdd(std::int32_t a, std::int32_t b) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(a) + static_cast<std::uint32_t>(b));
}
TENSILE_HD inline std::int32_t wrapSub(std::int32_t a, std::int32_t b) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(a) - static_cast<std::uint32_t>(b));
}
TENSILE_HD inline std::int32_t wrapMul(std::int32_t a, std::int32_t b) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(a) * static_cast<std::uint32_t>(b));
}

/** JavaScript's ToInt32 of a float: truncate, wrap modulo 2^32; NaN and infinities give 0. */
TENSILE_HD inline std::int32_t toInt32(float v) {
  if (!isfinite(v)) return 0;
  const double t = trunc(static_cast<double>(v));
  if (t >= -2147483648.0 && t < 2147483648.0) return static_cast<std::int32_t>(t);
  double m = fmod(t, 4294967296.0);
  if (m < 0) m += 4294967296.0;
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(m));
}

TENSILE_HD inline float sigmoidOf(float v) {
  if (v >= 0) return 1.0f / (1.0f + expf(-v));
  const float e = expf(v);
  return e / (1.0f + e);
}

/** Math.min / Math.max: a NaN on either side wins, and -0 is below +0. */
TENSILE_HD inline float jsMin(float a, float b) {
  if (isnan(a) || isnan(b)) return NAN;
  if (a == b) return signbit(a) ? a : b;
  return a < b ? a : b;
}
TENSILE_HD inline float jsMax(float a, float b) {
  if (isnan(a) || isnan(b)) return NAN;
  if (a == b) return signbit(a) ? b : a;
  return a > b ? a : b;
}

TENSILE_HD inline float unaryFloat(int op, float v, float alpha) {
  switch (static_cast<Unary>(op)) {
    case Unary::neg: return -v;
    case Unary::abs: return fabsf(v);
    case Unary::exp: return expf(v);
    case Unary::expm1: return expm1f(v);
    case Unary::log: return logf(v);
    case Unary::log1p: return log1pf(v);
    case Unary::sqrt: return sqrtf(v);
    case Unary::rsqrt: return 1.0f / sqrtf(v);
    case Unary::square: return v * v;
    case Unary::reciprocal: return 1.0f / v;
    case Unary::tanh: return tanhf(v);
    case Unary::sigmoid: return sigmoidOf(v);
    case Unary::softplus: return (v > 0 ? v : 0.0f) + log1pf(expf(-fabsf(v)));
    // `v < 0 ? 0 : v` keeps NaN as NaN, as TensorFlow.js does.
    case Unary::relu: return v < 0 ? 0.0f : v;
    case Unary::relu6: return v < 0 ? 0.0f : (v > 6 ? 6.0f : v);
    case Unary::elu: return v > 0 ? v : expm1f(v);
    case Unary::selu: return kSeluScale * (v > 0 ? v : kSeluAlpha * expm1f(v));
    case Unary::leakyRelu: return v > 0 ? v : alpha * v;
    case Unary::gelu: return 0.5f * v * erfcf(-v * 0.70710678118654752f);
    case Unary::sign: return v > 0 ? 1.0f : (v < 0 ? -1.0f : v);
    case Unary::floor: return floorf(v);
    case Unary::ceil: return ceilf(v);
    case Unary::round: return rintf(v);  // ties to even, sign of zero kept
    case Unary::sin: return sinf(v);
    case Unary::cos: return cosf(v);
    case Unary::logicalNot: return v == 0 ? 1.0f : 0.0f;
  }
  return NAN;
}

TENSILE_HD inline std::int32_t unaryInt(int op, std::int32_t v) {
  switch (static_cast<Unary>(op)) {
    case Unary::neg: return wrapSub(0, v);
    case Unary::abs: return v < 0 ? wrapSub(0, v) : v;
    case Unary::square: return wrapMul(v, v);
    case Unary::sign: return (v > 0) - (v < 0);
    case Unary::relu: return v < 0 ? 0 : v;
    case Unary::logicalNot: return v == 0 ? 1 : 0;
    default: return v;  // floor, ceil, round: integers are already whole
  }
}

/** `x ** y` as JavaScript has it, which differs from C's pow where |x| is 1 and y is NaN or infinite. */
TENSILE_HD inline float jsPow(float a, float b) {
  if (fabsf(a) == 1.0f && (isnan(b) || isinf(b))) return NAN;
  return static_cast<float>(pow(static_cast<double>(a), static_cast<double>(b)));
}

TENSILE_HD inline bool isComparison(int op) { return op >= static_cast<int>(Binary::equal); }

TENSILE_HD inline float binaryFloat(int op, float a, float b) {
  switch (static_cast<Binary>(op)) {
    case Binary::add: return a + b;
    case Binary::sub: return a - b;
    case Binary::mul: return a * b;
    case Binary::div: return a / b;
    case Binary::pow: return jsPow(a, b);
    case Binary::minimum: return jsMin(a, b);
    case Binary::maximum: return jsMax(a, b);
    case Binary::squaredDifference: {
      const float d = a - b;
      return d * d;
    }
    // In double, as core's reference divides, so a quotient just below an integer stays below it.
    case Binary::floorDiv: return static_cast<float>(floor(static_cast<double>(a) / static_cast<double>(b)));
    case Binary::mod: {
      const float r = fmodf(a, b);
      return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }
    default: return NAN;
  }
}

/** Integer division that floors, as TensorFlow.js's int32 div and floorDiv do; x / 0 gives 0. */
TENSILE_HD inline std::int32_t floorDivInt(std::int32_t a, std::int32_t b) {
  if (b == 0) return 0;
  if (b == -1) return wrapSub(0, a);
  std::int32_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
  return q;
}

TENSILE_HD inline std::int32_t floorModInt(std::int32_t a, std::int32_t b) {
  if (b == 0 || b == -1) return 0;
  const std::int32_t r = a % b;
  return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
}

/** Integer power by squaring, wrapping; negative exponents truncate 1 / base^|exp| as core does. */
TENSILE_HD inline std::int32_t intPow(std::int32_t base, std::int32_t e) {
  if (e < 0) {
    if (base == 1) return 1;
    if (base == -1) return (e % 2 == 0) ? 1 : -1;
    return 0;
  }
  std::int32_t result = 1;
  std::int32_t b = base;
  std::uint32_t ue = static_cast<std::uint32_t>(e);
  while (ue > 0) {
    if (ue & 1u) result = wrapMul(result, b);
    b = wrapMul(b, b);
    ue >>= 1;
  }
  return result;
}

TENSILE_HD inline std::int32_t binaryInt(int op, std::int32_t a, std::int32_t b) {
  switch (static_cast<Binary>(op)) {
    case Binary::add: return wrapAdd(a, b);
    case Binary::sub: return wrapSub(a, b);
    case Binary::mul: return wrapMul(a, b);
    case Binary::div: return floorDivInt(a, b);
    case Binary::pow: return intPow(a, b);
    case Binary::minimum: return a < b ? a : b;
    case Binary::maximum: return a > b ? a : b;
    case Binary::squaredDifference: {
      const std::int32_t d = wrapSub(a, b);
      return wrapMul(d, d);
    }
    case Binary::floorDiv: return floorDivInt(a, b);
    case Binary::mod: return floorModInt(a, b);
    default: return 0;
  }
}

/** Comparisons and logical ops, on float or int32 operands; the result is a bool (0 or 1). */
template <class T>
TENSILE_HD inline std::int32_t compare(int op, T a, T b) {
  switch (static_cast<Binary>(op)) {
    case Binary::equal: return a == b;
    case Binary::notEqual: return a != b;
    case Binary::less: return a < b;
    case Binary::lessEqual: return a <= b;
    case Binary::greater: return a > b;
    case Binary::greaterEqual: return a >= b;
    case Binary::logicalAnd: return a != 0 && b != 0;
    case Binary::logicalOr: return a != 0 || b != 0;
    default: return 0;
  }
}

/** A fused kernel's activation. */
TENSILE_HD inline float activate(int code, float v) {
  switch (static_cast<Activation>(code)) {
    case Activation::linear: return v;
    case Activation::relu: return v < 0 ? 0.0f : v;
    case Activation::relu6: return v < 0 ? 0.0f : (v > 6 ? 6.0f : v);
    case Activation::tanh: return tanhf(v);
    case Activation::sigmoid: return sigmoidOf(v);
    case Activation::elu: return v > 0 ? v : expm1f(v);
  }
  return v;
}

/** dy * f'(x) written with y = f(x); masks multiply so a NaN or infinite dy propagates. */
TENSILE_HD inline float activationGradOf(int code, float g, float y) {
  switch (static_cast<Activation>(code)) {
    case Activation::linear: return g;
    case Activation::relu: return g * (y > 0 ? 1.0f : 0.0f);
    case Activation::relu6: return g * (y > 0 && y < 6 ? 1.0f : 0.0f);
    case Activation::tanh: return g * (1.0f - y * y);
    case Activation::sigmoid: return g * (y * (1.0f - y));
    case Activation::elu: return g * (y > 0 ? 1.0f : y + 1.0f);
  }
  return g;
}

// Counter-based random numbers, bit for bit core's random.ts (lowbias32).
TENSILE_HD inline std::uint32_t hash32(std::uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

TENSILE_HD inline std::uint32_t randomBits(std::uint32_t seed, std::uint32_t i) {
  return hash32(hash32(seed) + i * 0x9e3779b9u);
}

/** Uniform in [0, 1) with 24 bits; exact in float, computed in double as core's reference is. */
TENSILE_HD inline double uniformAt(std::uint32_t seed, std::uint32_t i) {
  return static_cast<double>(randomBits(seed, i) >> 8) * (1.0 / 16777216.0);
}

TENSILE_HD inline double normalAt(std::uint32_t seed, std::uint32_t i) {
  const double u1 = (static_cast<double>(randomBits(seed, 2u * i) >> 8) + 1.0) * (1.0 / 16777216.0);
  const double u2 = static_cast<double>(randomBits(seed, 2u * i + 1u) >> 8) * (1.0 / 16777216.0);
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

}  // namespace tensile
