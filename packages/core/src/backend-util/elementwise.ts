/**
 * Element-wise loops for backends that compute in JavaScript: the whole of cpu's arithmetic, and
 * the int32/bool (and rare high-rank float32) paths of backends whose float32 hot paths run
 * elsewhere. One loop per op, chosen once per run, so the inner loop has no dispatch. Each table
 * is a complete record over its ops, so a new op does not compile until it has a loop here.
 */
import { DTypeError } from '../errors.js';
import type { BackendValues, DType } from '../dtype.js';
import {
  isComparisonOp,
  isInt32UnaryOp,
  type ArithmeticOp,
  type BinaryOp,
  type ComparisonOp,
  type FloatUnaryOp,
  type Int32UnaryOp,
  type UnaryOp,
} from '../kernels/signatures.js';
import type { Shape } from '../shape.js';
import { forEachBroadcastRun } from './broadcast.js';
import { floorMod, gelu, intPow, roundHalfEven, SELU_ALPHA, SELU_SCALE, sigmoid, softplus } from './math.js';

/**
 * y = a op b with broadcasting into `y` (of `outShape`); `outDtype` is the kernel's output dtype
 * (bool for comparisons), which picks the loop family.
 */
export function binaryInto(
  op: BinaryOp,
  a: BackendValues,
  aShape: Shape,
  b: BackendValues,
  bShape: Shape,
  y: BackendValues,
  outShape: Shape,
  outDtype: DType,
): void {
  const run = isComparisonOp(op) ? COMPARE_RUNS[op] : outDtype === 'int32' ? INT_RUNS[op] : FLOAT_RUNS[op];
  forEachBroadcastRun(outShape, aShape, bShape, (o, ai, as, bi, bs, len) => run(a, ai, as, b, bi, bs, y, o, len));
}

/** y[o..o+len) = a[ai + k*as] op b[bi + k*bs]; `as`/`bs` are 0 (broadcast) or 1. */
type BinaryRun = (
  a: BackendValues,
  ai: number,
  as: number,
  b: BackendValues,
  bi: number,
  bs: number,
  y: BackendValues,
  o: number,
  len: number,
) => void;

const FLOAT_RUNS: Readonly<Record<ArithmeticOp, BinaryRun>> = {
  add: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] + b[bi];
  },
  sub: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] - b[bi];
  },
  mul: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] * b[bi];
  },
  div: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] / b[bi];
  },
  pow: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] ** b[bi];
  },
  minimum: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = Math.min(a[ai], b[bi]);
  },
  maximum: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = Math.max(a[ai], b[bi]);
  },
  squaredDifference: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) {
      const d = a[ai] - b[bi];
      y[o] = d * d;
    }
  },
  floorDiv: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = Math.floor(a[ai] / b[bi]);
  },
  mod: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = floorMod(a[ai], b[bi]);
  },
};

// Sums are exact in doubles and the Int32Array store wraps them; products need Math.imul.
// Both divisions floor on int32 (as TensorFlow.js); x / 0 stores 0.
const intFloorDiv: BinaryRun = (a, ai, as, b, bi, bs, y, o, len) => {
  for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = Math.floor(a[ai] / b[bi]);
};

const INT_RUNS: Readonly<Record<ArithmeticOp, BinaryRun>> = {
  add: FLOAT_RUNS.add,
  sub: FLOAT_RUNS.sub,
  mul: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = Math.imul(a[ai], b[bi]);
  },
  div: intFloorDiv,
  pow: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = intPow(a[ai], b[bi]);
  },
  minimum: FLOAT_RUNS.minimum,
  maximum: FLOAT_RUNS.maximum,
  squaredDifference: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) {
      const d = a[ai] - b[bi];
      y[o] = Math.imul(d, d);
    }
  },
  floorDiv: intFloorDiv,
  mod: FLOAT_RUNS.mod,
};

