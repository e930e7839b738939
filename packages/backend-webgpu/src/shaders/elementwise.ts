/**
 * Generators for elementwise kernels: unary, binary (broadcasting), select, cast, fill.
 * Broadcasting shapes are collapsed first (size-1 dimensions dropped, neighbours that every
 * operand walks the same way merged), so most calls become rank 0 ("same shape") or rank 1-2,
 * and the rank, not the shape, goes into the pipeline key.
 */
import {
  DTypeError,
  isComparisonOp,
  isInt32UnaryOp,
  type ArithmeticOp,
  type BinaryOp,
  type ComparisonOp,
  type DType,
  type FloatUnaryOp,
  type Int32UnaryOp,
  type Shape,
  type UnaryOp,
} from '@tensile/core';
import type { UniformSpec } from '../encoder.js';
import type { Program } from '../pipelines.js';
import { fields, header, linearMain, storageType, unravel, type ScalarType } from './common.js';
import { MATH_WGSL } from './math.js';

export interface Collapsed {
  /** Output dimensions after collapsing; empty when every operand has the output's shape. */
  readonly shape: number[];
  /** Per operand, its element stride along each collapsed dimension (0 where broadcast). */
  readonly strides: number[][];
}

/** Collapses a broadcast of `inputs` to `out` into as few dimensions as possible. */
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

/**
 * How each operand of a collapsed broadcast is read: 'i' where it has the output's layout (its
 * index is the output's), '0' where it is one value everywhere (index 0), 's' otherwise (strides
 * from the uniforms). It goes into the pipeline key: a CPU rasterizer turns a load at a per-lane
 * computed index into a gather, and x * scalar ran four times slower than x + x on llvmpipe.
 */
export type OperandAccess = 'i' | '0' | 's';

export function operandAccess(c: Collapsed): OperandAccess[] {
  const contiguous: number[] = [];
  let acc = 1;
  for (let d = c.shape.length - 1; d >= 0; d--) {
    contiguous[d] = acc;
    acc *= c.shape[d];
  }
  return c.strides.map((st) => {
    if (st.every((v, d) => v === contiguous[d])) return 'i';
    if (st.every((v) => v === 0)) return '0';
    return 's';
  });
}

/** Uniforms and WGSL for operand offsets: `${name}_idx` for each operand under a collapsed broadcast. */
function broadcastIndexing(rank: number, names: readonly string[], access: readonly OperandAccess[]): { spec: UniformSpec; code: string } {
  if (rank === 0) return { spec: [['size', 'u32']], code: names.map((n) => `  let ${n}_idx = i;`).join('\n') };
  // The uniforms are the same whatever the access, so broadcastUniforms serves every program.
  const spec: [string, 'u32' | 'i32'][] = [['size', 'u32'], ...fields('dim', rank)];
  names.forEach((n) => spec.push(...fields(`${n}_st`, rank)));
  const lines = access.includes('s') ? [unravel('i', rank, 'c', 'dim')] : [];
  names.forEach((n, k) => {
    if (access[k] === 'i') lines.push(`  let ${n}_idx = i;`);
    else if (access[k] === '0') lines.push(`  let ${n}_idx = 0u;`);
    else lines.push(`  let ${n}_idx = ${Array.from({ length: rank }, (_, d) => `c${d} * u.${n}_st${d}`).join(' + ')};`);
  });
  return { spec, code: lines.join('\n') };
}

/** Uniform values matching `broadcastIndexing`. */
export function broadcastUniforms(size: number, c: Collapsed): number[] {
  return [size, ...c.shape, ...c.strides.flat()];
}

// The WGSL expression of each unary op in `v`, per input type. Each table is a complete record over
// the ops core admits for that type, so a new op does not compile until it has an expression.
const FLOAT_UNARY: Readonly<Record<FloatUnaryOp, string>> = {
  neg: '-v',
  abs: 'abs(v)',
  exp: 'exp(v)',
  expm1: 'expm1_(v)',
  log: 'log(v)',
  log1p: 'log1p_(v)',
  sqrt: 'sqrt(v)',
  rsqrt: '1.0 / sqrt(v)',
  square: 'v * v',
  reciprocal: '1.0 / v',
  tanh: 'tanh_(v)',
  sigmoid: 'sigmoid_(v)',
  softplus: 'softplus_(v)',
  relu: 'select(v, 0.0, v < 0.0)',
  relu6: 'select(select(v, 6.0, v > 6.0), 0.0, v < 0.0)',
  elu: 'select(expm1_(v), v, v > 0.0)',
  selu: '1.0507009873554805 * select(1.6732632423543772 * expm1_(v), v, v > 0.0)',
  leakyRelu: 'select(u.alpha * v, v, v > 0.0)',
  gelu: 'gelu_(v)',
  sign: 'sign(v)',
  floor: 'floor(v)',
  ceil: 'ceil(v)',
  round: 'round(v)',
  sin: 'sin_(v)',
  cos: 'cos_(v)',
};
const INT_UNARY: Readonly<Record<Int32UnaryOp, string>> = {
  neg: '-v',
  abs: 'abs(v)',
  square: 'v * v',
  sign: 'sign(v)',
  relu: 'max(v, 0)',
  floor: 'v',
  ceil: 'v',
  round: 'v',
};

function unaryExpr(op: UnaryOp, t: ScalarType): string {
  // logicalNot takes bool, stored as u32.
  if (op === 'logicalNot') return `select(0u, 1u, v == ${t}(0))`;
  if (t === 'f32') return FLOAT_UNARY[op];
  if (!isInt32UnaryOp(op)) throw new DTypeError(`unary(${op}): input must be float32, got int32`);
  return INT_UNARY[op];
}

