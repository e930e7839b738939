/**
 * Counter-based random numbers: element `i` of a draw depends only on (seed, i), so every backend
 * (CPU loop, WASM, WGSL, CUDA) produces the same numbers without sharing state. Only 32-bit
 * integer multiply, xor and shift are used, which every target has.
 */

/** A 32-bit integer hash with good avalanche (lowbias32). */
export function hash32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** 32 random bits for counter `i` of stream `seed`. */
export function randomBits(seed: number, i: number): number {
  return hash32((hash32(seed >>> 0) + Math.imul(i, 0x9e3779b9)) >>> 0);
}

/** 2^-24: scales a 24-bit integer into [0, 1). */
const INV_2_24 = 2 ** -24;

/** Uniform in [0, 1) with 24 bits, exactly representable in float32. */
export function uniformAt(seed: number, i: number): number {
  return (randomBits(seed, i) >>> 8) * INV_2_24;
}

/** Standard normal for element `i` by Box–Muller over counters 2i and 2i+1. */
export function normalAt(seed: number, i: number): number {
  const u1 = ((randomBits(seed, 2 * i) >>> 8) + 1) * INV_2_24; // (0, 1]: log stays finite
  const u2 = (randomBits(seed, 2 * i + 1) >>> 8) * INV_2_24;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
