import { ArgumentError, sizeFromShape, type KernelFn, type UnaryOp } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { gelu, roundHalfEven, SELU_ALPHA, SELU_SCALE, sigmoid, softplus } from './util/math.js';

export const unary: KernelFn<'unary', CpuBackend> = (backend, { x }, { op, alpha }, out) => {
  const size = sizeFromShape(out.shape);
  const src = backend.values(x);
  if (op === 'logicalNot') {
    const dst = new Uint8Array(size);
    for (let i = 0; i < size; i++) dst[i] = src[i] === 0 ? 1 : 0;
    return backend.store(dst, 'bool');
  }
  if (src instanceof Int32Array) {
    const dst = new Int32Array(size);
    intUnary(op, src, dst);
    return backend.store(dst, 'int32');
  }
  const dst = new Float32Array(size);
  floatUnary(op, backend.floats(x), dst, alpha);
  return backend.store(dst, 'float32');
};

function floatUnary(op: UnaryOp, x: Float32Array, y: Float32Array, alpha: number): void {
  const n = y.length;
  switch (op) {
    case 'neg': for (let i = 0; i < n; i++) y[i] = -x[i]; return;
    case 'abs': for (let i = 0; i < n; i++) y[i] = Math.abs(x[i]); return;
    case 'exp': for (let i = 0; i < n; i++) y[i] = Math.exp(x[i]); return;
    case 'expm1': for (let i = 0; i < n; i++) y[i] = Math.expm1(x[i]); return;
    case 'log': for (let i = 0; i < n; i++) y[i] = Math.log(x[i]); return;
    case 'log1p': for (let i = 0; i < n; i++) y[i] = Math.log1p(x[i]); return;
    case 'sqrt': for (let i = 0; i < n; i++) y[i] = Math.sqrt(x[i]); return;
    case 'rsqrt': for (let i = 0; i < n; i++) y[i] = 1 / Math.sqrt(x[i]); return;
    case 'square': for (let i = 0; i < n; i++) y[i] = x[i] * x[i]; return;
    case 'reciprocal': for (let i = 0; i < n; i++) y[i] = 1 / x[i]; return;
    case 'tanh': for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]); return;
    case 'sigmoid': for (let i = 0; i < n; i++) y[i] = sigmoid(x[i]); return;
    case 'softplus': for (let i = 0; i < n; i++) y[i] = softplus(x[i]); return;
    // `v < 0 ? 0 : v` rather than Math.max(v, 0) keeps NaN as NaN, as TensorFlow.js does.
    case 'relu': for (let i = 0; i < n; i++) { const v = x[i]; y[i] = v < 0 ? 0 : v; } return;
    case 'relu6': for (let i = 0; i < n; i++) { const v = x[i]; y[i] = v < 0 ? 0 : v > 6 ? 6 : v; } return;
    case 'elu': for (let i = 0; i < n; i++) { const v = x[i]; y[i] = v > 0 ? v : Math.expm1(v); } return;
    case 'selu':
      for (let i = 0; i < n; i++) { const v = x[i]; y[i] = SELU_SCALE * (v > 0 ? v : SELU_ALPHA * Math.expm1(v)); }
      return;
    case 'leakyRelu': for (let i = 0; i < n; i++) { const v = x[i]; y[i] = v > 0 ? v : alpha * v; } return;
    case 'gelu': for (let i = 0; i < n; i++) y[i] = gelu(x[i]); return;
    case 'sign': for (let i = 0; i < n; i++) y[i] = Math.sign(x[i]); return;
    case 'floor': for (let i = 0; i < n; i++) y[i] = Math.floor(x[i]); return;
    case 'ceil': for (let i = 0; i < n; i++) y[i] = Math.ceil(x[i]); return;
    case 'round': for (let i = 0; i < n; i++) y[i] = roundHalfEven(x[i]); return;
    case 'sin': for (let i = 0; i < n; i++) y[i] = Math.sin(x[i]); return;
    case 'cos': for (let i = 0; i < n; i++) y[i] = Math.cos(x[i]); return;
    case 'logicalNot': break;
  }
  throw new ArgumentError(`unary: op ${op} is not defined on float32`);
}

/** The int32 ops core allows; Int32Array stores wrap results to 32 bits as TensorFlow does. */
function intUnary(op: UnaryOp, x: Int32Array, y: Int32Array): void {
  const n = y.length;
  switch (op) {
    case 'neg': for (let i = 0; i < n; i++) y[i] = -x[i]; return;
    case 'abs': for (let i = 0; i < n; i++) y[i] = Math.abs(x[i]); return;
    case 'square': for (let i = 0; i < n; i++) y[i] = Math.imul(x[i], x[i]); return;
    case 'sign': for (let i = 0; i < n; i++) y[i] = Math.sign(x[i]); return;
    case 'relu': for (let i = 0; i < n; i++) { const v = x[i]; y[i] = v < 0 ? 0 : v; } return;
    case 'floor': case 'ceil': case 'round': y.set(x); return;
    default: throw new ArgumentError(`unary: op ${op} is not defined on int32`);
  }
}
