// Register-tiled SIMD GEMM: C[m, n] (=|+=) A[m, k] * B[k, n] with 4x8 tiles (8 v128
// accumulators) over B packed into panels of 8 columns. A is read in place, either row-major
// (each row's value is splatted from memory) or column-major (one vector load per 4 rows, lanes
// splatted by shuffles), so im2col chunks and their transposes both feed it without packing.
import { activate } from './math';
import { imin, loadPart, madd, storePart, storeTransposed } from './common';
import { GemmParams } from './generated/layouts';

const MC: i32 = 64; // rows of A per block: MC x KC floats stay in L2
const KC: i32 = 256; // depth per block: one panel slice (KC x 8 floats) stays in L1

export const INIT_ZERO = 0;
export const INIT_ACCUMULATE = 1;
export const INIT_BIAS = 2;

/** Bytes of packed B for a k x n operand. */
export function packedBytes(k: i32, n: i32): usize {
  return (<usize>((n + 7) >> 3) * <usize>k) << 5;
}

/**
 * Packs B (element (r, j) at b + (r * brs + j * bcs) * 4) into panels of 8 columns: panel p is
 * k rows of 8 floats, zero padded past column n.
 */
export function packB(b: usize, k: i32, n: i32, brs: i32, bcs: i32, dst: usize): void {
  const panels = (n + 7) >> 3;
  for (let p = 0; p < panels; p++) {
    const j0 = p << 3;
    const w = imin(8, n - j0);
    const base = dst + ((<usize>p * <usize>k) << 5);
    if (bcs == 1 && w == 8) {
      for (let r = 0; r < k; r++) {
        const s = b + ((<usize>r * <usize>brs + <usize>j0) << 2);
        const d = base + (<usize>r << 5);
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
      }
      continue;
    }
    if (brs == 1 && w == 8) {
      // B given transposed (a column's k floats contiguous: f^T of the input gradient): 4 rows
      // of 4 columns at a time through a 4x4 transpose in registers.
      const cs = <usize>bcs << 2;
      let r = 0;
      for (; r + 4 <= k; r += 4) {
        for (let h = 0; h < 8; h += 4) {
          const s = b + ((<usize>(j0 + h) * <usize>bcs + <usize>r) << 2);
          storeTransposed(v128.load(s), v128.load(s + cs), v128.load(s + 2 * cs), v128.load(s + 3 * cs),
            base + (<usize>r << 5) + (<usize>h << 2), 32, 4);
        }
      }
      for (; r < k; r++) {
        for (let jj = 0; jj < 8; jj++) store<f32>(base + (<usize>r << 5) + (<usize>jj << 2), load<f32>(b + ((<usize>(j0 + jj) * <usize>bcs + <usize>r) << 2)));
      }
      continue;
    }
    if (w < 8) memory.fill(base, 0, <usize>k << 5);
    for (let jj = 0; jj < w; jj++) {
      const col = b + ((<usize>(j0 + jj) * <usize>bcs) << 2);
      const d = base + (<usize>jj << 2);
      for (let r = 0; r < k; r++) store<f32>(d + (<usize>r << 5), load<f32>(col + ((<usize>r * <usize>brs) << 2)));
    }
  }
}

/**
 * One rows x w tile (rows <= 4, w <= 8) of C over depth kb. `ars`/`aks` are A's byte strides.
 * Partial tiles load and store lane by lane: bulk-memory calls cost more than the tile itself
 * at small depths (conv1 of LeNet: 6 columns, depth 25).
 */
