/**
 * A direct convolution with unit strides and dilations for llvmpipe, used for conv2d
 * (sign +1: source pixel = output pixel + tap - padding) and for conv2dBackpropInput (sign -1:
 * the source is dy, source pixel = output pixel - tap + padding, and the filter comes
 * transposed to [taps, CO, CI] so that its output channels are contiguous).
 *
 * Why not the implicit GEMM: on llvmpipe each load costs tens of cycles per lane while a
 * multiply-add costs a fraction of one (see gemm-direct.ts), so the kernel is shaped to load
 * little. Each lane owns RM neighbouring pixels of one output row and a block of output
 * channels. Per filter row it loads the RM + FW - 1 source pixels that the row's taps touch
 * (each as vec4/vec2 channel groups where the counts allow) and each filter vector once, and
 * every loaded value feeds many multiply-adds. The GEMM instead loads one patch value per
 * (pixel, tap, channel) and the filter for every two pixels.
 *
 * What is unrolled is bounded by compile time, not only by speed. llvmpipe compiles a pipeline
 * on its first dispatch, and the time grows much faster than the shader: with every tap of every
 * filter row unrolled, LeNet's two 5x5 convolutions over 6 and 16 channels compiled for longer on
 * a cold shader cache than a whole MNIST run gained from them (docs/architecture.md). So the filter rows
 * and the input channels (in chunks of one vec2/vec4, `convDirectChunk`) are loops, and only the
 * taps of one row over one chunk are unrolled; a lane's accumulators are bounded too
 * (`convDirectCob`), since their count drives the compile time most.
 */
import type { UniformSpec } from '../encoder.js';
import type { Program } from '../pipelines.js';
import { unroll, vecType, vectorWidth } from './common.js';
import { EPILOGUE_WGSL } from './gemm.js';
import { MATH_WGSL } from './math.js';

export const CONV_DIRECT_WG = 64;

export interface ConvDirectShape {
  /** +1 for conv2d, -1 for conv2dBackpropInput. */
  readonly sign: 1 | -1;
  readonly fh: number;
  readonly fw: number;
  /** Channels of the source (read) and of the output (written). */
  readonly cin: number;
  readonly cout: number;
  /** Output pixels per lane along a row, and output channels per workgroup column. */
  readonly rm: number;
  readonly cob: number;
  /** conv2d's fused bias and activation. */
  readonly fusable: boolean;
}

export const CONV_DIRECT_UNIFORMS: UniformSpec = [
  ['act', 'u32'],
  ['hasBias', 'u32'],
  ['srcH', 'u32'],
  ['srcW', 'u32'],
  ['OH', 'u32'],
  ['OW', 'u32'],
  ['xBlocks', 'u32'],
  ['lanes', 'u32'],
  ['offY', 'i32'],
  ['offX', 'i32'],
];

/** Pixels per lane: more load the filter less often, but add accumulators (see convDirectCob).
 *  4, 5 or 3, whichever pads the row least (4 on a tie): a row of 10 or 14 pixels in blocks of 4
 *  computes 2 pixels it throws away, and LeNet's 10-pixel forward convolution ran markedly
 *  faster in blocks of 5, which also compiles faster (fewer channels per lane). */
export function convDirectRm(ow: number): number {
  if (ow <= 4) return ow;
  let best = 4;
  for (const rm of [5, 3]) {
    if (Math.ceil(ow / rm) * rm - ow < Math.ceil(ow / best) * best - ow) best = rm;
  }
  return best;
}

/** Accumulated floats per lane (pixels x output channels) above which llvmpipe's compile time
 *  climbs steeply: LeNet's 16-channel forward convolution compiled several times slower with all
 *  16 channels in a lane than with 8. */
const MAX_ACC = 32;
/** Multiply-add statements in the unrolled loop body (one filter row over one channel chunk). */
export const MAX_BODY = 200;

/** Output channels per lane (and per workgroup column): all of them when few, else a block of
 *  8 or 4 (vector-aligned). */
export function convDirectCob(cout: number, rm: number): number {
  if (cout * rm <= MAX_ACC) return cout;
  return cout % 4 === 0 && 8 * rm <= MAX_ACC ? 8 : 4;
}

/** Input channels per iteration of the channel loop: one vec2 where the count allows (a vec4
 *  doubles the body for little gain), else one channel. */
export function convDirectChunk(cin: number): number {
  return cin % 2 === 0 ? 2 : 1;
}

/** Multiply-add statements in the unrolled loop body, for the caller's size limit (MAX_BODY). */
export function convDirectSize(s: Pick<ConvDirectShape, 'fw' | 'cin' | 'cout' | 'rm' | 'cob'>): number {
  const nv = s.cob / vectorWidth(s.cob, s.cout);
  return s.fw * convDirectChunk(s.cin) * nv * (s.rm + 1);
}

