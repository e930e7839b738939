/**
 * The tuning profile: which kernel paths the backend takes on this adapter. It is resolved once,
 * in `init()`, from what the adapter says it is, with the caller's overrides on top
 * (`createWebGpuBackend({profile: {...}})`), and kernels read only `backend.profile`. Every
 * choice that depends on which adapter runs the code (anything naming llvmpipe or SwiftShader)
 * lives here and nowhere else.
 *
 * Why adapters differ: a CPU rasterizer (llvmpipe, SwiftShader) runs a workgroup's invocations
 * as SIMD lanes and implements a barrier by switching between every vector of the workgroup, so
 * the workgroup-tiled GEMM that real GPUs want loses to a barrier-free one there. llvmpipe
 * further rewards unrolled kernels (a load at a constant index is nearly free, one in a loop is
 * not) and compiles their long shaders in seconds; SwiftShader compiles the same shaders for
 * minutes (its browser conformance run went from 31 to 66 s with four GEMM rows per lane alone),
 * so it keeps the GEMM paths.
 */
import { ArgumentError } from '@tensile/core';

export type GemmKind = 'tiled' | 'direct';

export interface WebGpuProfile {
  /** The GEMM behind matMul and every convolution no other field takes over: 'tiled'
   *  (workgroup memory and barriers, for GPUs; shaders/gemm.ts) or 'direct' (no barriers, a
   *  register block per invocation, for CPU rasterizers; shaders/gemm-direct.ts). */
  readonly gemm: GemmKind;
  /** Output rows each invocation of the direct GEMM accumulates once M >= 64: 4 (a workgroup
   *  of 16 lanes x 4 rows, fewer loads per multiply-add but longer to compile) or 2 (64 lanes
   *  x 2 rows; 4 only for N >= 64 and M >= 512). Unused by the tiled GEMM. */
  readonly directRows: 2 | 4;
  /** Stride-1 conv2d runs the unrolled direct convolution (shaders/conv-direct.ts) instead of
   *  the GEMM, where a filter row fits its loop body; stride-1 conv2dBackpropInput runs one dx
   *  row per lane (shaders/conv-input-rows.ts) where the row and its body are small enough, else
   *  the direct convolution into fewer than 4 channels. */
  readonly directConv: boolean;
  /** conv2dBackpropFilter runs lanes over output rows, each keeping a block of the filter
   *  gradient in registers (shaders/conv-filter-grad.ts), instead of the split-K GEMM. */
  readonly filterGradOverRows: boolean;
  /** Reads sleep for most of what the last read after the same dispatches took before they
   *  map (read-pacer.ts): Dawn's Node binding keeps the JS thread busy while a map is pending,
   *  which takes a core from a CPU rasterizer. */
  readonly paceReads: boolean;
}

/** Overrides for `createWebGpuBackend({profile})`: any field, the rest from the adapter. */
export type WebGpuProfileOptions = { readonly [F in keyof WebGpuProfile]?: WebGpuProfile[F] };

/** What decides the profile: llvmpipe (Mesa's CPU rasterizer, also called lavapipe), another
 *  software adapter (SwiftShader, or any that says it is a fallback), or a GPU. */
export type AdapterFamily = 'llvmpipe' | 'software' | 'gpu';

/** What the adapter says about itself: its joined info strings, `info.architecture`, and
 *  whether it reports being a fallback adapter. */
export interface AdapterFacts {
  readonly name: string;
  readonly architecture: string;
  readonly fallback: boolean;
}

export function adapterFamily(facts: AdapterFacts): AdapterFamily {
  if (/llvmpipe|lavapipe/i.test(facts.name)) return 'llvmpipe';
  if (facts.fallback || facts.architecture === 'software' || /swiftshader/i.test(facts.name)) return 'software';
  return 'gpu';
}

/** The profile an adapter family gets with no overrides; `inNode`: Dawn in Node, whose binding
 *  is what makes pacing pay. */
export function familyProfile(family: AdapterFamily, inNode: boolean): WebGpuProfile {
  const software = family !== 'gpu';
  return {
    gemm: software ? 'direct' : 'tiled',
    directRows: family === 'llvmpipe' ? 4 : 2,
    directConv: family === 'llvmpipe',
    filterGradOverRows: family === 'llvmpipe',
    paceReads: software && inNode,
  };
}

export function resolveProfile(facts: AdapterFacts, inNode: boolean, overrides: WebGpuProfileOptions = {}): WebGpuProfile {
  return { ...familyProfile(adapterFamily(facts), inNode), ...overrides };
}

const CHOICES: { readonly [F in keyof WebGpuProfile]: readonly WebGpuProfile[F][] } = {
  gemm: ['tiled', 'direct'],
  directRows: [2, 4],
  directConv: [true, false],
  filterGradOverRows: [true, false],
  paceReads: [true, false],
};

function isField(key: string): key is keyof WebGpuProfile {
  return Object.hasOwn(CHOICES, key);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** Checks `createWebGpuBackend`'s `profile` option: an object whose keys are profile fields and
 *  whose values are among each field's choices. Throws ArgumentError naming what is wrong. */
export function checkProfileOptions(value: unknown): WebGpuProfileOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ArgumentError(
      `createWebGpuBackend: profile must be an object of profile fields (${Object.keys(CHOICES).join(', ')}), got ${shown(value)}`,
    );
  }
  const out: MutableOptions = {};
  for (const [key, given] of Object.entries(value)) {
    if (!isField(key)) {
      throw new ArgumentError(`createWebGpuBackend: unknown profile field '${key}'; the fields are ${Object.keys(CHOICES).join(', ')}`);
    }
    if (given !== undefined && !setChoice(out, key, given)) {
      const choices: readonly unknown[] = CHOICES[key];
      throw new ArgumentError(`createWebGpuBackend: profile.${key} must be ${choices.map(shown).join(' or ')}, got ${shown(given)}`);
    }
  }
  return out;
}

type MutableOptions = { -readonly [F in keyof WebGpuProfile]?: WebGpuProfile[F] };

function setChoice<F extends keyof WebGpuProfile>(out: MutableOptions, key: F, given: unknown): boolean {
  const choice = CHOICES[key].find((c) => c === given);
  if (choice === undefined) return false;
  out[key] = choice;
  return true;
}
