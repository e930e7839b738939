/**
 * softmax / logSoftmax over the last axis: a workgroup per row, with the row maximum and the sum
 * of exponentials reduced in workgroup memory. The maximum is subtracted first so exp never
 * overflows.
 */
import type { UniformSpec } from '../encoder.js';
import type { Program } from '../pipelines.js';
import { header, rowMain } from './common.js';
import { MATH_WGSL } from './math.js';

export const SOFTMAX_WG = 64;

function treeReduce(combine: string): string {
  return `  workgroupBarrier();
  for (var s = ${SOFTMAX_WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) { sm[lid] = ${combine}; }
    workgroupBarrier();
  }`;
}

export function softmaxProgram(log: boolean): Program {
  const uniforms: UniformSpec = [
    ['rows', 'u32'],
    ['d', 'u32'],
  ];
  const write = log ? 'x[base + k] - mx - log(total)' : 'exp(x[base + k] - mx) / total';
  return {
    key: `softmax:${log ? 'log' : 'plain'}`,
    uniforms,
    source: () => `${MATH_WGSL}
${header(
  [
    { name: 'y', type: 'f32', write: true },
    { name: 'x', type: 'f32' },
  ],
  uniforms,
)}
var<workgroup> sm: array<f32, ${SOFTMAX_WG}>;
${rowMain(
  SOFTMAX_WG,
  `  if (row >= u.rows) { return; }
  let base = row * u.d;
  var m = -inf_f32();
  for (var k = lid; k < u.d; k = k + ${SOFTMAX_WG}u) {
    let v = x[base + k];
    m = select(max(m, v), nan_f32(), is_nan(m) || is_nan(v));
  }
  sm[lid] = m;
${treeReduce('select(max(sm[lid], sm[lid + s]), nan_f32(), is_nan(sm[lid]) || is_nan(sm[lid + s]))')}
  let mx = sm[0];
  workgroupBarrier();
  var t = 0.0;
  for (var k = lid; k < u.d; k = k + ${SOFTMAX_WG}u) { t = t + exp(x[base + k] - mx); }
  sm[lid] = t;
${treeReduce('sm[lid] + sm[lid + s]')}
  let total = sm[0];
  for (var k = lid; k < u.d; k = k + ${SOFTMAX_WG}u) { y[base + k] = ${write}; }`,
)}`,
  };
}
