/**
 * conv2dBackpropInput with unit strides and dilations for llvmpipe, one whole dx row per lane.
 *
 * The gather form (conv-direct.ts with sign -1, or the implicit GEMM) walks every tap of every
 * dx pixel and multiplies zeros wherever the tap falls outside dy: with LeNet's second
 * convolution (dx 14 wide, dy 10 wide, 5x5 taps) that is half of its multiply-adds and loads.
 * Here a lane owns a dx row (W pixels) and a block of CIB of its channels. For each dy row the
 * row reaches (a loop bounded per lane, so no empty rows are visited) and each pair of dy
 * channels, it loads the dy row's OW pixels and the filter row's FW taps once, and each dy pixel
 * adds into the dx pixels its taps land on: which (pixel, tap) pairs land inside the row is
 * known when the shader is built, so the unrolled body holds only those. Lanes are ordered with
 * the image fastest, so neighbouring lanes (llvmpipe runs them as one SIMD vector) share their
 * row bounds.
 *
 * It applies where a lane's accumulators (W x CIB floats) and the unrolled body stay small:
 * llvmpipe's compile time grows steeply with both (see conv-direct.ts).
 */
import type { UniformSpec } from '../encoder.js';
import type { Program } from '../pipelines.js';
import { unroll, vecType } from './common.js';

export const CONV_INPUT_ROWS_WG = 64;
/** Accumulated floats per lane (W x CIB) above which the kernel is not used. */
export const MAX_ROW_ACC = 32;
/** Multiply-add statements in the unrolled body (one dy row over one chunk of dy channels). */
export const MAX_ROW_BODY = 200;

export interface ConvInputRowsShape {
  /** dx width and channels, dy width and channels, filter width, left padding. */
  readonly w: number;
  readonly ci: number;
  readonly ow: number;
  readonly co: number;
  readonly fw: number;
  readonly pl: number;
}

export const CONV_INPUT_ROWS_UNIFORMS: UniformSpec = [
  ['n', 'u32'],
  ['H', 'u32'],
  ['OH', 'u32'],
  ['FH', 'u32'],
  ['PT', 'i32'],
  ['lanes', 'u32'],
];

/** dx channels per lane: a vec2 where the count is even. */
export function rowsChannelBlock(ci: number): 1 | 2 {
  return ci % 2 === 0 ? 2 : 1;
}

/** dy channels per load: a vec2 where the count is even. */
function rowsSourceChunk(co: number): 1 | 2 {
  return co % 2 === 0 ? 2 : 1;
}

/** The dy pixels sx and taps kx whose dx pixel sx + kx - pl lies in [0, w). */
function landing(s: ConvInputRowsShape): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let sx = 0; sx < s.ow; sx++) {
    for (let kx = 0; kx < s.fw; kx++) {
      const ix = sx + kx - s.pl;
      if (ix >= 0 && ix < s.w) out.push([sx, kx, ix]);
    }
  }
  return out;
}

/** Whether the kernel takes this shape (its accumulators and body within the limits). */
export function convInputRowsFits(s: ConvInputRowsShape): boolean {
  return s.w * rowsChannelBlock(s.ci) <= MAX_ROW_ACC && landing(s).length * rowsSourceChunk(s.co) <= MAX_ROW_BODY;
}

export function convInputRowsProgram(s: ConvInputRowsShape): Program {
  const { w, ci, ow, co, fw, pl } = s;
  const cib = rowsChannelBlock(ci);
  const och = rowsSourceChunk(co);
  const pairs = landing(s);
  const comp = (j: number): string => (och === 1 ? '' : `[${j}]`);
  const body = unroll(och, (j) => pairs.map(([sx, kx, ix]) => `      acc${ix} = acc${ix} + s${sx}${comp(j)} * w${kx}_${j};`).join('\n'));
  return {
    key: `convInputRows:${w}x${ci}:${ow}x${co}:${fw}:${pl}`,
    uniforms: CONV_INPUT_ROWS_UNIFORMS,
    source: () => `@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read> src: array<${vecType(och)}>;
@group(0) @binding(2) var<storage, read> f: array<${vecType(cib)}>;
struct Uniforms {
${CONV_INPUT_ROWS_UNIFORMS.map(([n, t]) => `  ${n}: ${t},`).join('\n')}
};
@group(0) @binding(3) var<uniform> u: Uniforms;

@compute @workgroup_size(${CONV_INPUT_ROWS_WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let lane = wid.x * ${CONV_INPUT_ROWS_WG}u + lid;
  // Lanes past the end repeat the last one and store nothing.
  let l = min(lane, u.lanes - 1u);
  let b = l % u.n;
  let iy = l / u.n;
  let c0 = wid.y * ${cib}u;
${unroll(w, (ix) => `  var acc${ix} = ${vecType(cib)}(0.0);`)}
  // dy row sy = iy + PT - ky must lie in [0, OH).
  let top = i32(iy) + u.PT;
  let kyEnd = u32(min(top + 1, i32(u.FH)));
  for (var ky = u32(max(top - i32(u.OH) + 1, 0)); ky < kyEnd; ky = ky + 1u) {
    let rb = (b * u.OH + u32(top - i32(ky))) * ${ow * co}u;
    // The filter as [FH, FW, CO, CI]: dx's channels contiguous.
    let fb = ky * ${fw * co * ci}u + c0;
    for (var o = 0u; o < ${co}u; o = o + ${och}u) {
${unroll(ow, (sx) => `      let s${sx} = src[(rb + ${sx * co}u + o) / ${och}u];`)}
${unroll(fw, (kx) => unroll(och, (j) => `      let w${kx}_${j} = f[(fb + (${kx * co}u + o + ${j}u) * ${ci}u) / ${cib}u];`))}
${body}
    }
  }
  if (lane >= u.lanes) { return; }
  let yb = (b * u.H + iy) * ${w * ci}u + c0;
${unroll(w, (ix) =>
  unroll(cib, (k) => {
    const val = cib === 1 ? `acc${ix}` : `acc${ix}[${k}]`;
    // cib divides ci (rowsChannelBlock), so every block's channels exist.
    return `  y[yb + ${ix * ci + k}u] = ${val};`;
  }),
)}
}`,
  };
}

export function convInputRowsGroups(lanes: number, ci: number): [number, number, number] {
  return [Math.ceil(lanes / CONV_INPUT_ROWS_WG), Math.ceil(ci / rowsChannelBlock(ci)), 1];
}