export function unaryProgram(op: UnaryOp, inType: DType): Program {
  const t = storageType(inType);
  const expr = unaryExpr(op, t);
  const outT = op === 'logicalNot' ? 'u32' : t;
  const uniforms: UniformSpec = [
    ['size', 'u32'],
    ['alpha', 'f32'],
  ];
  return {
    key: `unary:${op}:${t}`,
    uniforms,
    source: () => `${MATH_WGSL}
${header(
  [
    { name: 'y', type: outT, write: true },
    { name: 'x', type: t },
  ],
  uniforms,
)}
${linearMain(`  let v = x[i];\n  y[i] = ${expr};`)}`,
  };
}

// The WGSL expression of each binary op in `a` and `b`: arithmetic per operand type, comparisons
// (bool out, as u32) given the operand type `t`.
const FLOAT_BINARY: Readonly<Record<ArithmeticOp, string>> = {
  add: 'a + b',
  sub: 'a - b',
  mul: 'a * b',
  div: 'a / b',
  pow: 'pow_(a, b)',
  minimum: 'select(min(a, b), nan_f32(), is_nan(a) || is_nan(b))',
  maximum: 'select(max(a, b), nan_f32(), is_nan(a) || is_nan(b))',
  squaredDifference: '(a - b) * (a - b)',
  floorDiv: 'floor(a / b)',
  mod: 'floor_mod_f(a, b)',
};
const INT_BINARY: Readonly<Record<ArithmeticOp, string>> = {
  add: 'a + b',
  sub: 'a - b',
  mul: 'a * b',
  div: 'floor_div_i(a, b)',
  pow: 'pow_i(a, b)',
  minimum: 'min(a, b)',
  maximum: 'max(a, b)',
  squaredDifference: '(a - b) * (a - b)',
  floorDiv: 'floor_div_i(a, b)',
  mod: 'floor_mod_i(a, b)',
};
const COMPARISON: Readonly<Record<ComparisonOp, (t: ScalarType) => string>> = {
  equal: () => 'select(0u, 1u, a == b)',
  notEqual: () => 'select(0u, 1u, a != b)',
  less: () => 'select(0u, 1u, a < b)',
  lessEqual: () => 'select(0u, 1u, a <= b)',
  greater: () => 'select(0u, 1u, a > b)',
  greaterEqual: () => 'select(0u, 1u, a >= b)',
  logicalAnd: (t) => `select(0u, 1u, a != ${t}(0) && b != ${t}(0))`,
  logicalOr: (t) => `select(0u, 1u, a != ${t}(0) || b != ${t}(0))`,
};

function binaryExpr(op: BinaryOp, t: ScalarType): string {
  if (isComparisonOp(op)) return COMPARISON[op](t);
  return t === 'f32' ? FLOAT_BINARY[op] : INT_BINARY[op];
}

export function binaryProgram(op: BinaryOp, inType: DType, outType: DType, c: Collapsed): Program {
  const t = storageType(inType);
  const rank = c.shape.length;
  const access = operandAccess(c);
  const { spec, code } = broadcastIndexing(rank, ['a', 'b'], access);
  return {
    key: `binary:${op}:${t}:${rank}:${access.join('')}`,
    uniforms: spec,
    source: () => `${MATH_WGSL}
${header(
  [
    { name: 'y', type: storageType(outType), write: true },
    { name: 'xa', type: t },
    { name: 'xb', type: t },
  ],
  spec,
)}
${linearMain(`${code}\n  let a = xa[a_idx];\n  let b = xb[b_idx];\n  y[i] = ${binaryExpr(op, t)};`)}`,
  };
}

export function selectProgram(dtype: DType, c: Collapsed): Program {
  const t = storageType(dtype);
  const rank = c.shape.length;
  const access = operandAccess(c);
  const { spec, code } = broadcastIndexing(rank, ['c', 'a', 'b'], access);
  return {
    key: `select:${t}:${rank}:${access.join('')}`,
    uniforms: spec,
    source: () => `${header(
      [
        { name: 'y', type: t, write: true },
        { name: 'cond', type: 'u32' },
        { name: 'xa', type: t },
        { name: 'xb', type: t },
      ],
      spec,
    )}
${linearMain(`${code}\n  y[i] = select(xb[b_idx], xa[a_idx], cond[c_idx] != 0u);`)}`,
  };
}

/** float32 -> int32 truncates toward zero with NaN -> 0 (as a JS Int32Array store); -> bool is != 0. */
export function castProgram(from: DType, to: DType): Program {
  const ft = storageType(from);
  const tt = storageType(to);
  let expr: string;
  if (to === 'bool') expr = `select(0u, 1u, v != ${ft}(0))`;
  else if (to === 'int32' && ft === 'f32') expr = 'select(i32(trunc(v)), 0, is_nan(v))';
  else expr = `${tt}(v)`;
  const uniforms: UniformSpec = [['size', 'u32']];
  return {
    key: `cast:${ft}:${tt}:${from === 'bool' ? 'b' : ''}`,
    uniforms,
    source: () => `${MATH_WGSL}
${header(
  [
    { name: 'y', type: tt, write: true },
    { name: 'x', type: ft },
  ],
  uniforms,
)}
${linearMain(`  let v = x[i];\n  y[i] = ${expr};`)}`,
  };
}

/** Writes one 32-bit pattern everywhere: the same pipeline serves every dtype. */
export function fillProgram(): Program {
  const uniforms: UniformSpec = [
    ['size', 'u32'],
    ['bits', 'u32'],
  ];
  return {
    key: 'fill',
    uniforms,
    source: () => `${header([{ name: 'y', type: 'u32', write: true }], uniforms)}
${linearMain('  y[i] = u.bits;')}`,
  };
}