function tile(
  a: usize, ars: usize, aks: usize, rows: i32, bp: usize, kb: i32,
  c: usize, ldc: usize, w: i32, init: i32, bias: usize,
): void {
  const full = rows == 4 && w == 8;
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
  if (init == INIT_ACCUMULATE) {
    if (full) {
      c0 = v128.load(c); c1 = v128.load(c, 16);
      c2 = v128.load(c + ldc); c3 = v128.load(c + ldc, 16);
      c4 = v128.load(c + 2 * ldc); c5 = v128.load(c + 2 * ldc, 16);
      c6 = v128.load(c + 3 * ldc); c7 = v128.load(c + 3 * ldc, 16);
    } else {
      c0 = loadPart(c, w); c1 = loadPart(c + 16, w - 4);
      if (rows > 1) { c2 = loadPart(c + ldc, w); c3 = loadPart(c + ldc + 16, w - 4); }
      if (rows > 2) { c4 = loadPart(c + 2 * ldc, w); c5 = loadPart(c + 2 * ldc + 16, w - 4); }
      if (rows > 3) { c6 = loadPart(c + 3 * ldc, w); c7 = loadPart(c + 3 * ldc + 16, w - 4); }
    }
  } else if (init == INIT_BIAS) {
    c0 = loadPart(bias, w); c1 = loadPart(bias + 16, w - 4);
    c2 = c0; c3 = c1; c4 = c0; c5 = c1; c6 = c0; c7 = c1;
  }

  if (ars == 4 && rows == 4) {
    // Column-major A: the 4 rows of one depth step are adjacent.
    let pa = a;
    let pb = bp;
    for (let kk = 0; kk < kb; kk++) {
      const va = v128.load(pa);
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const x0 = v128.shuffle<f32>(va, va, 0, 0, 0, 0);
      c0 = madd(x0, b0, c0); c1 = madd(x0, b1, c1);
      const x1 = v128.shuffle<f32>(va, va, 1, 1, 1, 1);
      c2 = madd(x1, b0, c2); c3 = madd(x1, b1, c3);
      const x2 = v128.shuffle<f32>(va, va, 2, 2, 2, 2);
      c4 = madd(x2, b0, c4); c5 = madd(x2, b1, c5);
      const x3 = v128.shuffle<f32>(va, va, 3, 3, 3, 3);
      c6 = madd(x3, b0, c6); c7 = madd(x3, b1, c7);
      pa += aks;
      pb += 32;
    }
  } else {
    // Missing rows re-read the last valid one; their results are never stored.
    let p0 = a;
    let p1 = a + (rows > 1 ? ars : 0);
    let p2 = a + (rows > 2 ? 2 * ars : 0);
    let p3 = a + (rows > 3 ? 3 * ars : rows > 2 ? 2 * ars : rows > 1 ? ars : 0);
    let pb = bp;
    for (let kk = 0; kk < kb; kk++) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const x0 = v128.load32_splat(p0);
      c0 = madd(x0, b0, c0); c1 = madd(x0, b1, c1);
      const x1 = v128.load32_splat(p1);
      c2 = madd(x1, b0, c2); c3 = madd(x1, b1, c3);
      const x2 = v128.load32_splat(p2);
      c4 = madd(x2, b0, c4); c5 = madd(x2, b1, c5);
      const x3 = v128.load32_splat(p3);
      c6 = madd(x3, b0, c6); c7 = madd(x3, b1, c7);
      p0 += aks; p1 += aks; p2 += aks; p3 += aks;
      pb += 32;
    }
  }

  if (full) {
    v128.store(c, c0); v128.store(c, c1, 16);
    v128.store(c + ldc, c2); v128.store(c + ldc, c3, 16);
    v128.store(c + 2 * ldc, c4); v128.store(c + 2 * ldc, c5, 16);
    v128.store(c + 3 * ldc, c6); v128.store(c + 3 * ldc, c7, 16);
  } else {
    storePart(c, c0, w); storePart(c + 16, c1, w - 4);
    if (rows > 1) { storePart(c + ldc, c2, w); storePart(c + ldc + 16, c3, w - 4); }
    if (rows > 2) { storePart(c + 2 * ldc, c4, w); storePart(c + 2 * ldc + 16, c5, w - 4); }
    if (rows > 3) { storePart(c + 3 * ldc, c6, w); storePart(c + 3 * ldc + 16, c7, w - 4); }
  }
}

/**
 * C = A * packed B (+ C when `init` is INIT_ACCUMULATE, + bias when INIT_BIAS). Strides are in
 * elements. `bias` points at bias[0].
 */
export function gemmPacked(
  m: i32, n: i32, k: i32, a: usize, ars: i32, aks: i32, bp: usize,
  c: usize, ldc: i32, init0: i32, bias: usize,
): void {
  if (m <= 0 || n <= 0) return;
  const panels = (n + 7) >> 3;
  const arsB = <usize>ars << 2;
  const aksB = <usize>aks << 2;
  const ldcB = <usize>ldc << 2;
  for (let i0 = 0; i0 < m; i0 += MC) {
    const mb = imin(MC, m - i0);
    let k0 = 0;
    do {
      const kb = imin(KC, k - k0);
      const init = k0 == 0 ? init0 : INIT_ACCUMULATE;
      for (let p = 0; p < panels; p++) {
        const j0 = p << 3;
        const w = imin(8, n - j0);
        const panel = bp + ((<usize>p * <usize>k + <usize>k0) << 5);
        for (let r0 = i0; r0 < i0 + mb; r0 += 4) {
          tile(
            a + <usize>r0 * arsB + <usize>k0 * aksB, arsB, aksB, imin(4, i0 + mb - r0), panel, kb,
            c + <usize>r0 * ldcB + (<usize>j0 << 2), ldcB, w, init, bias + (<usize>j0 << 2),
          );
        }
      }
      k0 += KC;
    } while (k0 < k);
  }
}

/**
 * Batched matmul over units [begin, end): unit u is rows [r, r + rowsPerUnit) of batch item
 * u / unitsPerBatch. Each thread packs B into its own scratch, so one dispatch suffices.
 */
export function matmul(p: usize, begin: i32, end: i32, tid: i32): void {
  const m = GemmParams.m(p), n = GemmParams.n(p), k = GemmParams.k(p);
  const rpu = GemmParams.rowsPerUnit(p), upb = GemmParams.unitsPerBatch(p);
  const bp = GemmParams.scratch(p) + <usize>tid * GemmParams.scratchStride(p);
  const bias = GemmParams.bias(p);
  const act = GemmParams.act(p);
  const ars = GemmParams.ars(p), aks = GemmParams.aks(p), ldc = GemmParams.ldc(p);
  let packed = -1;
  let u = begin;
  while (u < end) {
    const bi = u / upb;
    const uEnd = imin(end, (bi + 1) * upb);
    const r0 = (u - bi * upb) * rpu;
    const r1 = imin(m, (uEnd - bi * upb) * rpu);
    const bOff = <usize>bi * <usize>GemmParams.bBatch(p);
    if (packed < 0 || bOff != 0) {
      packB(GemmParams.b(p) + (bOff << 2), k, n, GemmParams.brs(p), GemmParams.bcs(p), bp);
      packed = bi;
    }
    const a = GemmParams.a(p) + ((<usize>bi * <usize>GemmParams.aBatch(p) + <usize>r0 * <usize>ars) << 2);
    const c = GemmParams.c(p) + ((<usize>bi * <usize>GemmParams.cBatch(p) + <usize>r0 * <usize>ldc) << 2);
    gemmPacked(r1 - r0, n, k, a, ars, aks, bp, c, ldc, bias != 0 ? INIT_BIAS : INIT_ZERO, bias);
    activate(c, r1 - r0, n, ldc, act);
    u = uEnd;
  }
}
