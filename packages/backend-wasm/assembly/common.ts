// Shared helpers for every kernel family. Kernels take a pointer to a parameter block that the
// TypeScript side writes and read its slots through generated/layouts.ts (one accessor per slot of
// src/param-layouts.ts), so exported signatures stay uniform: `(params, begin, end, tid)`, with
// [begin, end) the slice of the parallel dimension this thread owns. No kernel allocates and no
// module keeps mutable globals: every worker instantiates the same module over one shared memory.
import { ABI_FINGERPRINT } from './generated/fingerprint';

/** a * b + c; one fused instruction in the relaxed-SIMD build. */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// @ts-ignore: decorator
@inline export function imin(a: i32, b: i32): i32 {
  return a < b ? a : b;
}

// @ts-ignore: decorator
@inline export function imax(a: i32, b: i32): i32 {
  return a > b ? a : b;
}

/** Loads the first `r` floats at p (r may be <= 0 or >= 4), zeros elsewhere, without over-reading. */
// @ts-ignore: decorator
@inline export function loadPart(p: usize, r: i32): v128 {
  if (r >= 4) return v128.load(p);
  if (r == 3) return v128.load32_lane(p, v128.load64_zero(p), 2, 8);
  if (r == 2) return v128.load64_zero(p);
  if (r == 1) return v128.load32_zero(p);
  return f32x4.splat(0);
}

/** Stores the first `r` lanes of v at p (r may be <= 0 or >= 4). */
// @ts-ignore: decorator
@inline export function storePart(p: usize, v: v128, r: i32): void {
  if (r >= 4) v128.store(p, v);
  else if (r == 3) { v128.store64_lane(p, v, 0); v128.store32_lane(p, v, 2, 8); }
  else if (r == 2) v128.store64_lane(p, v, 0);
  else if (r == 1) v128.store32_lane(p, v, 0);
}

/**
 * The 4x4 transpose of rows r0..r3 (4 floats each): its row j, which is lane j of r0..r3, stored
 * at d + j * stride for the first `rows` (<= 4) of them.
 */
// @ts-ignore: decorator
@inline export function storeTransposed(r0: v128, r1: v128, r2: v128, r3: v128, d: usize, stride: usize, rows: i32): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5), t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7), t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  if (rows > 1) v128.store(d + stride, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  if (rows > 2) v128.store(d + 2 * stride, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  if (rows > 3) v128.store(d + 3 * stride, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

/** Zeroes `n` floats. */
export function zeroF32(dst: usize, n: i32): void {
  memory.fill(dst, 0, <usize>n << 2);
}

/** Start of the heap the TypeScript allocator may use (after any static data of this module). */
export function heapBase(): usize {
  return __heap_base;
}

/** The fingerprint (src/abi-fingerprint.ts) of the sub-op lists and parameter layouts this module
 *  was built with; the backend refuses to start when it is not its own. */
export function abiFingerprint(): u32 {
  return ABI_FINGERPRINT;
}
