/**
 * Reductions over the middle axis of x viewed as [outer, R, inner] (the kernel permutes other
 * axis sets into that form first). Long reductions get a workgroup per output with a tree in
 * workgroup memory; short ones a thread per output.
 *
 * argMax/argMin follow the CPU reference exactly: the first extreme wins ties, and a NaN wins
 * only at index 0 (the reference starts from x[0] and a NaN never compares greater).
 */
import type { DType, ReduceOp } from '@tensile/core';
import type { UniformSpec } from '../encoder.js';
import type { Program } from '../pipelines.js';
import { header, linearMain, rowMain, storageType, type ScalarType } from './common.js';
import { MATH_WGSL } from './math.js';

export const REDUCE_WG = 64;
const NONE = '0xffffffffu';

interface OpCode {
  /** Accumulator (and comparison) type. */
  readonly acc: ScalarType;
  readonly init: string;
  /** acc = combine(acc, v): a WGSL expression in `a` and `b`. */
  readonly combine: string;
  /** Value stored from the final accumulator `a`. */
  readonly final: string;
}

function opCode(op: ReduceOp, inType: DType): OpCode {
  const t = storageType(inType);
  const float = t === 'f32';
  switch (op) {
    case 'sum':
      return { acc: t, init: `${t}(0)`, combine: 'a + b', final: 'a' };
    case 'mean':
      return { acc: 'f32', init: '0.0', combine: 'a + b', final: 'a / f32(u.R)' };
    case 'prod':
      return { acc: t, init: `${t}(1)`, combine: 'a * b', final: 'a' };
    case 'max':
      return float
        ? { acc: t, init: '-inf_f32()', combine: 'select(max(a, b), nan_f32(), is_nan(a) || is_nan(b))', final: 'a' }
        : { acc: t, init: 'i32(-2147483648)', combine: 'max(a, b)', final: 'a' };
    case 'min':
      return float
        ? { acc: t, init: 'inf_f32()', combine: 'select(min(a, b), nan_f32(), is_nan(a) || is_nan(b))', final: 'a' }
        : { acc: t, init: 'i32(2147483647)', combine: 'min(a, b)', final: 'a' };
    case 'argMax':
    case 'argMin':
      return { acc: float ? 'f32' : 'i32', init: float ? '0.0' : '0', combine: '', final: 'i32(bi)' };
  }
}

/** `beats(v, i, bv, bi)`: whether candidate (value v at index i) replaces the best so far. */
function beatsFn(acc: ScalarType, max: boolean): string {
  const nan = acc === 'f32';
  return `
fn beats(v: ${acc}, i: u32, bv: ${acc}, bi: u32) -> bool {
  if (i == ${NONE}) { return false; }
  if (bi == ${NONE}) { return true; }
${
  nan
    ? `  let nv = is_nan(v);
  let nb = is_nan(bv);
  if (nv && i == 0u) { return true; }
  if (nb && bi == 0u) { return false; }
  if (nv) { return false; }
  if (nb) { return true; }`
    : ''
}
  if (v ${max ? '>' : '<'} bv) { return true; }
  return v == bv && i < bi;
}`;
}

export type ReduceVariant = 'workgroup' | 'thread';

/** Uniforms: output count `size`, reduced length `R`, and `inner`. */
export function reduceProgram(op: ReduceOp, inType: DType, outType: DType, variant: ReduceVariant): Program {
  const t = storageType(inType);
  const code = opCode(op, inType);
  const arg = op === 'argMax' || op === 'argMin';
  const A = code.acc;
  const uniforms: UniformSpec = [
    ['size', 'u32'],
    ['R', 'u32'],
    ['inner', 'u32'],
  ];
  const load = (idx: string): string => (A === t ? `x[${idx}]` : `${A}(x[${idx}])`);
  const buffers = header(
    [
      { name: 'y', type: storageType(outType), write: true },
      { name: 'x', type: t },
    ],
    uniforms,
  );
  const base = '  let base = (o / u.inner) * u.R * u.inner + o % u.inner;';
  const step = (first: string, stride: string): string =>
    arg
      ? `  var bv = ${code.init};
  var bi = ${NONE};
  for (var r = ${first}; r < u.R; r = r + ${stride}) {
    let v = ${load('base + r * u.inner')};
    if (beats(v, r, bv, bi)) { bv = v; bi = r; }
  }`
      : `  var a = ${code.init};
  for (var r = ${first}; r < u.R; r = r + ${stride}) {
    let b = ${load('base + r * u.inner')};
    a = ${code.combine};
  }`;
  const helpers = `${MATH_WGSL}${arg ? beatsFn(A, op === 'argMax') : ''}`;
  if (variant === 'thread') {
    return {
      key: `reduce:${op}:${t}:thread`,
      uniforms,
      source: () => `${helpers}
${buffers}
${linearMain(`  let o = i;\n${base}\n${step('0u', '1u')}\n  y[o] = ${code.final};`)}`,
    };
  }
  const tree = arg
    ? `  sv[lid] = bv;
  si[lid] = bi;
  workgroupBarrier();
  for (var s = ${REDUCE_WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s && beats(sv[lid + s], si[lid + s], sv[lid], si[lid])) {
      sv[lid] = sv[lid + s];
      si[lid] = si[lid + s];
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    let bi = si[0];
    y[o] = ${code.final};
  }`
    : `  sv[lid] = a;
  workgroupBarrier();
  for (var s = ${REDUCE_WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) {
      let a = sv[lid];
      let b = sv[lid + s];
      sv[lid] = ${code.combine};
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    let a = sv[0];
    y[o] = ${code.final};
  }`;
  return {
    key: `reduce:${op}:${t}:workgroup`,
    uniforms,
    source: () => `${helpers}
${buffers}
var<workgroup> sv: array<${A}, ${REDUCE_WG}>;
${arg ? `var<workgroup> si: array<u32, ${REDUCE_WG}>;` : ''}
${rowMain(
  REDUCE_WG,
  `  let o = row;
  if (o >= u.size) { return; }
${base}
${step('lid', `${REDUCE_WG}u`)}
${tree}`,
)}`,
  };
}
