import { ArgumentError, COMPARISON_OPS, sizeFromShape, type BackendValues, type BinaryOp, type KernelFn } from '@tensile/core';
import type { CpuBackend } from '../backend.js';
import { forEachBroadcastRun } from './util/broadcast.js';
import { floorMod, intPow } from './util/math.js';

export const binary: KernelFn<'binary', CpuBackend> = (backend, { a, b }, { op }, out) => {
  const size = sizeFromShape(out.shape);
  if (COMPARISON_OPS.includes(op)) {
    const av = backend.values(a);
    const bv = backend.values(b);
    const dst = new Uint8Array(size);
    forEachBroadcastRun(out.shape, a.shape, b.shape, (o, ai, as, bi, bs, len) => compareRun(op, av, ai, as, bv, bi, bs, dst, o, len));
    return backend.store(dst, 'bool');
  }
  if (out.dtype === 'int32') {
    const av = backend.ints(a);
    const bv = backend.ints(b);
    const dst = new Int32Array(size);
    forEachBroadcastRun(out.shape, a.shape, b.shape, (o, ai, as, bi, bs, len) => intRun(op, av, ai, as, bv, bi, bs, dst, o, len));
    return backend.store(dst, 'int32');
  }
  const av = backend.floats(a);
  const bv = backend.floats(b);
  const dst = new Float32Array(size);
  forEachBroadcastRun(out.shape, a.shape, b.shape, (o, ai, as, bi, bs, len) => floatRun(op, av, ai, as, bv, bi, bs, dst, o, len));
  return backend.store(dst, 'float32');
};

// One loop per op, chosen once per run; `as`/`bs` are 0 (broadcast) or 1.
function floatRun(
  op: BinaryOp, a: Float32Array, ai: number, as: number, b: Float32Array, bi: number, bs: number,
  y: Float32Array, o: number, len: number,
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
  op: BinaryOp, a: Int32Array, ai: number, as: number, b: Int32Array, bi: number, bs: number,
  y: Int32Array, o: number, len: number,
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
  y: Uint8Array, o: number, len: number,
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
