/**
 * One tiled GEMM for matMul and all three convolutions (implicit GEMM: the convolutions never
 * materialise a patch matrix; their `load_a`/`load_b` compute patch elements on the fly).
 *
 * Tiles are sized for real GPUs: by default a 64x64 output tile per 16x16 workgroup (4x4
 * outputs per thread, strided by the workgroup size so neighbouring threads touch neighbouring
 * shared-memory words) and a K step of 16, with both operand tiles in workgroup memory (8 KiB).
 * Narrow outputs (N <= 16: the convolutions of small nets) take a 128x16 tile instead, and
 * small ones (filter gradients) 32x16, so that most of each tile is not padding. Software adapters get a barrier-free kernel instead
 * (gemm-direct.ts); these tiles are not tuned for them.
 *
 * `wid.z` indexes either the batch or, for split-K, a slice of K whose partial result is
 * written to its own [M, N] slab; a second pass (`sumSlabsProgram`) adds the slabs.
 */
import { FUSED_ACTIVATION_CODES, FUSED_ACTIVATIONS } from '@tensile/core';
import type { UniformSpec } from '../encoder.js';
import type { Program } from '../pipelines.js';
import { header, linearMain, type BufferDecl, type ScalarType } from './common.js';
import { activationExpr, MATH_WGSL } from './math.js';

export interface TileConfig {
  readonly name: string;
  /** Workgroup size: x along N, y along M (256 threads in both configs). */
  readonly wgX: number;
  readonly wgY: number;
  /** Outputs per thread along M and N. */
  readonly tm: number;
  readonly tn: number;
}
export const TILE_K = 16;
export const WIDE_TILES: TileConfig = { name: '64x64', wgX: 16, wgY: 16, tm: 4, tn: 4 };
export const NARROW_TILES: TileConfig = { name: '128x16', wgX: 4, wgY: 64, tm: 2, tn: 4 };
/** Small outputs with a long K (filter gradients): little padding, and split-K for parallelism. */
export const SMALL_TILES: TileConfig = { name: '32x16', wgX: 8, wgY: 32, tm: 1, tn: 2 };

/** The tile shape that wastes least on an M x N output. */
export function chooseTiles(M: number, N: number): TileConfig {
  if (N <= tileN(SMALL_TILES) && M <= tileM(SMALL_TILES)) return SMALL_TILES;
  return N <= tileN(NARROW_TILES) ? NARROW_TILES : WIDE_TILES;
}

export function tileM(c: TileConfig): number {
  return c.wgY * c.tm;
}
export function tileN(c: TileConfig): number {
  return c.wgX * c.tn;
}

/** Uniform fields every GEMM has, first in its struct; operand-specific fields follow. */
export const GEMM_UNIFORMS: UniformSpec = [
  ['M', 'u32'],
  ['N', 'u32'],
  ['K', 'u32'],
  ['kChunk', 'u32'],
  ['splits', 'u32'],
];

/**
 * How a GEMM reads its operands. Index math is split so that the integer divisions (costly on
 * every GPU, and per lane on a CPU rasterizer) run once per row or column rather than once per
 * element: a thread stages fixed rows of A and a fixed column of B for the whole K loop, and
 * one k of A per K step. Each part returns a vec4<i32> of whatever the loader needs.
 */
