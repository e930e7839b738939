import { type ArithmeticOp, type BinaryOp, type ComparisonOp, isComparisonOp, type KernelFn, sizeFromShape } from '@tensile/core';
import type { WebGlBackend } from '../backend.js';
import { broadcastIndexing, broadcastScalars, broadcastValues, collapseBroadcast } from './util/broadcast.js';
import { withOp } from './util/math.js';
import { OUT_INDEX, kernelSource } from './util/source.js';

const NAN_MIN_MAX = (f: string) => `(a != a || b != b) ? nan_() : ${f}(a, b)`;
const FLOAT: Readonly<Record<ArithmeticOp, string>> = {
  add: 'a + b',
  sub: 'a - b',
  mul: 'a * b',
  div: 'a / b',
  pow: 'pow_(a, b)',
  minimum: NAN_MIN_MAX('min'),
  maximum: NAN_MIN_MAX('max'),
  squaredDifference: '(a - b) * (a - b)',
  floorDiv: 'floor(a / b)',
  mod: 'floormod_(a, b)',
};
// int32 held as exact floats: division floors (x / 0 gives 0, as the reference's Int32Array store).
const INT: Readonly<Record<ArithmeticOp, string>> = {
  ...FLOAT,
  div: 'floordivi_(a, b)',
  pow: 'powi_(a, b)',
  minimum: 'min(a, b)',
  maximum: 'max(a, b)',
  floorDiv: 'floordivi_(a, b)',
  mod: 'floormodi_(a, b)',
};
const COMPARE: Readonly<Record<ComparisonOp, string>> = {
  equal: 'a == b',
  notEqual: 'a != b',
  less: 'a < b',
  lessEqual: 'a <= b',
  greater: 'a > b',
  greaterEqual: 'a >= b',
  logicalAnd: 'a != 0.0 && b != 0.0',
  logicalOr: 'a != 0.0 || b != 0.0',
};

function exprOf(op: BinaryOp, int: boolean): string {
  if (isComparisonOp(op)) return `(${COMPARE[op]}) ? 1.0 : 0.0`;
  return int ? INT[op] : FLOAT[op];
}

export const binary: KernelFn<'binary', WebGlBackend> = (backend, { a, b }, { op }, out) => {
  const c = collapseBroadcast(out.shape, [a.shape, b.shape]);
  const rank = c.shape.length;
  const int = a.dtype === 'int32';
  return backend.run(
    {
      key: `binary:${op}:${int ? 'i' : 'f'}:${rank}`,
      source: () =>
        kernelSource(
          ['xa', 'xb'],
          broadcastScalars(rank, ['a', 'b']),
          `${OUT_INDEX}\n${broadcastIndexing(rank, ['a', 'b'])}\nreturn op_(xa[a_idx], xb[b_idx]);`,
        ),
      natives: () => withOp('float a, float b', exprOf(op, int)),
    },
    [a, b],
    broadcastValues(c),
    sizeFromShape(out.shape),
    out.dtype,
  );
};