const COMPARE_RUNS: Readonly<Record<ComparisonOp, BinaryRun>> = {
  equal: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] === b[bi] ? 1 : 0;
  },
  notEqual: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] !== b[bi] ? 1 : 0;
  },
  less: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] < b[bi] ? 1 : 0;
  },
  lessEqual: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] <= b[bi] ? 1 : 0;
  },
  greater: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] > b[bi] ? 1 : 0;
  },
  greaterEqual: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] >= b[bi] ? 1 : 0;
  },
  logicalAnd: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] !== 0 && b[bi] !== 0 ? 1 : 0;
  },
  logicalOr: (a, ai, as, b, bi, bs, y, o, len) => {
    for (const end = o + len; o < end; o++, ai += as, bi += bs) y[o] = a[ai] !== 0 || b[bi] !== 0 ? 1 : 0;
  },
};

/** bool → bool: nonzero is true. */
export function logicalNotInto(x: BackendValues, y: BackendValues): void {
  const n = y.length;
  for (let i = 0; i < n; i++) y[i] = x[i] === 0 ? 1 : 0;
}

/** y[0..n) = op(x[0..n)); `alpha` is leakyRelu's slope. */
type UnaryLoop = (x: BackendValues, y: BackendValues, n: number, alpha: number) => void;

const FLOAT_UNARY: Readonly<Record<FloatUnaryOp, UnaryLoop>> = {
  neg: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = -x[i];
  },
  abs: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.abs(x[i]);
  },
  exp: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.exp(x[i]);
  },
  expm1: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.expm1(x[i]);
  },
  log: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.log(x[i]);
  },
  log1p: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.log1p(x[i]);
  },
  sqrt: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.sqrt(x[i]);
  },
  rsqrt: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = 1 / Math.sqrt(x[i]);
  },
  square: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = x[i] * x[i];
  },
  reciprocal: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = 1 / x[i];
  },
  tanh: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
  },
  sigmoid: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = sigmoid(x[i]);
  },
  softplus: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = softplus(x[i]);
  },
  // `v < 0 ? 0 : v` rather than Math.max(v, 0) keeps NaN as NaN, as TensorFlow.js does.
  relu: (x, y, n) => {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      y[i] = v < 0 ? 0 : v;
    }
  },
  relu6: (x, y, n) => {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      y[i] = v < 0 ? 0 : v > 6 ? 6 : v;
    }
  },
  elu: (x, y, n) => {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      y[i] = v > 0 ? v : Math.expm1(v);
    }
  },
  selu: (x, y, n) => {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      y[i] = SELU_SCALE * (v > 0 ? v : SELU_ALPHA * Math.expm1(v));
    }
  },
  leakyRelu: (x, y, n, alpha) => {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      y[i] = v > 0 ? v : alpha * v;
    }
  },
  gelu: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = gelu(x[i]);
  },
  sign: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.sign(x[i]);
  },
  floor: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.floor(x[i]);
  },
  ceil: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.ceil(x[i]);
  },
  round: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = roundHalfEven(x[i]);
  },
  sin: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.sin(x[i]);
  },
  cos: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.cos(x[i]);
  },
};

// Integers are already whole.
const copy: UnaryLoop = (x, y, n) => y.set(x.subarray(0, n));

/** Int32Array stores wrap results to 32 bits, as TensorFlow does. */
const INT_UNARY: Readonly<Record<Int32UnaryOp, UnaryLoop>> = {
  neg: FLOAT_UNARY.neg,
  abs: FLOAT_UNARY.abs,
  square: (x, y, n) => {
    for (let i = 0; i < n; i++) y[i] = Math.imul(x[i], x[i]);
  },
  sign: FLOAT_UNARY.sign,
  relu: FLOAT_UNARY.relu,
  floor: copy,
  ceil: copy,
  round: copy,
};

/** float32 unary ops over the first `y.length` elements; `alpha` is leakyRelu's slope. */
export function floatUnaryInto(op: FloatUnaryOp, x: BackendValues, y: BackendValues, alpha: number): void {
  FLOAT_UNARY[op](x, y, y.length, alpha);
}

/** int32 unary ops (INT32_UNARY_OPS; core's spec admits no other on int32). */
export function intUnaryInto(op: UnaryOp, x: BackendValues, y: BackendValues): void {
  if (!isInt32UnaryOp(op)) throw new DTypeError(`unary(${op}): input must be float32, got int32`);
  INT_UNARY[op](x, y, y.length, 0);
}
