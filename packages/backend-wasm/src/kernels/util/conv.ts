/**
 * Host side of the wasm convolutions: the parameter block (CONV_PARAMS of param-layouts.ts), chunk
 * sizes that keep a chunk's patch matrix in L2, and per-thread scratch.
 */
import { backendUtil, FUSED_ACTIVATION_CODES, type Conv2dAttrs, type FusedActivation, type Shape } from '@tensile/core';
import type { WasmBackend } from '../../backend.js';
import { CONV_PARAMS } from '../../param-layouts.js';
import { lineAlign, packedBytes } from './gemm.js';
import type { PooledGrad } from './pooled-grad.js';
import { MIN_FLOPS_PER_THREAD } from './split.js';

/** Core's, shared by every backend (backendUtil). The annotation names the type through this
 *  module: the one the bundled core declarations give cannot be named in ours. */
export type ConvGeometry = backendUtil.ConvGeometry;
export const convGeometry: (xShape: Shape, filterShape: Shape, yShape: Shape, attrs: Conv2dAttrs) => ConvGeometry =
  backendUtil.convGeometry;

/** Pixels per chunk, so that a chunk's patch matrix is about 128 KiB (half of L2). */
export function chunkRows(g: ConvGeometry): number {
  return Math.max(4, Math.floor(32768 / Math.max(1, g.kk) / 4) * 4);
}

/**
 * chunkRows, shrunk (to a multiple of 4) so that where the pixels make only a few chunks, their
 * count is a multiple of the threads and no thread is left with a short last chunk: LeNet's
 * conv3 (128 pixels, chunks of 80) gets 2 of 64 instead of 80 and 48. Depends on shapes and the
 * thread count only, so results stay the same from run to run.
 */
export function evenChunkRows(g: ConvGeometry, threads: number): number {
  const max = chunkRows(g);
  const n = Math.ceil(g.pixels / max);
  if (n >= 4 * threads) return max;
  const units = Math.ceil(n / threads) * threads;
  return Math.min(max, Math.max(4, Math.ceil(g.pixels / units / 4) * 4));
}

/** Address slots x, f, y of the block are the kernel's tensors, in the roles its comment gives. */
export interface ConvPointers {
  readonly x: number;
  readonly f: number;
  readonly y: number;
  readonly bias?: number;
  readonly activation?: FusedActivation;
  readonly scratch: number;
  readonly scratchStride: number;
  readonly chunk: number;
  readonly partials?: number;
  /** The filter packed once for every share. */
  readonly packed?: number;
  /** The gradient at an average pool after the conv, in place of dy (pool-grad-rows.ts). */
  readonly pooled?: PooledGrad;
}

export function convParams(backend: WasmBackend, g: ConvGeometry, ptrs: ConvPointers): number {
  const a = g.attrs;
  return backend.params(CONV_PARAMS, {
    n: g.n,
    h: g.h,
    w: g.w,
    ci: g.ci,
    fh: g.fh,
    fw: g.fw,
    co: g.co,
    oh: g.oh,
    ow: g.ow,
    sh: a.strides[0],
    sw: a.strides[1],
    dh: a.dilations[0],
    dw: a.dilations[1],
    pt: a.pad.top,
    pl: a.pad.left,
    x: ptrs.x,
    f: ptrs.f,
    y: ptrs.y,
    bias: ptrs.bias ?? 0,
    act: FUSED_ACTIVATION_CODES[ptrs.pooled?.activation ?? ptrs.activation ?? 'linear'],
    scratch: ptrs.scratch,
    scratchStride: ptrs.scratchStride,
    chunk: ptrs.chunk,
    partials: ptrs.partials ?? 0,
    packed: ptrs.packed ?? 0,
    pdy: ptrs.pooled?.dy ?? 0,
    pfh: ptrs.pooled?.window[0] ?? 0,
    pfw: ptrs.pooled?.window[1] ?? 0,
  });
}

