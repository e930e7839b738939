/**
 * conv2dBackpropFilter for llvmpipe: lanes run over output rows (the GEMM's long K)
 * instead of over filter taps, and each lane keeps a whole block of the filter gradient in
 * registers, writing its partial sums to a slab of its own; `sumSlabsProgram` then adds the slabs.
 *
 * Why: on llvmpipe a load costs tens of cycles per lane (each lane's address is fetched on its
 * own) while a multiply-add costs a fraction of one, so what counts is multiply-adds per load.
 * The implicit GEMM (M = taps x CI, N = CO, K = pixels) loads one x and CO dy values per k for
 * CO multiply-adds; here a pixel's CO dy values (as vec4/vec2 where the channels allow) and a
 * block's x values feed every (tap, ci, co) of the block. The channel counts and the filter size
 * are compiled in (one pipeline per filter shape) so that the block unrolls into named registers.
 */
import type { UniformSpec } from '../encoder.js';
import type { Program } from '../pipelines.js';
import { unroll, vecType, vectorWidth } from './common.js';

/** Accumulators per lane across channels, and across taps as well. More taps or channels per
 *  block load dy less often, but llvmpipe compiles a pipeline on its first dispatch and the time
 *  climbs steeply with the accumulators a lane keeps: blocks of 3 taps x 6 x 16 channels made
 *  LeNet's C3 filter gradient compile for tens of seconds on a cold shader cache, blocks of 32
 *  accumulators in well under one, for a few milliseconds more per step. */
const MAX_ACC = 32;
const MAX_ACC_TAPS = 32;
export const FILTER_GRAD_WG = 64;

export interface FilterGradBlock {
  readonly fh: number;
  readonly fw: number;
  readonly ci: number;
  readonly co: number;
  /** Taps, input channels and output channels per block. */
  readonly tb: number;
  readonly cib: number;
  readonly cob: number;
}

export function filterGradBlock(fh: number, fw: number, ci: number, co: number): FilterGradBlock {
  const cob = co * Math.min(ci, 4) <= MAX_ACC ? co : Math.max(4, Math.floor(MAX_ACC / 4 / 4) * 4);
  const cib = Math.max(1, Math.min(ci, Math.floor(MAX_ACC / cob)));
  const tb = Math.max(1, Math.min(fh * fw, Math.floor(MAX_ACC_TAPS / (cib * cob))));
  return { fh, fw, ci, co, tb, cib, cob };
}

/** Blocks along (taps, ci, co): the dispatch's y extent. */
export function filterGradGroups(b: FilterGradBlock): number {
  return Math.ceil((b.fh * b.fw) / b.tb) * Math.ceil(b.ci / b.cib) * Math.ceil(b.co / b.cob);
}

export const FILTER_GRAD_UNIFORMS: UniformSpec = [
  ['H', 'u32'],
  ['W', 'u32'],
  ['OH', 'u32'],
  ['OW', 'u32'],
  ['rows', 'u32'],
  ['lanes', 'u32'],
  ['SH', 'u32'],
  ['SW', 'u32'],
  ['DH', 'u32'],
  ['DW', 'u32'],
  ['PT', 'i32'],
  ['PL', 'i32'],
];

export function filterGradProgram(b: FilterGradBlock): Program {
  const { fh, fw, ci, co, tb, cib, cob } = b;
  const T = fh * fw;
  const xw = vectorWidth(cib, ci);
  const dw = vectorWidth(cob, co);
  const nx = cib / xw;
  const nd = cob / dw;
  const out = T * ci * co;
  const nCob = Math.ceil(co / cob);
  const nCib = Math.ceil(ci / cib);
  const fields = FILTER_GRAD_UNIFORMS.map(([n, t]) => `  ${n}: ${t},`).join('\n');
  // acc{j}_{c}_{v}: tap j of the block, input channel c, output-channel vector v.
  const perTap = (j: number): string => `
      {
        let ix = i32(ox * u.SW) + cx${j};
        let ok = rowok${j} && ix >= 0 && ix < i32(u.W);
        let xb = (xrow${j} + u32(max(ix, 0))) * ${ci}u + ci0;
${unroll(nx, (c) => `        let xv${c} = select(${vecType(xw)}(0.0), x[(xb + ${c * xw}u) / ${xw}u], ok);`)}
${unroll(cib, (c) => unroll(nd, (v) => `        acc${j}_${c}_${v} = acc${j}_${c}_${v} + ${xw === 1 ? `xv${c}` : `xv${Math.floor(c / xw)}[${c % xw}]`} * d${v};`))}
      }`;
  return {
    key: `conv2dBackpropFilter:lanes:${fh}x${fw}x${ci}x${co}:${tb}x${cib}x${cob}`,
    uniforms: FILTER_GRAD_UNIFORMS,
    source: () => `@group(0) @binding(0) var<storage, read_write> slabs: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<${vecType(xw)}>;
@group(0) @binding(2) var<storage, read> dy: array<${vecType(dw)}>;
struct Uniforms {
${fields}
};
@group(0) @binding(3) var<uniform> u: Uniforms;

@compute @workgroup_size(${FILTER_GRAD_WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let lane = wid.x * ${FILTER_GRAD_WG}u + lid;
  let cob = wid.y % ${nCob}u;
  let cib = (wid.y / ${nCob}u) % ${nCib}u;
  let tap0 = (wid.y / ${nCob * nCib}u) * ${tb}u;
  let co0 = cob * ${cob}u;
  let ci0 = cib * ${cib}u;
  // Taps past the last one (a partial block) repeat it and are never stored.
${unroll(
  tb,
  (j) => `  let t${j} = min(tap0 + ${j}u, ${T - 1}u);
  let cy${j} = i32((t${j} / ${fw}u) * u.DH) - u.PT;
  let cx${j} = i32((t${j} % ${fw}u) * u.DW) - u.PL;`,
)}
${unroll(tb, (j) => unroll(cib, (c) => unroll(nd, (v) => `  var acc${j}_${c}_${v} = ${vecType(dw)}(0.0);`)))}
  for (var r = lane; r < u.rows; r = r + u.lanes) {
    let bi = r / u.OH;
    let oy = r % u.OH;
${unroll(
  tb,
  (j) => `    let iy${j} = i32(oy * u.SH) + cy${j};
    let rowok${j} = iy${j} >= 0 && iy${j} < i32(u.H);
    let xrow${j} = (bi * u.H + u32(max(iy${j}, 0))) * u.W;`,
)}
    for (var ox = 0u; ox < u.OW; ox = ox + 1u) {
      let db = (r * u.OW + ox) * ${co}u + co0;
${unroll(nd, (v) => `      let d${v} = dy[(db + ${v * dw}u) / ${dw}u];`)}
${unroll(tb, perTap)}
    }
  }
  let base = lane * ${out}u;
${unroll(tb, (j) =>
  unroll(cib, (c) =>
    unroll(nd, (v) =>
      unroll(dw, (e) => {
        const val = dw === 1 ? `acc${j}_${c}_${v}` : `acc${j}_${c}_${v}[${e}]`;
        return `  if (tap0 + ${j}u < ${T}u && ci0 + ${c}u < ${ci}u && co0 + ${v * dw + e}u < ${co}u) { slabs[base + ((tap0 + ${j}u) * ${ci}u + ci0 + ${c}u) * ${co}u + co0 + ${v * dw + e}u] = ${val}; }`;
      }),
    ),
  ),
)}
}`,
  };
}
