import { ArgumentError, backendUtil, sizeFromShape, type KernelFn, type UnaryOp } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { MIN_ELEMENTS_PER_THREAD } from './util/split.js';

/** Op codes of assembly/elementwise.ts. */
const FLOAT_OPS: Partial<Record<UnaryOp, number>> = {
  neg: 0, abs: 1, sqrt: 2, square: 3, reciprocal: 4, relu: 5, relu6: 6, tanh: 7, floor: 8, ceil: 9,
  round: 10, rsqrt: 11, leakyRelu: 12, exp: 13, expm1: 14, log: 15, log1p: 16, sigmoid: 17,
  softplus: 18, elu: 19, selu: 20, gelu: 21, sign: 22, sin: 23, cos: 24,
};

export const unary: KernelFn<'unary', WasmBackend> = (backend, { x }, { op, alpha }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.allocData(size, out.dtype);
  if (op === 'logicalNot') {
    backendUtil.logicalNotInto(backend.values(x), backend.view(y));
    return y;
  }
  if (x.dtype === 'int32') {
    backendUtil.intUnaryInto(op, backend.ints(x), backend.view(y));
    return y;
  }
  const code = FLOAT_OPS[op];
  if (code === undefined) throw new ArgumentError(`unary: op ${op} is not defined on float32`);
  const p = backend.params(code, backend.ptr(x), y.ptr);
  backend.paramF32(3, alpha);
  backend.run('unary', p, size, MIN_ELEMENTS_PER_THREAD);
  return y;
};