export interface GemmShader {
  /** Pipeline key of the loaders and epilogue (the tile code is shared). */
  readonly key: string;
  readonly type: ScalarType;
  /** Storage buffers; the first is the output `y`. */
  readonly buffers: readonly BufferDecl[];
  /** Fields after GEMM_UNIFORMS. */
  readonly uniforms: UniformSpec;
  /** Body of `fn a_row(batch: u32, m: u32) -> vec4<i32>` (m < M). */
  readonly aRow: string;
  /** Body of `fn a_col(k: u32) -> vec4<i32>` (k < K). */
  readonly aCol: string;
  /** Body of `fn a_load(r: vec4<i32>, c: vec4<i32>) -> T`: element (m, k) of A. */
  readonly aLoad: string;
  /** Body of `fn b_row(k: u32) -> vec4<i32>` (k < K). */
  readonly bRow: string;
  /** Body of `fn b_col(batch: u32, n: u32) -> vec4<i32>` (n < N). */
  readonly bCol: string;
  /** Body of `fn b_load(r: vec4<i32>, c: vec4<i32>) -> T`: element (k, n) of B. */
  readonly bLoad: string;
  /** Adds the fused epilogue: a `bias` binding after the inputs and uniforms `act`/`hasBias`
   *  (float32 only). Activation and bias are uniforms, not part of the key, so matMul and every
   *  fusedMatMul variant share one pipeline: each pipeline costs seconds to compile on a
   *  software adapter, and browsers compile slowly too; the uniform branch costs ~nothing. */
  readonly fusable?: boolean;
  /**
   * For the direct kernel, which walks k one at a time: k as nested coordinates
   * kc = (k0, k1, k2), k = (k2 * D1 + k1) * D0 + k0, with D0 and D1 given as WGSL expressions,
   * and `a_col`/`b_row` bodies in terms of `kc` (and `k`). The kernel advances kc by carrying
   * instead of dividing: a CPU rasterizer runs integer division per lane, with no vector
   * instruction for it, and a convolution's a_col divides four times per k.
   */
  readonly kSplit?: { readonly d0: string; readonly d1: string; readonly aCol: string; readonly bRow: string };
}

/**
 * Bias, then the activation whose code (core's FUSED_ACTIVATION_CODES) is in the `act` uniform:
 * one case per activation of core's list, built from it. WGSL requires a default; no code reaches it.
 */
export const EPILOGUE_WGSL = `
fn epilogue(v: f32, n: u32) -> f32 {
  var x = v;
  if (u.hasBias != 0u) { x = x + bias[n]; }
  switch u.act {
${FUSED_ACTIVATIONS.map((a) => `    case ${FUSED_ACTIVATION_CODES[a]}u: { return ${activationExpr(a, 'x')}; }`).join('\n')}
    default: { return x; }
  }
}`;
const EPILOGUE_UNIFORMS: UniformSpec = [
  ['act', 'u32'],
  ['hasBias', 'u32'],
];

/** The uniform fields of a shader, in struct order. */
export function gemmUniforms(s: GemmShader): UniformSpec {
  return [...GEMM_UNIFORMS, ...(s.fusable === true ? EPILOGUE_UNIFORMS : []), ...s.uniforms];
}

