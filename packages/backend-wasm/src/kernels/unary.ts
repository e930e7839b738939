import { ArgumentError, sizeFromShape, type BackendValues, type KernelFn, type UnaryOp } from '@tensile/core';
import type { WasmBackend } from '../backend.js';

/** Op codes of assembly/elementwise.ts. */
const FLOAT_OPS: Partial<Record<UnaryOp, number>> = {
  neg: 0, abs: 1, sqrt: 2, square: 3, reciprocal: 4, relu: 5, relu6: 6, tanh: 7, floor: 8, ceil: 9,
  round: 10, rsqrt: 11, leakyRelu: 12, exp: 13, expm1: 14, log: 15, log1p: 16, sigmoid: 17,
  softplus: 18, elu: 19, selu: 20, gelu: 21, sign: 22, sin: 23, cos: 24,
};

/** Elements per thread below which splitting costs more than it saves. */
const MIN_PER_THREAD = 32768;

export const unary: KernelFn<'unary', WasmBackend> = (backend, { x }, { op, alpha }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.allocData(size, out.dtype);
  if (op === 'logicalNot') {
    const src = backend.values(x);
    const dst = backend.view(y);
    for (let i = 0; i < size; i++) dst[i] = src[i] === 0 ? 1 : 0;
    return y;
  }
  if (x.dtype === 'int32') {
    intUnary(op, backend.ints(x), backend.view(y));
    return y;
  }
  const code = FLOAT_OPS[op];
  if (code === undefined) throw new ArgumentError(`unary: op ${op} is not defined on float32`);
  const p = backend.params(code, backend.ptr(x), y.ptr);
  backend.paramF32(3, alpha);
  backend.run('unary', p, size, MIN_PER_THREAD);
  return y;
};

/** The int32 ops core allows; Int32Array stores wrap results to 32 bits as TensorFlow does. */
function intUnary(op: UnaryOp, x: Int32Array, y: BackendValues): void {
  const n = x.length;
  switch (op) {
    case 'neg': for (let i = 0; i < n; i++) y[i] = -x[i]; return;
    case 'abs': for (let i = 0; i < n; i++) y[i] = Math.abs(x[i]); return;
    case 'square': for (let i = 0; i < n; i++) y[i] = Math.imul(x[i], x[i]); return;
    case 'sign': for (let i = 0; i < n; i++) y[i] = Math.sign(x[i]); return;
    case 'relu': for (let i = 0; i < n; i++) { const v = x[i]; y[i] = v < 0 ? 0 : v; } return;
    case 'floor': case 'ceil': case 'round': for (let i = 0; i < n; i++) y[i] = x[i]; return;
    default: throw new ArgumentError(`unary: op ${op} is not defined on int32`);
  }
}