export function convDirectProgram(s: ConvDirectShape): Program {
  const { sign, fh, fw, cin, cout, rm, cob, fusable } = s;
  const chunk = convDirectChunk(cin);
  const xw = chunk;
  const fv = vectorWidth(cob, cout);
  const nv = cob / fv;
  // Source columns, relative to the lane's first pixel, that its taps reach: e = r + sign * kx.
  const eMin = sign === 1 ? 0 : -(fw - 1);
  const eCount = rm + fw - 1;
  const en = (e: number): string => (e < 0 ? `m${-e}` : `${e}`);
  const xs = (e: number, c: number): string => (xw === 1 ? `x${en(e)}` : `x${en(e)}[${c}]`);
  const fields = CONV_DIRECT_UNIFORMS.map(([n, t]) => `  ${n}: ${t},`).join('\n');
  const buffers = [
    '@group(0) @binding(0) var<storage, read_write> y: array<f32>;',
    `@group(0) @binding(1) var<storage, read> src: array<${vecType(xw)}>;`,
    `@group(0) @binding(2) var<storage, read> f: array<${vecType(fv)}>;`,
    ...(fusable ? ['@group(0) @binding(3) var<storage, read> bias: array<f32>;'] : []),
  ];
  // Filter [fh, fw, cin, cout]: tap (ky, kx), channel ci, output channel co.
  const taps = (kx: number): string =>
    unroll(
      chunk,
      (c) => `      {
${unroll(nv, (v) => `        let w${v} = f[(fb + ${(kx * cin + c) * cout + v * fv}u + co0) / ${fv}u];`)}
${unroll(rm, (r) => unroll(nv, (v) => `        acc${r}_${v} = acc${r}_${v} + ${xs(r + sign * kx, c)} * w${v};`))}
      }`,
    );
  return {
    key: `convDirect:${sign === 1 ? 'fwd' : 'bwd'}:${fh}x${fw}x${cin}x${cout}:${rm}x${cob}${fusable ? ':fusable' : ''}`,
    uniforms: CONV_DIRECT_UNIFORMS,
    source: () => `${MATH_WGSL}
${buffers.join('\n')}
struct Uniforms {
${fields}
};
@group(0) @binding(${buffers.length}) var<uniform> u: Uniforms;
${fusable ? EPILOGUE_WGSL : ''}

@compute @workgroup_size(${CONV_DIRECT_WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let lane = wid.x * ${CONV_DIRECT_WG}u + lid;
  let co0 = ${cob === cout ? '0u' : `wid.y * ${cob}u`};
  // Lanes past the end repeat the last one and store nothing.
  let l = min(lane, u.lanes - 1u);
  let row = l / u.xBlocks;
  let ox0 = (l % u.xBlocks) * ${rm}u;
  let bi = row / u.OH;
  let oy = row % u.OH;
${unroll(rm, (r) => unroll(nv, (v) => `  var acc${r}_${v} = ${vecType(fv)}(0.0);`))}
  for (var ky = 0u; ky < ${fh}u; ky = ky + 1u) {
    let sy = i32(oy) ${sign === 1 ? '+' : '-'} i32(ky) + u.offY;
    let rowok = sy >= 0 && sy < i32(u.srcH);
    let rb = (bi * u.srcH + u32(max(sy, 0))) * u.srcW;
${unroll(
  eCount,
  (e) => `    let sx${en(e)} = i32(ox0) + ${e} + u.offX;
    let ok${en(e)} = rowok && sx${en(e)} >= 0 && sx${en(e)} < i32(u.srcW);
    let sb${en(e)} = (rb + u32(max(sx${en(e)}, 0))) * ${cin}u;`,
  eMin,
)}
    for (var c0 = 0u; c0 < ${cin}u; c0 = c0 + ${chunk}u) {
${unroll(eCount, (e) => `      let x${en(e)} = select(${vecType(xw)}(0.0), src[(sb${en(e)} + c0) / ${xw}u], ok${en(e)});`, eMin)}
      let fb = (ky * ${fw * cin}u + c0) * ${cout}u;
${unroll(fw, taps)}
    }
  }
  let valid = lane < u.lanes;
${unroll(rm, (r) =>
  unroll(nv, (v) =>
    unroll(fv, (k) => {
      const val = fv === 1 ? `acc${r}_${v}` : `acc${r}_${v}[${k}]`;
      const co = `co0 + ${v * fv + k}u`;
      return `  if (valid && ox0 + ${r}u < u.OW && ${co} < ${cout}u) { y[(row * u.OW + ox0 + ${r}u) * ${cout}u + ${co}] = ${fusable ? `epilogue(${val}, ${co})` : val}; }`;
    }),
  ),
)}
}`,
  };
}

export function convDirectGroups(lanes: number, cout: number, cob: number): [number, number, number] {
  return [Math.ceil(lanes / CONV_DIRECT_WG), Math.ceil(cout / cob), 1];
}
