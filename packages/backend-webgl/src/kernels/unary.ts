import { type FloatUnaryOp, type KernelFn, type UnaryOp, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { withOp } from './util/math.js';

// The GLSL expression of each op in `v` (and `alpha`). int32 values are exact floats, and every
// op core admits on int32 (neg, abs, square, sign, relu, floor, ceil, round) gives the same
// integer through these float expressions.
const EXPR: Readonly<Record<FloatUnaryOp, string>> = {
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
  relu: 'v < 0.0 ? 0.0 : v',
  relu6: 'v < 0.0 ? 0.0 : (v > 6.0 ? 6.0 : v)',
  elu: 'v > 0.0 ? v : expm1_(v)',
  selu: '1.0507009873554805 * (v > 0.0 ? v : 1.6732632423543772 * expm1_(v))',
  leakyRelu: 'v > 0.0 ? v : alpha * v',
  gelu: 'gelu_(v)',
  sign: 'sign_(v)',
  floor: 'floor(v)',
  ceil: 'ceil(v)',
  round: 'round_(v)',
  sin: 'sincos_(v, 0.0)',
  cos: 'sincos_(v, 1.0)',
};

function exprOf(op: UnaryOp): string {
  return op === 'logicalNot' ? '(v == 0.0) ? 1.0 : 0.0' : EXPR[op];
}

export const unary: KernelFn<'unary', WebGlBackend> = (backend, { x }, { op, alpha }, out) =>
  backend.run(
    {
      key: `unary:${op}`,
      source: () => 'function(x, alpha) { return op_(x[this.thread.x], alpha); }',
      natives: () => withOp('float v, float alpha', exprOf(op)),
    },
    [x],
    [alpha],
    sizeFromShape(out.shape),
    out.dtype,
  );
