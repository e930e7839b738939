/**
 * A GEMM without workgroup memory or barriers, for software adapters (llvmpipe, SwiftShader).
 * It reads operands through the same loaders as the tiled GEMM (`GemmShader`), so matMul and the
 * three convolutions get it for free.
 *
 * Why a second kernel: a CPU rasterizer runs a workgroup's invocations as SIMD lanes (8 per AVX2
 * vector on llvmpipe) and implements a barrier by suspending and resuming every vector of the
 * workgroup, so the tiled kernel's two barriers per K step cost more than its shared-memory
 * reuse saves (the CPU's caches already do that reuse). Here each invocation owns RM rows (lanes
 * differ in m) and RN columns taken from the workgroup id, so every per-k index (`a_col`,
 * `b_row`) is the same for all lanes, each A value a lane loads feeds RN multiply-adds and each
 * B value RM. The loops over the register block are unrolled in the generated WGSL
 * (named scalars, no private arrays: a CPU compiler that fails to unroll would index them in
 * memory, per lane). On a real GPU the tiled kernel stays the better choice (it reuses both
 * operands from shared memory), and `runGemm` picks this one where the profile's `gemm` says
 * 'direct' (software adapters, by default).
 */
import type { Program } from '../pipelines.js';
import { header, unroll } from './common.js';
import { EPILOGUE_WGSL, gemmUniforms, type GemmShader } from './gemm.js';
import { MATH_WGSL } from './math.js';

export interface DirectConfig {
  /** Invocations per workgroup, along m (a multiple of the SIMD width; smaller for short M). */
  readonly wg: number;
  /** Rows (m) per invocation, strided by wg. */
  readonly rm: number;
  /** Columns (n) per invocation. */
  readonly rn: number;
}

/** The shape for an M x N output: RN covers small N exactly (a convolution's channel count).
 *  `rows` (the profile's `directRows`) per lane once M >= 64: 4 compiles longer loops, which
 *  pays only where the driver compiles them fast (see profile.ts). */
export function chooseDirect(M: number, N: number, rows: 2 | 4): DirectConfig {
  const rn = N <= 8 ? N : N % 8 === 0 || N > 32 ? 8 : Math.ceil(N / Math.ceil(N / 8));
  // Every load costs the same per lane whether or not lanes share the address (measured on
  // llvmpipe: B's lane-uniform loads are not cheaper), so more rows per invocation amortise B's
  // RN loads. With M >= 64 a workgroup takes 64 rows as 16 lanes x 4: 12 loads per 32
  // multiply-adds, where 64 lanes x 2 rows paid 10 per 16. 8 rows per lane ran no faster on
  // LeNet's matMuls and took several times longer to compile (llvmpipe compiles on the first
  // dispatch, so that is a wait on a cold shader cache). Short M keeps one row per lane.
  if (rows === 4 && M >= 64) return { wg: 16, rm: 4, rn };
  const wg = M >= 64 ? 64 : M > 16 ? 32 : M > 8 ? 16 : 8;
  const rm = M < 2 * wg ? 1 : N >= 64 && M >= 512 ? 4 : 2;
  return { wg, rm, rn };
}

export function directRows(c: DirectConfig): number {
  return c.wg * c.rm;
}

export function directGemmProgram(s: GemmShader, c: DirectConfig): Program {
  const uniforms = gemmUniforms(s);
  const fusable = s.fusable === true;
  const buffers = fusable ? [...s.buffers, { name: 'bias', type: 'f32' as const }] : [...s.buffers];
  const T = s.type;
  const { wg, rm, rn } = c;
  const split = s.kSplit;
  const pairs = (f: (i: number, j: number) => string): string => unroll(rm, (i) => unroll(rn, (j) => f(i, j)));
  // Per k: the index parts (uniform), then B's RN values (uniform), then A's RM values (gathered).
  const body = `
    let acol = a_col_k(k, kc);
    let brow = b_row_k(k, kc);
${unroll(rn, (j) => `    let b${j} = b_load(brow, bcol${j});`)}
${unroll(rm, (i) => `    let a${i} = a_load(arow${i}, acol);`)}
${pairs((i, j) => `    acc${i}_${j} = acc${i}_${j} + a${i} * b${j};`)}`;
  const advance = split
    ? `    kc.x = kc.x + 1u;
    if (kc.x == d0) { kc.x = 0u; kc.y = kc.y + 1u; if (kc.y == d1) { kc.y = 0u; kc.z = kc.z + 1u; } }`
    : '';
  return {
    key: `gemmDirect:${wg}x${rm}x${rn}:${s.key}${fusable ? ':fusable' : ''}`,
    uniforms,
    source: () => `${MATH_WGSL}
${header(buffers, uniforms)}
${fusable ? EPILOGUE_WGSL : ''}
fn a_row(batch: u32, m: u32) -> vec4<i32> {
${s.aRow}
}
fn a_col_k(k: u32, kc: vec3<u32>) -> vec4<i32> {
${split ? split.aCol : s.aCol}
}
fn a_load(r: vec4<i32>, c: vec4<i32>) -> ${T} {
${s.aLoad}
}
fn b_row_k(k: u32, kc: vec3<u32>) -> vec4<i32> {
${split ? split.bRow : s.bRow}
}
fn b_col(batch: u32, n: u32) -> vec4<i32> {
${s.bCol}
}
fn b_load(r: vec4<i32>, c: vec4<i32>) -> ${T} {
${s.bLoad}
}

@compute @workgroup_size(${wg})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let z = wid.z;
  let batch = z / u.splits;
  let kBegin = (z % u.splits) * u.kChunk;
  let kEnd = min(u.K, kBegin + u.kChunk);
  let m0 = wid.x * ${wg * rm}u + lid;
  let n0 = wid.y * ${rn}u;
  // Out-of-range rows and columns are clamped to the last valid one (computed, never stored):
  // every lane runs the same straight-line loop, with no masks.
${unroll(rm, (i) => `  let arow${i} = a_row(batch, min(m0 + ${wg * i}u, u.M - 1u));`)}
${unroll(rn, (j) => `  let bcol${j} = b_col(batch, min(n0 + ${j}u, u.N - 1u));`)}
${pairs((i, j) => `  var acc${i}_${j} = ${T}(0);`)}
${
  split
    ? `  let d0 = ${split.d0};
  let d1 = ${split.d1};
  var kc = vec3<u32>(kBegin % d0, (kBegin / d0) % d1, kBegin / d0 / d1);`
    : '  let kc = vec3<u32>(0u);'
}
  for (var k = kBegin; k < kEnd; k = k + 1u) {${body}
${advance}
  }
${pairs((i, j) => `  store(m0 + ${wg * i}u, n0 + ${j}u, z, acc${i}_${j});`)}
}

fn store(m: u32, n: u32, z: u32, v: ${T}) {
  if (m < u.M && n < u.N) { y[(z * u.M + m) * u.N + n] = ${fusable ? 'epilogue(v, n)' : 'v'}; }
}`,
  };
}
