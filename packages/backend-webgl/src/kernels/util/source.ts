/**
 * Pieces of gpu.js kernel sources. A kernel computes one output element at the flat index
 * `this.thread.x`; every tensor is bound as a flat 1-D array; index arithmetic is in floats,
 * exact for the integers below 2^24 a tensor can index, with quotients taken as
 * floor((i + 0.5) / d) so that an inexact division never lands on the wrong side of an integer.
 */

/** `function(inputs..., scalars...) { body }`. */
export function kernelSource(inputs: readonly string[], scalars: readonly string[], body: string): string {
  return `function(${[...inputs, ...scalars].join(', ')}) {\n${body}\n}`;
}

/** Names `${prefix}0 .. ${prefix}${n-1}`. */
export function names(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

/**
 * Declares coordinates `${c}0..${c}${rank-1}` of the flat float index `idx` in a row-major
 * array whose dimensions are the scalars `${dim}0..`. `tmp` names the running quotient.
 */
export function unravel(idx: string, rank: number, c: string, dim: string, tmp = `${c}_r`): string {
  if (rank === 0) return '';
  const lines = [`let ${tmp} = ${idx};`];
  for (let d = rank - 1; d >= 1; d--) {
    lines.push(`const ${c}${d} = ${tmp} - Math.floor((${tmp} + 0.5) / ${dim}${d}) * ${dim}${d};`);
    lines.push(`${tmp} = Math.floor((${tmp} + 0.5) / ${dim}${d});`);
  }
  lines.push(`const ${c}0 = ${tmp};`);
  return lines.join('\n');
}

/** The flat output index as a float. */
export const OUT_INDEX = 'let i = this.thread.x + 0.0;';

/** Row-major strides of `shape`. */
export function stridesOf(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) st[d] = st[d + 1] * shape[d + 1];
  return st;
}

/** The float quotient idiom, for `a / b` of non-negative integers held as floats. */
export function idiv(a: string, b: string): string {
  return `Math.floor((${a} + 0.5) / ${b})`;
}
