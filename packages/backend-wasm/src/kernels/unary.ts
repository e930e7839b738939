import { backendUtil, sizeFromShape, UNARY_CODES, type KernelFn, type UnaryOp } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { UNARY_PARAMS } from '../param-layouts.js';
import { MIN_ELEMENTS_PER_THREAD } from './util/split.js';

/**
 * Where each op runs on float32 input: `wasm`, its kernel in assembly/elementwise.ts (unaryNeg,
 * ...); `core`, core's loop over heap views, where the assembly has only a stub that traps.
 * logicalNot takes bool; int32 input always runs in core's loops.
 */
const FLOAT32: Readonly<Record<UnaryOp, 'wasm' | 'core'>> = {
  neg: 'wasm',
  abs: 'wasm',
  exp: 'wasm',
  expm1: 'wasm',
  log: 'wasm',
  log1p: 'wasm',
  sqrt: 'wasm',
  rsqrt: 'wasm',
  square: 'wasm',
  reciprocal: 'wasm',
  tanh: 'wasm',
  sigmoid: 'wasm',
  softplus: 'wasm',
  relu: 'wasm',
  relu6: 'wasm',
  elu: 'wasm',
  selu: 'wasm',
  leakyRelu: 'wasm',
  gelu: 'wasm',
  sign: 'wasm',
  floor: 'wasm',
  ceil: 'wasm',
  round: 'wasm',
  sin: 'wasm',
  cos: 'wasm',
  logicalNot: 'core',
};

export const unary: KernelFn<'unary', WasmBackend> = (backend, { x }, { op, alpha }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.allocData(size, out.dtype);
  if (x.dtype === 'float32' && FLOAT32[op] === 'wasm') {
    const p = backend.params(UNARY_PARAMS, { op: UNARY_CODES[op], x: backend.ptr(x), y: y.ptr, alpha });
    backend.run('unary', p, size, MIN_ELEMENTS_PER_THREAD);
  } else if (op === 'logicalNot') {
    backendUtil.logicalNotInto(backend.values(x), backend.view(y));
  } else if (x.dtype === 'int32') {
    backendUtil.intUnaryInto(op, backend.ints(x), backend.view(y));
  } else {
    backendUtil.floatUnaryInto(op, backend.floats(x), backend.view(y), alpha);
  }
  return y;
};