/**
 * Whether assembly/single-channel.ts takes this convolution: one input channel, unit width
 * stride and dilation, no padding, and an output channel count that would leave lanes of the
 * 8-wide GEMM tiles idle (LeNet's 6).
 */
export function singleChannel(g: ConvGeometry): boolean {
  const { pad, strides, dilations } = g.attrs;
  return (
    g.ci === 1 &&
    g.co % 8 !== 0 &&
    strides[1] === 1 &&
    dilations[1] === 1 &&
    pad.top === 0 &&
    pad.bottom === 0 &&
    pad.left === 0 &&
    pad.right === 0
  );
}

/** Transformed points per tile of the Winograd forward kernel (assembly/winograd.ts). */
const WINOGRAD_POINTS = 6;

/** Most bytes of one image's transformed input rows, the Winograd kernel's per-share scratch. */
const WINOGRAD_MAX_SCRATCH = 256 * 1024;

/** Bytes of one image's transformed input in assembly/winograd.ts: per point and tile, h rows and padding. */
function winogradInputBytes(g: ConvGeometry): number {
  return WINOGRAD_POINTS * Math.ceil(g.ow / 2) * (g.h * g.ci + 4) * 4;
}

/**
 * Bytes of the per-share scratch of assembly/winograd.ts (one image's transformed rows and one
 * tile block's results), or 0 where that kernel does not take the convolution: filters 5 wide,
 * unit width stride and dilation, no padding, at least 2 input channels (one-channel inputs have
 * their own kernel) and 2 output pixels per row.
 */
export function winogradScratch(g: ConvGeometry): number {
  const { pad, strides, dilations } = g.attrs;
  if (g.fw !== 5 || strides[1] !== 1 || dilations[1] !== 1 || g.ci < 2 || g.ow < 2) return 0;
  if (pad.top !== 0 || pad.bottom !== 0 || pad.left !== 0 || pad.right !== 0) return 0;
  const rows = winogradInputBytes(g);
  if (rows > WINOGRAD_MAX_SCRATCH) return 0;
  return lineAlign(rows + WINOGRAD_POINTS * 4 * 8 * 4);
}

/**
 * Bytes of the per-share scratch of the Winograd filter gradient (assembly/winograd.ts: one
 * image's transformed input rows and transformed dy), or 0 where it does not take the
 * convolution: as winogradScratch, and an even output width (tiles of dy never overlap).
 */
export function winogradFilterScratch(g: ConvGeometry): number {
  if (g.ow % 2 !== 0 || winogradScratch(g) === 0) return 0;
  const rows = winogradInputBytes(g);
  const dy = WINOGRAD_POINTS * Math.ceil(g.co / 8) * g.oh * (g.ow / 2) * 32;
  return rows + dy > WINOGRAD_MAX_SCRATCH ? 0 : lineAlign(rows + dy);
}

/** Floats of the Winograd filter gradient's sums in the transformed space: fh * ci * co per point. */
export function winogradFilterSums(g: ConvGeometry): number {
  return WINOGRAD_POINTS * g.fh * g.ci * g.co;
}

/** Bytes of the Winograd kernel's transformed filter: per point, panels of 8 channels of fh * ci rows. */
export function winogradPackedBytes(g: ConvGeometry): number {
  return WINOGRAD_POINTS * Math.ceil(g.co / 8) * g.fh * g.ci * 32;
}

/** Channels of the single-channel forward kernel's padded filter: whole groups of 3 and pairs. */
export function singleChannelPadded(co: number): number {
  return Math.ceil(co / 6) * 6;
}

/** Units per thread so that each share carries MIN_FLOPS_PER_THREAD (split.ts). */
export function minUnits(unitFlops: number): number {
  return Math.max(1, Math.ceil(MIN_FLOPS_PER_THREAD / Math.max(1, unitFlops)));
}

export { lineAlign, packedBytes };
