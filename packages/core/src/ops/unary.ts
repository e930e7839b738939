/** Elementwise math of one tensor: each op runs the `unary` kernel. */
import { ENGINE } from '../engine.js';
import { DTypeError } from '../errors.js';
import { isInt32UnaryOp, type UnaryOp } from '../kernels/signatures.js';
import type { Tensor } from '../tensor.js';
import { convertToTensor, type TensorLike } from './convert.js';

/** @internal Runs the `unary` kernel after checking the dtype with a message that names `op`. */
export function unaryOp(op: UnaryOp, x: TensorLike, alpha = 0): Tensor {
  const $x = convertToTensor(x, 'x', op);
  checkUnaryDType(op, $x);
  return ENGINE.runKernel('unary', { x: $x }, { op, alpha });
}

function checkUnaryDType(op: UnaryOp, x: Tensor): void {
  if (op === 'logicalNot') {
    if (x.dtype !== 'bool') throw new DTypeError(`logicalNot: x must be bool, got ${x.dtype}`);
    return;
  }
  if (x.dtype === 'float32') return;
  if (x.dtype === 'int32' && isInt32UnaryOp(op)) return;
  const allowed = isInt32UnaryOp(op) ? 'float32 or int32' : 'float32';
  throw new DTypeError(
    `${op}: x must be ${allowed}, got ${x.dtype}${x.dtype === 'int32' ? "; cast it first with cast(x, 'float32')" : ''}`,
  );
}

/** -x */
export const neg = (x: TensorLike): Tensor => unaryOp('neg', x);
/** |x| */
export const abs = (x: TensorLike): Tensor => unaryOp('abs', x);
/** e^x */
export const exp = (x: TensorLike): Tensor => unaryOp('exp', x);
/** e^x - 1, accurate near 0. */
export const expm1 = (x: TensorLike): Tensor => unaryOp('expm1', x);
/** Natural logarithm. */
export const log = (x: TensorLike): Tensor => unaryOp('log', x);
/** log(1 + x), accurate near 0. */
export const log1p = (x: TensorLike): Tensor => unaryOp('log1p', x);
export const sqrt = (x: TensorLike): Tensor => unaryOp('sqrt', x);
/** 1 / sqrt(x) */
export const rsqrt = (x: TensorLike): Tensor => unaryOp('rsqrt', x);
/** x * x */
export const square = (x: TensorLike): Tensor => unaryOp('square', x);
/** 1 / x */
export const reciprocal = (x: TensorLike): Tensor => unaryOp('reciprocal', x);
export const tanh = (x: TensorLike): Tensor => unaryOp('tanh', x);
/** 1 / (1 + e^-x) */
export const sigmoid = (x: TensorLike): Tensor => unaryOp('sigmoid', x);
export const sin = (x: TensorLike): Tensor => unaryOp('sin', x);
export const cos = (x: TensorLike): Tensor => unaryOp('cos', x);
/** -1, 0 or 1. */
export const sign = (x: TensorLike): Tensor => unaryOp('sign', x);
export const floor = (x: TensorLike): Tensor => unaryOp('floor', x);
export const ceil = (x: TensorLike): Tensor => unaryOp('ceil', x);
/** Rounds half to even, as TensorFlow does. */
export const round = (x: TensorLike): Tensor => unaryOp('round', x);
/** Elementwise NOT of a bool tensor. */
export const logicalNot = (x: TensorLike): Tensor => unaryOp('logicalNot', x);
