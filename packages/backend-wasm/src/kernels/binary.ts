import { ArgumentError, COMPARISON_OPS, sizeFromShape, type BackendValues, type BinaryOp, type KernelFn } from '@tensile/core';
import type { WasmBackend } from '../backend.js';
import { forEachBroadcastRun, mergeBroadcast } from './util/broadcast.js';
import { floorMod, intPow } from './util/math.js';

/** Op codes of assembly/elementwise.ts. */
const FLOAT_OPS: Partial<Record<BinaryOp, number>> = {
  add: 0, sub: 1, mul: 2, div: 3, minimum: 4, maximum: 5, squaredDifference: 6, pow: 7, floorDiv: 8, mod: 9,
};

const MIN_PER_THREAD = 32768;

/** float32 arithmetic runs in wasm; comparisons and int32 arithmetic in TypeScript loops over the heap. */
export const binary: KernelFn<'binary', WasmBackend> = (backend, { a, b }, { op }, out) => {
  const size = sizeFromShape(out.shape);
  const y = backend.allocData(size, out.dtype);
  const code = FLOAT_OPS[op];
  if (out.dtype === 'float32' && code !== undefined) {
    const m = mergeBroadcast(out.shape, a.shape, b.shape);
    if (m.dims.length <= 4 && size > 0) {
      while (m.dims.length < 4) {
        m.dims.unshift(1);
        m.as.unshift(0);
        m.bs.unshift(0);
      }
      const p = backend.params(code, backend.ptr(a), backend.ptr(b), y.ptr, ...m.dims, ...m.as, ...m.bs);
      const outer = m.dims[0] * m.dims[1] * m.dims[2];
      // Units are outer rows, or the elements of the single run.
      backend.run('binary', p, outer === 1 ? m.dims[3] : outer, outer === 1 ? MIN_PER_THREAD : Math.ceil(MIN_PER_THREAD / m.dims[3]));
      return y;
    }
  }
  const av = backend.values(a);
  const bv = backend.values(b);
  const dst = backend.view(y);
  const runs = (fn: (o: number, ai: number, as: number, bi: number, bs: number, len: number) => void): void =>
    forEachBroadcastRun(out.shape, a.shape, b.shape, fn);
  if (COMPARISON_OPS.includes(op)) runs((o, ai, as, bi, bs, len) => compareRun(op, av, ai, as, bv, bi, bs, dst, o, len));
  else if (out.dtype === 'int32') runs((o, ai, as, bi, bs, len) => intRun(op, av, ai, as, bv, bi, bs, dst, o, len));
  else runs((o, ai, as, bi, bs, len) => floatRun(op, av, ai, as, bv, bi, bs, dst, o, len));
  return y;
};

// Rank > 4 after merging is rare: the general float path, one loop per op.
function floatRun(
  op: BinaryOp, a: BackendValues, ai: number, as: number, b: BackendValues, bi: number, bs: number,
  y: BackendValues, o: number, len: number,
): void {
  const f = floatOp(op);
  for (let end = o + len; o < end; o++, ai += as, bi += bs) y[o] = f(a[ai], b[bi]);
}

function floatOp(op: BinaryOp): (x: number, y: number) => number {
  switch (op) {
    case 'add': return (x, y) => x + y;
    case 'sub': return (x, y) => x - y;
    case 'mul': return (x, y) => x * y;
    case 'div': return (x, y) => x / y;
    case 'pow': return Math.pow;
    case 'minimum': return Math.min;
    case 'maximum': return Math.max;
    case 'squaredDifference': return (x, y) => (x - y) * (x - y);
    case 'floorDiv': return (x, y) => Math.floor(x / y);
    case 'mod': return floorMod;
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
