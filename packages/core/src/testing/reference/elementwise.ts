/** Float64 references of the elementwise kernels: unary, binary, cast, select, fill. */
import type { DType } from '../../dtype.js';
import type { BinaryOp, UnaryOp } from '../../kernels/signatures.js';
import { broadcastFlat, broadcastShape, nd, unravel, type Nd } from './nd.js';

export const SELU_SCALE = 1.0507009873554805;
export const SELU_ALPHA = 1.6732632423543772;

/** erf by its Maclaurin series (converges fast below 4; float64 keeps ~1e-13 there) and ±1
 *  beyond, where 1 - erf(4) = 1.5e-8 is far below any tolerance the suite uses. */
export function erf(x: number): number {
  if (Math.abs(x) >= 4) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 80; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** TensorFlow's round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
}

export function unaryScalar(op: UnaryOp, x: number, alpha: number): number {
  switch (op) {
    case 'neg':
      return -x;
    case 'abs':
      return Math.abs(x);
    case 'exp':
      return Math.exp(x);
    case 'expm1':
      return Math.expm1(x);
    case 'log':
      return Math.log(x);
    case 'log1p':
      return Math.log1p(x);
    case 'sqrt':
      return Math.sqrt(x);
    case 'rsqrt':
      return 1 / Math.sqrt(x);
    case 'square':
      return x * x;
    case 'reciprocal':
      return 1 / x;
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'softplus':
      return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    case 'relu':
      return x > 0 ? x : 0;
    case 'relu6':
      return Math.min(Math.max(x, 0), 6);
    case 'elu':
      return x > 0 ? x : Math.expm1(x);
    case 'selu':
      return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x);
    case 'leakyRelu':
      return x > 0 ? x : alpha * x;
    case 'gelu':
      return 0.5 * x * (1 + erf(x / Math.SQRT2));
    case 'sign':
      return x > 0 ? 1 : x < 0 ? -1 : 0;
    case 'floor':
      return Math.floor(x);
    case 'ceil':
      return Math.ceil(x);
    case 'round':
      return roundHalfEven(x);
    case 'sin':
      return Math.sin(x);
    case 'cos':
      return Math.cos(x);
    case 'logicalNot':
      return x === 0 ? 1 : 0;
  }
}

export function unaryRef(op: UnaryOp, x: Nd, alpha = 0.2): Nd {
  return { shape: x.shape, values: x.values.map((v) => unaryScalar(op, v, alpha)) };
}

/** TensorFlow's floor-mod: the remainder takes the divisor's sign. fmod is exact on floats. */
export function floorMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

export function binaryScalar(op: BinaryOp, a: number, b: number, dtype: DType): number {
  const int = dtype === 'int32';
  switch (op) {
    case 'add':
      return int ? (a + b) | 0 : a + b;
    case 'sub':
      return int ? (a - b) | 0 : a - b;
    case 'mul':
      return int ? Math.imul(a, b) : a * b;
    case 'div':
      return int ? Math.floor(a / b) : a / b;
    case 'pow':
      return int ? (a ** b) | 0 : a ** b;
    case 'minimum':
      return Math.min(a, b);
    case 'maximum':
      return Math.max(a, b);
    case 'squaredDifference':
      return (a - b) * (a - b);
    // A float32 backend floors the float32 quotient; rounding it first keeps the reference on the
    // same side of an integer when a/b lands within one ulp of it.
    case 'floorDiv':
      return int ? Math.floor(a / b) : Math.floor(Math.fround(a / b));
    case 'mod':
      return floorMod(a, b);
    case 'equal':
      return a === b ? 1 : 0;
    case 'notEqual':
      return a !== b ? 1 : 0;
    case 'less':
      return a < b ? 1 : 0;
    case 'lessEqual':
      return a <= b ? 1 : 0;
    case 'greater':
      return a > b ? 1 : 0;
    case 'greaterEqual':
      return a >= b ? 1 : 0;
    case 'logicalAnd':
      return a !== 0 && b !== 0 ? 1 : 0;
    case 'logicalOr':
      return a !== 0 || b !== 0 ? 1 : 0;
  }
}

/** Applies `f` over the broadcast of `a` and `b`. */
export function broadcastMap(a: Nd, b: Nd, f: (x: number, y: number) => number): Nd {
  const shape = broadcastShape(a.shape, b.shape);
  const out = nd(shape);
  for (let i = 0; i < out.values.length; i++) {
    const idx = unravel(i, shape);
    out.values[i] = f(a.values[broadcastFlat(idx, a.shape)], b.values[broadcastFlat(idx, b.shape)]);
  }
  return out;
}

export function binaryRef(op: BinaryOp, a: Nd, b: Nd, dtype: DType): Nd {
  return broadcastMap(a, b, (x, y) => binaryScalar(op, x, y, dtype));
}

/** float -> int truncates toward zero (TensorFlow's cast); anything -> bool is "nonzero". */
export function castScalar(x: number, to: DType): number {
  if (to === 'bool') return x !== 0 ? 1 : 0;
  if (to === 'int32') return Math.trunc(x) | 0;
  return Math.fround(x);
}

export function castRef(x: Nd, to: DType): Nd {
  return { shape: x.shape, values: x.values.map((v) => castScalar(v, to)) };
}

export function selectRef(condition: Nd, a: Nd, b: Nd): Nd {
  const shape = broadcastShape(broadcastShape(condition.shape, a.shape), b.shape);
  const out = nd(shape);
  for (let i = 0; i < out.values.length; i++) {
    const idx = unravel(i, shape);
    const c = condition.values[broadcastFlat(idx, condition.shape)];
    out.values[i] = c !== 0 ? a.values[broadcastFlat(idx, a.shape)] : b.values[broadcastFlat(idx, b.shape)];
  }
  return out;
}

export function fillRef(shape: readonly number[], value: number, dtype: DType): Nd {
  const out = nd(shape);
  out.values.fill(castScalar(value, dtype));
  return out;
}
