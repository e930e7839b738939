/** `binary`: every op with broadcasting on float32, int32 arithmetic (floorDiv/mod signs), ties
 *  in comparisons, and the logical ops on bool. */
import type { DType } from '../../dtype.js';
import { BINARY_OPS, isComparisonOp, type BinaryOp } from '../../kernels/signatures.js';
import * as ops from '../../ops/index.js';
import type { Tensor } from '../../tensor.js';
import { Rng, expectTensor, toTensor, type CaseContext, type CaseDef } from '../harness.js';
import { binaryRef, broadcastMap } from '../reference/elementwise.js';
import { nd, type Nd } from '../reference/nd.js';

export const BINARY_FNS: Record<BinaryOp, (a: Tensor, b: Tensor) => Tensor> = {
  add: ops.add,
  sub: ops.sub,
  mul: ops.mul,
  div: ops.div,
  pow: ops.pow,
  minimum: ops.minimum,
  maximum: ops.maximum,
  squaredDifference: ops.squaredDifference,
  floorDiv: ops.floorDiv,
  mod: ops.mod,
  equal: ops.equal,
  notEqual: ops.notEqual,
  less: ops.less,
  lessEqual: ops.lessEqual,
  greater: ops.greater,
  greaterEqual: ops.greaterEqual,
  logicalAnd: ops.logicalAnd,
  logicalOr: ops.logicalOr,
};

/** Same shapes, scalars on either side, size-1 dims on both sides, rank differences, and a
 *  row broadcast over 33x65 that crosses vector and tile widths. */
export const BROADCAST_PAIRS: readonly (readonly [readonly number[], readonly number[]])[] = [
  [[], []],
  [[7], [7]],
  [[], [2, 3]],
  [[5], []],
  [[1], [6]],
  [[3, 4], [4]],
  [
    [2, 1, 5],
    [3, 1],
  ],
  [
    [17, 1],
    [1, 33],
  ],
  [
    [2, 3, 4, 5],
    [1, 3, 1, 5],
  ],
  [[33, 65], [65]],
  [
    [4, 1, 1],
    [1, 9, 16],
  ],
];

const LOGICAL: readonly BinaryOp[] = ['logicalAnd', 'logicalOr'];

/** Operands inside each op's domain. Comparisons draw from a few values so ties are common. */
function operands(op: BinaryOp, rng: Rng, sa: readonly number[], sb: readonly number[], dtype: DType): [Nd, Nd] {
  if (dtype === 'bool') return [rng.bools(sa), rng.bools(sb)];
  const divisor = op === 'div' || op === 'floorDiv' || op === 'mod';
  if (dtype === 'int32') {
    if (op === 'pow') return [rng.ints(sa, -3, 4), rng.ints(sb, 0, 5)];
    const b = rng.ints(sb, -20, 20);
    if (divisor) b.values.forEach((v, i) => (b.values[i] = v === 0 ? 7 : v));
    return [rng.ints(sa, -20, 20), b];
  }
  if (isComparisonOp(op)) {
    const pick = (s: readonly number[]): Nd => {
      const x = rng.ints(s, -2, 3);
      return { shape: x.shape, values: x.values.map((v) => v * 0.5) };
    };
    return [pick(sa), pick(sb)];
  }
  if (op === 'pow') return [rng.floats(sa, 0.1, 3), rng.floats(sb, -2, 2)];
  if (divisor) return [rng.floats(sa, -5, 5), rng.awayFrom(sb, -3, 3, Math.abs, 0.25)];
  return [rng.floats(sa, -3, 3), rng.floats(sb, -3, 3)];
}

function outDType(op: BinaryOp, dtype: DType): DType {
  return isComparisonOp(op) ? 'bool' : dtype;
}

/** Float32 error of a - floor(a/b)*b grows with |a|, not with the (small) remainder. */
function scaleOf(op: BinaryOp, a: Nd, b: Nd): Float64Array | undefined {
  if (op !== 'mod') return undefined;
  return broadcastMap(a, b, (x) => Math.abs(x)).values;
}

export async function checkBinary(ctx: CaseContext, what: string, op: BinaryOp, a: Nd, b: Nd, dtype: DType): Promise<void> {
  const at = toTensor(a, dtype);
  const bt = toTensor(b, dtype);
  try {
    const y = BINARY_FNS[op](at, bt);
    try {
      await expectTensor(what, y, binaryRef(op, a, b, dtype), outDType(op, dtype), ctx.tol, scaleOf(op, a, b));
    } finally {
      y.dispose();
    }
  } finally {
    at.dispose();
    bt.dispose();
  }
}

function broadcastCase(op: BinaryOp, dtype: DType): CaseDef {
  return {
    group: 'binary',
    name: `${op} ${dtype} broadcasting`,
    run: async (ctx) => {
      const rng = new Rng(`binary ${op} ${dtype}`);
      for (const [sa, sb] of BROADCAST_PAIRS) {
        const [a, b] = operands(op, rng, sa, sb, dtype);
        await checkBinary(ctx, `${op} ${dtype} [${sa}] with [${sb}]`, op, a, b, dtype);
      }
    },
  };
}

/** Every sign combination, exact multiples and zero numerators: where floor and trunc differ. */
const SIGNS_A = [7, -7, 7, -7, 6, -6, 0, 1, -1, 9];
const SIGNS_B = [2, 2, -2, -2, 3, 3, 5, -5, 5, -4];

export const binaryCases: CaseDef[] = [
  ...BINARY_OPS.filter((op) => !LOGICAL.includes(op)).map((op) => broadcastCase(op, 'float32')),
  ...BINARY_OPS.filter((op) => !LOGICAL.includes(op)).map((op) => broadcastCase(op, 'int32')),
  ...LOGICAL.map((op) => broadcastCase(op, 'bool')),
  ...(['equal', 'notEqual'] as const).map((op) => broadcastCase(op, 'bool')),
  {
    group: 'binary',
    name: 'div floorDiv mod signs',
    run: async (ctx) => {
      const a = nd([SIGNS_A.length], SIGNS_A);
      const b = nd([SIGNS_B.length], SIGNS_B);
      for (const dtype of ['float32', 'int32'] as const) {
        for (const op of ['div', 'floorDiv', 'mod'] as const) await checkBinary(ctx, `${op} ${dtype} signs`, op, a, b, dtype);
      }
      const fa = nd([4], [5.5, -5.5, 5.5, -5.5]);
      const fb = nd([4], [2, 2, -2, -2]);
      for (const op of ['floorDiv', 'mod'] as const) await checkBinary(ctx, `${op} float32 fractional signs`, op, fa, fb, 'float32');
    },
  },
  {
    group: 'binary',
    name: 'pow negative base, integer exponent',
    run: async (ctx) => {
      const a = nd([6], [-2, -3, -0.5, 2, -1, 0]);
      const b = nd([6], [3, 2, 2, -1, 5, 2]);
      await checkBinary(ctx, 'pow float32 negative base', 'pow', a, b, 'float32');
    },
  },
];