export function gemmProgram(s: GemmShader, c: TileConfig): Program {
  const uniforms = gemmUniforms(s);
  const fusable = s.fusable === true;
  const buffers: BufferDecl[] = fusable ? [...s.buffers, { name: 'bias', type: 'f32' }] : [...s.buffers];
  const T = s.type;
  const BM = tileM(c);
  const BN = tileN(c);
  const threads = c.wgX * c.wgY;
  // Threads cover the tiles in whole rows of K (A) and whole rows of N (B).
  const rowsA = (BM * TILE_K) / threads;
  const rowsB = (BN * TILE_K) / threads;
  return {
    key: `gemm:${c.name}:${s.key}${fusable ? ':fusable' : ''}`,
    uniforms,
    source: () => `${MATH_WGSL}
${header(buffers, uniforms)}
${fusable ? EPILOGUE_WGSL : ''}
const BM = ${BM}u;
const BN = ${BN}u;
const BK = ${TILE_K}u;
var<workgroup> As: array<${T}, ${BM * TILE_K}>;
var<workgroup> Bs: array<${T}, ${BN * TILE_K}>;

fn a_row(batch: u32, m: u32) -> vec4<i32> {
${s.aRow}
}
fn a_col(k: u32) -> vec4<i32> {
${s.aCol}
}
fn a_load(r: vec4<i32>, c: vec4<i32>) -> ${T} {
${s.aLoad}
}
fn b_row(k: u32) -> vec4<i32> {
${s.bRow}
}
fn b_col(batch: u32, n: u32) -> vec4<i32> {
${s.bCol}
}
fn b_load(r: vec4<i32>, c: vec4<i32>) -> ${T} {
${s.bLoad}
}

@compute @workgroup_size(${c.wgX}, ${c.wgY})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid3: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let m0 = wid.y * BM;
  let n0 = wid.x * BN;
  let z = wid.z;
  let batch = z / u.splits;
  let kBegin = (z % u.splits) * u.kChunk;
  let kEnd = min(u.K, kBegin + u.kChunk);

  // This thread stages A at (rows aRow0 + ${threads / TILE_K}t, column ak) and B at
  // (rows bRow0 + ${threads / BN}t, column bn) of every tile.
  let ak = lid % BK;
  let aRow0 = lid / BK;
  var arow: array<vec4<i32>, ${rowsA}>;
  var aok: array<bool, ${rowsA}>;
  for (var t = 0u; t < ${rowsA}u; t = t + 1u) {
    let m = m0 + aRow0 + ${threads / TILE_K}u * t;
    aok[t] = m < u.M;
    if (aok[t]) { arow[t] = a_row(batch, m); }
  }
  let bn = lid % BN;
  let bRow0 = lid / BN;
  let bok = n0 + bn < u.N;
  var bcol = vec4<i32>(0);
  if (bok) { bcol = b_col(batch, n0 + bn); }

  var acc: array<array<${T}, ${c.tn}>, ${c.tm}>;
  for (var k0 = kBegin; k0 < kEnd; k0 = k0 + BK) {
    let ka = k0 + ak;
    let kaok = ka < kEnd;
    var acol = vec4<i32>(0);
    if (kaok) { acol = a_col(ka); }
    for (var t = 0u; t < ${rowsA}u; t = t + 1u) {
      var v = ${T}(0);
      if (aok[t] && kaok) { v = a_load(arow[t], acol); }
      As[ak * BM + aRow0 + ${threads / TILE_K}u * t] = v;
    }
    for (var t = 0u; t < ${rowsB}u; t = t + 1u) {
      let bk = bRow0 + ${threads / BN}u * t;
      var v = ${T}(0);
      if (bok && k0 + bk < kEnd) { v = b_load(b_row(k0 + bk), bcol); }
      Bs[bk * BN + bn] = v;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < BK; kk = kk + 1u) {
      var a: array<${T}, ${c.tm}>;
      var b: array<${T}, ${c.tn}>;
      for (var i = 0u; i < ${c.tm}u; i = i + 1u) { a[i] = As[kk * BM + lid3.y + ${c.wgY}u * i]; }
      for (var j = 0u; j < ${c.tn}u; j = j + 1u) { b[j] = Bs[kk * BN + lid3.x + ${c.wgX}u * j]; }
      for (var i = 0u; i < ${c.tm}u; i = i + 1u) {
        for (var j = 0u; j < ${c.tn}u; j = j + 1u) {
          acc[i][j] = acc[i][j] + a[i] * b[j];
        }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < ${c.tm}u; i = i + 1u) {
    let m = m0 + lid3.y + ${c.wgY}u * i;
    for (var j = 0u; j < ${c.tn}u; j = j + 1u) {
      let n = n0 + lid3.x + ${c.wgX}u * j;
      if (m < u.M && n < u.N) {
        let v = acc[i][j];
        y[(z * u.M + m) * u.N + n] = ${fusable ? 'epilogue(v, n)' : 'v'};
      }
    }
  }
}`,
  };
}

/** y[i] = sum over s of slabs[s * size + i]: the second pass of split-K. */
export function sumSlabsProgram(): Program {
  const uniforms: UniformSpec = [
    ['size', 'u32'],
    ['slabs', 'u32'],
  ];
  return {
    key: 'sumSlabs',
    uniforms,
    source: () => `${header(
      [
        { name: 'y', type: 'f32', write: true },
        { name: 'p', type: 'f32' },
      ],
      uniforms,
    )}
${linearMain(`  var s = 0.0;
  for (var k = 0u; k < u.slabs; k = k + 1u) { s = s + p[k * u.size + i]; }
  y[i] = s;`)}`,
  };
}
