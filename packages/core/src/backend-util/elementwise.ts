/**
 * Element-wise loops for backends that compute in JavaScript: the whole of cpu's arithmetic, and
 * the int32/bool (and rare high-rank float32) paths of backends whose float32 hot paths run
 * elsewhere. One loop per op, chosen once per run, so the inner loop has no dispatch.
 */
import { ArgumentError } from '../errors.js';
import type { BackendValues, DType } from '../dtype.js';
import { COMPARISON_OPS, type BinaryOp, type UnaryOp } from '../kernels/signatures.js';
import type { Shape } from '../shape.js';
import { forEachBroadcastRun } from './broadcast.js';
import { floorMod, gelu, intPow, roundHalfEven, SELU_ALPHA, SELU_SCALE, sigmoid, softplus } from './math.js';

/**
 * y = a op b with broadcasting into `y` (of `outShape`); `outDtype` is the kernel's output dtype
 * (bool for comparisons), which picks the loop family.
 */
export function binaryInto(
  op: BinaryOp, a: BackendValues, aShape: Shape, b: BackendValues, bShape: Shape,
  y: BackendValues, outShape: Shape, outDtype: DType,
): void {
  if (COMPARISON_OPS.includes(op)) {
    forEachBroadcastRun(outShape, aShape, bShape, (o, ai, as, bi, bs, len) => compareRun(op, a, ai, as, b, bi, bs, y, o, len));
  } else if (outDtype === 'int32') {
    forEachBroadcastRun(outShape, aShape, bShape, (o, ai, as, bi, bs, len) => intRun(op, a, ai, as, b, bi, bs, y, o, len));
  } else {
    forEachBroadcastRun(outShape, aShape, bShape, (o, ai, as, bi, bs, len) => floatRun(op, a, ai, as, b, bi, bs, y, o, len));
  }
}

// `as`/`bs` are 0 (broadcast) or 1.
function floatRun(
  op: BinaryOp, a: BackendValues, ai: number, as: number, b: BackendValues, bi: number, bs: number,
  y: BackendValues, o: number, len: number,
): void {
  const end = o + len;
  switch (op) {
    case 'add': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] + b[bi]; return;
    case 'sub': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] - b[bi]; return;
    case 'mul': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] * b[bi]; return;
    case 'div': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] / b[bi]; return;
    case 'pow': for (; o < end; o++, ai += as, bi += bs) y[o] = Math.pow(a[ai], b[bi]); return;
    case 'minimum': for (; o < end; o++, ai += as, bi += bs) y[o] = Math.min(a[ai], b[bi]); return;
    case 'maximum': for (; o < end; o++, ai += as, bi += bs) y[o] = Math.max(a[ai], b[bi]); return;
    case 'squaredDifference':
      for (; o < end; o++, ai += as, bi += bs) { const d = a[ai] - b[bi]; y[o] = d * d; }
      return;
    case 'floorDiv': for (; o < end; o++, ai += as, bi += bs) y[o] = Math.floor(a[ai] / b[bi]); return;
    case 'mod': for (; o < end; o++, ai += as, bi += bs) y[o] = floorMod(a[ai], b[bi]); return;
    default: throw new ArgumentError(`binary: op ${op} is not defined on float32`);
  }
}

// Sums are exact in doubles and the Int32Array store wraps them; products need Math.imul.
function intRun(
  op: BinaryOp, a: BackendValues, ai: number, as: number, b: BackendValues, bi: number, bs: number,
  y: BackendValues, o: number, len: number,
): void {
  const end = o + len;
  switch (op) {
    case 'add': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] + b[bi]; return;
    case 'sub': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] - b[bi]; return;
    case 'mul': for (; o < end; o++, ai += as, bi += bs) y[o] = Math.imul(a[ai], b[bi]); return;
    // Both divisions floor on int32 (as TensorFlow.js); x / 0 stores 0.
    case 'div':
    case 'floorDiv': for (; o < end; o++, ai += as, bi += bs) y[o] = Math.floor(a[ai] / b[bi]); return;
    case 'pow': for (; o < end; o++, ai += as, bi += bs) y[o] = intPow(a[ai], b[bi]); return;
    case 'minimum': for (; o < end; o++, ai += as, bi += bs) y[o] = Math.min(a[ai], b[bi]); return;
    case 'maximum': for (; o < end; o++, ai += as, bi += bs) y[o] = Math.max(a[ai], b[bi]); return;
    case 'squaredDifference':
      for (; o < end; o++, ai += as, bi += bs) { const d = a[ai] - b[bi]; y[o] = Math.imul(d, d); }
      return;
    case 'mod': for (; o < end; o++, ai += as, bi += bs) y[o] = floorMod(a[ai], b[bi]); return;
    default: throw new ArgumentError(`binary: op ${op} is not defined on int32`);
  }
}

function compareRun(
  op: BinaryOp, a: BackendValues, ai: number, as: number, b: BackendValues, bi: number, bs: number,
  y: BackendValues, o: number, len: number,
): void {
  const end = o + len;
  switch (op) {
    case 'equal': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] === b[bi] ? 1 : 0; return;
    case 'notEqual': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] !== b[bi] ? 1 : 0; return;
    case 'less': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] < b[bi] ? 1 : 0; return;
    case 'lessEqual': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] <= b[bi] ? 1 : 0; return;
    case 'greater': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] > b[bi] ? 1 : 0; return;
    case 'greaterEqual': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] >= b[bi] ? 1 : 0; return;
    case 'logicalAnd': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] !== 0 && b[bi] !== 0 ? 1 : 0; return;
    case 'logicalOr': for (; o < end; o++, ai += as, bi += bs) y[o] = a[ai] !== 0 || b[bi] !== 0 ? 1 : 0; return;
    default: throw new ArgumentError(`binary: op ${op} is not a comparison`);
  }
}

/** bool → bool: nonzero is true. */
export function logicalNotInto(x: BackendValues, y: BackendValues): void {
  const n = y.length;
  for (let i = 0; i < n; i++) y[i] = x[i] === 0 ? 1 : 0;
}

/** float32 unary ops over the first `y.length` elements; `alpha` is leakyRelu's slope. */
export function floatUnaryInto(op: UnaryOp, x: BackendValues, y: BackendValues, alpha: number): void {
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
export function intUnaryInto(op: UnaryOp, x: BackendValues, y: BackendValues): void {
  const n = y.length;
  switch (op) {
    case 'neg': for (let i = 0; i < n; i++) y[i] = -x[i]; return;
    case 'abs': for (let i = 0; i < n; i++) y[i] = Math.abs(x[i]); return;
    case 'square': for (let i = 0; i < n; i++) y[i] = Math.imul(x[i], x[i]); return;
    case 'sign': for (let i = 0; i < n; i++) y[i] = Math.sign(x[i]); return;
    case 'relu': for (let i = 0; i < n; i++) { const v = x[i]; y[i] = v < 0 ? 0 : v; } return;
    // Integers are already whole.
    case 'floor': case 'ceil': case 'round': y.set(x.subarray(0, n)); return;
    default: throw new ArgumentError(`unary: op ${op} is not defined on int32`);
  }
}
