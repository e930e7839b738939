/**
 * Layout kernels move 32-bit words without looking at them, so one pipeline serves float32,
 * int32 and bool alike. Transpose and slice are strided gathers; concat is a strided scatter of
 * each input; pad, gather and oneHot have shaders of their own.
 */
import type { UniformSpec } from '../encoder.js';
import type { Program } from '../pipelines.js';
import { fields, header, linearMain, unravel } from './common.js';

export interface Strided {
  readonly dims: number[];
  readonly strides: number[];
}

/** Drops size-1 dimensions and merges neighbours that are contiguous in the strided operand, so
 *  a permutation or slice that is mostly a plain copy runs at rank 1. */
export function collapseStrided(dims: readonly number[], strides: readonly number[]): Strided {
  const out: Strided = { dims: [], strides: [] };
  for (let d = 0; d < dims.length; d++) {
    if (dims[d] === 1) continue;
    const n = out.dims.length - 1;
    if (n >= 0 && out.strides[n] === strides[d] * dims[d]) {
      out.dims[n] *= dims[d];
      out.strides[n] = strides[d];
    } else {
      out.dims.push(dims[d]);
      out.strides.push(strides[d]);
    }
  }
  return out;
}

function stridedSpec(rank: number): UniformSpec {
  return [['size', 'u32'], ['offset', 'u32'], ...fields('dim', rank), ...fields('st', rank)];
}

function stridedOffset(rank: number): string {
  const terms = Array.from({ length: rank }, (_, d) => `c${d} * u.st${d}`);
  return `${unravel('i', rank, 'c', 'dim')}\n  let s = u.offset${terms.length > 0 ? ` + ${terms.join(' + ')}` : ''};`;
}

/** y[i] = x[offset + strided(i)]: transpose (permuted strides) and slice (offset by begin). */
export function gatherStridedProgram(rank: number): Program {
  const uniforms = stridedSpec(rank);
  return {
    key: `gatherStrided:${rank}`,
    uniforms,
    source: () => `${header(
      [
        { name: 'y', type: 'u32', write: true },
        { name: 'x', type: 'u32' },
      ],
      uniforms,
    )}
${linearMain(`${stridedOffset(rank)}\n  y[i] = x[s];`)}`,
  };
}

/** y[offset + strided(i)] = x[i]: one input of a concat into its place in the output. */
export function scatterStridedProgram(rank: number): Program {
  const uniforms = stridedSpec(rank);
  return {
    key: `scatterStrided:${rank}`,
    uniforms,
    source: () => `${header(
      [
        { name: 'y', type: 'u32', write: true },
        { name: 'x', type: 'u32' },
      ],
      uniforms,
    )}
${linearMain(`${stridedOffset(rank)}\n  y[s] = x[i];`)}`,
  };
}

/** Each output element takes its input element, or the constant where it lies in the padding. */
export function padProgram(rank: number): Program {
  const uniforms: UniformSpec = [
    ['size', 'u32'],
    ['bits', 'u32'],
    ...fields('dim', rank),
    ...fields('before', rank),
    ...fields('inDim', rank),
    ...fields('st', rank),
  ];
  const checks = Array.from(
    { length: rank },
    (_, d) => `
  let p${d} = i32(c${d}) - i32(u.before${d});
  if (p${d} < 0 || p${d} >= i32(u.inDim${d})) { y[i] = u.bits; return; }
  s = s + u32(p${d}) * u.st${d};`,
  ).join('');
  return {
    key: `pad:${rank}`,
    uniforms,
    source: () => `${header(
      [
        { name: 'y', type: 'u32', write: true },
        { name: 'x', type: 'u32' },
      ],
      uniforms,
    )}
${linearMain(`${unravel('i', rank, 'c', 'dim')}
  var s = 0u;${checks}
  y[i] = x[s];`)}`,
  };
}

/** y[o, j, r] = x[o, indices[j], r]; an out-of-range index (validated on the host where the
 *  indices are known there) yields zeros rather than reading out of bounds. */
export function gatherProgram(): Program {
  const uniforms: UniformSpec = [
    ['size', 'u32'],
    ['count', 'u32'],
    ['inner', 'u32'],
    ['axisLen', 'u32'],
  ];
  return {
    key: 'gather',
    uniforms,
    source: () => `${header(
      [
        { name: 'y', type: 'u32', write: true },
        { name: 'x', type: 'u32' },
        { name: 'idx', type: 'i32' },
      ],
      uniforms,
    )}
${linearMain(`  let r = i % u.inner;
  let t = i / u.inner;
  let j = t % u.count;
  let o = t / u.count;
  let k = idx[j];
  if (k < 0 || u32(k) >= u.axisLen) { y[i] = 0u; return; }
  y[i] = x[(o * u.axisLen + u32(k)) * u.inner + r];`)}`,
  };
}

/** y[j, d] = on if indices[j] == d else off (32-bit patterns of the output dtype). */
export function oneHotProgram(): Program {
  const uniforms: UniformSpec = [
    ['size', 'u32'],
    ['depth', 'u32'],
    ['on', 'u32'],
    ['off', 'u32'],
  ];
  return {
    key: 'oneHot',
    uniforms,
    source: () => `${header(
      [
        { name: 'y', type: 'u32', write: true },
        { name: 'idx', type: 'i32' },
      ],
      uniforms,
    )}
${linearMain(`  let d = i % u.depth;
  let k = idx[i / u.depth];
  y[i] = select(u.off, u.on, k >= 0 && u32(k) == d);`)}`,
  };
}
