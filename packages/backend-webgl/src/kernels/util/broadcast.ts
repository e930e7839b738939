/**
 * Broadcasting collapsed to as few dimensions as possible (size-1 output dimensions dropped,
 * neighbours every operand walks the same way merged), so the rank, not the shape, goes into
 * the kernel key. The same method as the webgpu backend's elementwise generator.
 */
import type { Shape } from '@tensile/core';
import { names, unravel } from './source.js';

export interface Collapsed {
  /** Output dimensions after collapsing; empty when every operand has the output's shape. */
  readonly shape: number[];
  /** Per operand, its element stride along each collapsed dimension (0 where broadcast). */
  readonly strides: number[][];
}

export function collapseBroadcast(out: Shape, inputs: readonly Shape[]): Collapsed {
  if (inputs.every((s) => s.length === out.length && s.every((d, i) => d === out[i]))) return { shape: [], strides: inputs.map(() => []) };
  const rank = out.length;
  const full = inputs.map((s) => {
    const st = new Array<number>(rank).fill(0);
    let acc = 1;
    for (let i = s.length - 1; i >= 0; i--) {
      st[i + rank - s.length] = s[i] === 1 ? 0 : acc;
      acc *= s[i];
    }
    return st;
  });
  const shape: number[] = [];
  const strides: number[][] = inputs.map(() => []);
  for (let d = 0; d < rank; d++) {
    if (out[d] === 1) continue;
    const n = shape.length - 1;
    if (n >= 0 && full.every((st, k) => strides[k][n] === st[d] * out[d])) {
      shape[n] *= out[d];
      full.forEach((st, k) => (strides[k][n] = st[d]));
    } else {
      shape.push(out[d]);
      full.forEach((st, k) => strides[k].push(st[d]));
    }
  }
  return { shape, strides };
}

/** Scalar parameter names for a collapsed broadcast of `operands` at `rank`. */
export function broadcastScalars(rank: number, operands: readonly string[]): string[] {
  return [...names('dim', rank), ...operands.flatMap((o) => names(`${o}_st`, rank))];
}

/** Scalar values matching `broadcastScalars`. */
export function broadcastValues(c: Collapsed): number[] {
  return [...c.shape, ...c.strides.flat()];
}

/** JS lines declaring `${o}_idx` for each operand from the output index `i`. */
export function broadcastIndexing(rank: number, operands: readonly string[]): string {
  if (rank === 0) return operands.map((o) => `const ${o}_idx = i;`).join('\n');
  const lines = [unravel('i', rank, 'c', 'dim')];
  for (const o of operands)
    lines.push(
      `const ${o}_idx = ${names('c', rank)
        .map((c, d) => `${c} * ${o}_st${d}`)
        .join(' + ')};`,
    );
  return lines.join('\n');
}
