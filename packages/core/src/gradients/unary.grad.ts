import { defineGradient } from './define.js';
import type { UnaryOp } from '../kernels/signatures.js';
import type { Tensor } from '../tensor.js';
import { add, div, greater, greaterEqual, less, logicalAnd, mul, sub } from '../ops/binary.js';
import { cast } from '../ops/cast.js';
import { zerosLike } from '../ops/fill.js';
import { scoped } from '../ops/scoped.js';
import { abs, cos, exp, neg, reciprocal, sigmoid, sign, sin, square } from '../ops/unary.js';
import { where } from '../ops/where.js';

const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;
const INV_SQRT_2PI = 0.3989422804014327;

export const unaryGradient = defineGradient('unary', ['binary', 'cast', 'fill', 'select', 'unary'], (dy, { x }, { op, alpha }, y) => ({
  x: scoped(() => unaryBackward(op, alpha, dy, x, y)),
}));

function mask(condition: Tensor): Tensor {
  return cast(condition, 'float32');
}

function unaryBackward(op: UnaryOp, alpha: number, dy: Tensor, x: Tensor, y: Tensor): Tensor {
  switch (op) {
    case 'neg':
      return neg(dy);
    case 'abs':
      return mul(dy, sign(x));
    case 'exp':
      return mul(dy, y);
    case 'expm1':
      return mul(dy, exp(x));
    case 'log':
      return div(dy, x);
    case 'log1p':
      return div(dy, add(x, 1));
    case 'sqrt':
      return div(dy, mul(y, 2));
    case 'rsqrt':
      return mul(dy, mul(mul(square(y), y), -0.5));
    case 'square':
      return mul(dy, mul(x, 2));
    case 'reciprocal':
      return neg(mul(dy, square(y)));
    case 'tanh':
      return mul(dy, sub(1, square(y)));
    case 'sigmoid':
      return mul(dy, mul(y, sub(1, y)));
    case 'softplus':
      return mul(dy, sigmoid(x));
    case 'relu':
      return mul(dy, mask(greater(x, 0)));
    case 'relu6':
      return mul(dy, mask(logicalAnd(greater(x, 0), less(x, 6))));
    case 'elu':
      return where(greater(x, 0), dy, mul(dy, add(y, 1)));
    case 'selu':
      return where(greater(x, 0), mul(dy, SELU_SCALE), mul(dy, mul(exp(x), SELU_SCALE * SELU_ALPHA)));
    case 'leakyRelu':
      return where(greater(x, 0), dy, mul(dy, alpha));
    case 'gelu':
      return mul(dy, add(normalCdf(x), mul(x, mul(exp(mul(square(x), -0.5)), INV_SQRT_2PI))));
    case 'sin':
      return mul(dy, cos(x));
    case 'cos':
      return neg(mul(dy, sin(x)));
    case 'sign':
    case 'floor':
    case 'ceil':
    case 'round':
    case 'logicalNot':
      return zerosLike(dy);
  }
}

/** erfc coefficients (Numerical Recipes' erfcc: relative error below 1.2e-7 everywhere). */
const ERFC = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];

/** Φ(x), the standard normal CDF, from erfc so both tails keep their relative precision. */
function normalCdf(x: Tensor): Tensor {
  const z = mul(abs(x), Math.SQRT1_2);
  const t = reciprocal(add(mul(z, 0.5), 1));
  let poly: Tensor | number = ERFC[ERFC.length - 1];
  for (let i = ERFC.length - 2; i >= 0; i--) poly = add(mul(t, poly), ERFC[i]);
  // 0.5 * erfc(|x| / sqrt 2) = Φ(-|x|)
  const tail = mul(mul(t, exp(sub(poly, square(z)))), 0.5);
  return where(greaterEqual(x, 0), sub(1, tail), tail);
}
