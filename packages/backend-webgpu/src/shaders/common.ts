/**
 * Pieces every WGSL generator uses: binding declarations, the uniform struct, and the linear
 * entry point. Conventions: storage buffers take bindings 0..n-1 in the order a kernel passes
 * them, the uniform struct `u` comes last; every declared binding must be used by the shader,
 * because pipelines use `layout: 'auto'`, which drops unused ones.
 */
import type { DType } from '@tensile/core';
import type { UniformSpec } from '../encoder.js';

export type ScalarType = 'f32' | 'i32' | 'u32';

/** How a dtype is stored on the GPU: WGSL has no 8-bit storage, so bool takes a u32 per element. */
export function storageType(dtype: DType): ScalarType {
  return dtype === 'float32' ? 'f32' : dtype === 'int32' ? 'i32' : 'u32';
}

export interface BufferDecl {
  readonly name: string;
  readonly type: ScalarType;
  /** Written by the shader (outputs, in-place state). */
  readonly write?: boolean;
  /** Declared as array<atomic<...>>. */
  readonly atomic?: boolean;
}

/** Binding declarations plus the uniform struct `u` (which always has at least one field). */
export function header(buffers: readonly BufferDecl[], uniforms: UniformSpec): string {
  const lines = buffers.map((b, i) => {
    const elem = b.atomic === true ? `atomic<${b.type}>` : b.type;
    return `@group(0) @binding(${i}) var<storage, ${b.write === true ? 'read_write' : 'read'}> ${b.name}: array<${elem}>;`;
  });
  const fields = uniforms.map(([name, type]) => `  ${name}: ${type},`).join('\n');
  lines.push(`struct Uniforms {\n${fields}\n};`);
  lines.push(`@group(0) @binding(${buffers.length}) var<uniform> u: Uniforms;`);
  return lines.join('\n');
}

export const LINEAR_WG = 64;
/** Most workgroups along one dispatch dimension that every WebGPU device accepts. */
export const MAX_GROUPS = 65535;

/** An entry point running `body` once per index `i` in [0, u.size), over a 2-D dispatch so that
 *  more than 65535 workgroups' worth of elements fit. */
export function linearMain(body: string, wg = LINEAR_WG): string {
  return `@compute @workgroup_size(${wg})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${wg}u;
  if (i >= u.size) { return; }
${body}
}`;
}

/** An entry point with one workgroup per index `row` in [0, u.rows), over a 2-D dispatch. */
export function rowMain(wg: number, body: string): string {
  return `@compute @workgroup_size(${wg})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let row = wid.x + wid.y * nwg.x;
${body}
}`;
}

/** Workgroup counts covering `count` workgroups within the per-dimension limit. */
export function spread(count: number): [number, number, number] {
  if (count <= MAX_GROUPS) return [Math.max(1, count), 1, 1];
  const y = Math.ceil(count / MAX_GROUPS);
  return [Math.ceil(count / y), y, 1];
}

/** Workgroup counts for `linearMain` over `size` elements. */
export function linearGroups(size: number, wg = LINEAR_WG): [number, number, number] {
  return spread(Math.ceil(size / wg));
}

/** Uniform fields `${prefix}0..${prefix}{n-1}` of one type (shapes and strides, one per dimension). */
export function fields(prefix: string, n: number, type: 'u32' | 'i32' = 'u32'): [string, 'u32' | 'i32'][] {
  return Array.from({ length: n }, (_, i): [string, 'u32' | 'i32'] => [`${prefix}${i}`, type]);
}

/** WGSL that splits linear index `idx` (a u32 expression) into coordinates `${prefix}0..` of a
 *  shape held in uniforms `u.${shapePrefix}0..`; declares `var rem`. */
export function unravel(idx: string, rank: number, prefix: string, shapePrefix: string): string {
  if (rank === 0) return '';
  const lines = [`  var ${prefix}rem = ${idx};`];
  for (let d = rank - 1; d >= 1; d--) {
    lines.push(`  let ${prefix}${d} = ${prefix}rem % u.${shapePrefix}${d};`);
    lines.push(`  ${prefix}rem = ${prefix}rem / u.${shapePrefix}${d};`);
  }
  lines.push(`  let ${prefix}0 = ${prefix}rem;`);
  return lines.join('\n');
}

/** Reinterprets a number as the u32 bit pattern its dtype stores (for dtype-agnostic copies). */
export function bitsOf(value: number, dtype: DType): number {
  if (dtype === 'bool') return value !== 0 ? 1 : 0;
  if (dtype === 'int32') return (value | 0) >>> 0; // ToInt32, as an Int32Array store
  const f = new Float32Array([value]);
  return new Uint32Array(f.buffer)[0];
}

/** `f(i)` for i in [from, from + n), joined by newlines: the unrolled form of a loop. */
export function unroll(n: number, f: (i: number) => string, from = 0): string {
  return Array.from({ length: n }, (_, i) => f(i + from)).join('\n');
}

/** Widest vector that tiles `block` channels starting at multiples of `block` in a row of `total`. */
export function vectorWidth(block: number, total: number): 1 | 2 | 4 {
  if (block % 4 === 0 && total % 4 === 0) return 4;
  if (block % 2 === 0 && total % 2 === 0) return 2;
  return 1;
}

/** The WGSL type of `w` f32 lanes. */
export function vecType(w: number): string {
  return w === 1 ? 'f32' : `vec${w}<f32>`;
}
