/** `reduce`: every op over single, several, negative and all axes, with and without kept dims,
 *  on float32 and int32; argMax/argMin ties go to the first index. */
import type { DType } from '../../dtype.js';
import type { ReduceOp } from '../../kernels/signatures.js';
import { argMax, argMin, max, mean, min, prod, sum } from '../../ops/index.js';
import type { Tensor } from '../../tensor.js';
import { Rng, expectTensor, toTensor, type CaseContext, type CaseDef } from '../harness.js';
import { nd, type Nd } from '../reference/nd.js';
import { reduceRef } from '../reference/reduce.js';

type Axis = number | readonly number[] | undefined;
type MultiOp = Exclude<ReduceOp, 'argMax' | 'argMin'>;

export const REDUCE_FNS: Record<MultiOp, (x: Tensor, axis: Axis, keepDims: boolean) => Tensor> = { sum, mean, max, min, prod };

/** [shape, axis] pairs: every single axis (some negative), non-adjacent and adjacent sets, all
 *  axes, and long rows (65, 257) that cross the widths a backend tiles by. */
const AXES: readonly (readonly [readonly number[], Axis])[] = [
  [[7], undefined],
  [[7], 0],
  [[1], 0],
  [[3, 4, 5], undefined],
  [[3, 4, 5], 0],
  [[3, 4, 5], 1],
  [[3, 4, 5], -1],
  [
    [3, 4, 5],
    [0, 2],
  ],
  [
    [3, 4, 5],
    [0, 1],
  ],
  [
    [3, 4, 5],
    [1, 2],
  ],
  [
    [3, 4, 5],
    [2, 0],
  ],
  [
    [2, 1, 3, 1],
    [1, 3],
  ],
  [[33, 65], 1],
  [[33, 65], 0],
  [[2, 257], -1],
  [
    [4, 3, 2, 5],
    [0, 2, 3],
  ],
];
const ARG_AXES: readonly (readonly [readonly number[], number])[] = [
  [[7], 0],
  [[1], 0],
  [[3, 4, 5], 0],
  [[3, 4, 5], 1],
  [[3, 4, 5], 2],
  [[3, 4, 5], -2],
  [[33, 65], 1],
  [[2, 257], 1],
];

function resolve(axis: Axis, rank: number): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  return [...new Set(list.map((a) => (a < 0 ? a + rank : a)))].sort((p, q) => p - q);
}

/** `reduced` is how many values meet in one output: int32 products of more than 16 factors
 *  draw from {-1, 0, 1} so they cannot overflow. */
function input(op: ReduceOp, rng: Rng, shape: readonly number[], dtype: DType, reduced: number): Nd {
  if (dtype === 'int32')
    return op === 'prod' ? (reduced > 16 ? rng.ints(shape, -1, 2) : rng.ints(shape, -3, 4)) : rng.ints(shape, -1000, 1000);
  // Products of up to 257 factors stay near 1 when the factors do.
  return op === 'prod' ? rng.floats(shape, 0.9, 1.1) : rng.floats(shape, -2, 2);
}

async function checkReduce(
  ctx: CaseContext,
  what: string,
  op: ReduceOp,
  x: Nd,
  dtype: DType,
  axis: Axis,
  keepDims: boolean,
): Promise<void> {
  const xt = toTensor(x, dtype);
  try {
    const y =
      op === 'argMax' || op === 'argMin'
        ? (op === 'argMax' ? argMax : argMin)(xt, typeof axis === 'number' ? axis : 0)
        : REDUCE_FNS[op](xt, axis, keepDims);
    try {
      const ref = reduceRef(op, x, resolve(axis, x.shape.length), keepDims);
      const outDType: DType = op === 'argMax' || op === 'argMin' ? 'int32' : op === 'mean' ? 'float32' : dtype;
      await expectTensor(what, y, ref.out, outDType, ctx.tol, ref.scale);
    } finally {
      y.dispose();
    }
  } finally {
    xt.dispose();
  }
}

function multiCase(op: MultiOp, dtype: DType): CaseDef {
  return {
    group: 'reduce',
    name: `${op} ${dtype}`,
    run: async (ctx) => {
      const rng = new Rng(`reduce ${op} ${dtype}`);
      for (const [shape, axis] of AXES) {
        const reduced = resolve(axis, shape.length).reduce((p, a) => p * shape[a], 1);
        for (const keepDims of [false, true]) {
          const x = input(op, rng, shape, dtype, reduced);
          await checkReduce(
            ctx,
            `${op} ${dtype} [${shape}] axis ${JSON.stringify(axis)} keepDims ${keepDims}`,
            op,
            x,
            dtype,
            axis,
            keepDims,
          );
        }
      }
    },
  };
}

function argCase(op: 'argMax' | 'argMin', dtype: DType): CaseDef {
  return {
    group: 'reduce',
    name: `${op} ${dtype}`,
    run: async (ctx) => {
      const rng = new Rng(`reduce ${op} ${dtype}`);
      for (const [shape, axis] of ARG_AXES) {
        // Few distinct values, so most rows hold ties that only "first index" resolves.
        const x = dtype === 'int32' ? rng.ints(shape, -3, 3) : input(op, rng, shape, dtype, 1);
        await checkReduce(ctx, `${op} ${dtype} [${shape}] axis ${axis}`, op, x, dtype, axis, false);
      }
    },
  };
}

export const reduceCases: CaseDef[] = [
  ...(['sum', 'mean', 'max', 'min', 'prod'] as const).flatMap((op) => [multiCase(op, 'float32'), multiCase(op, 'int32')]),
  ...(['argMax', 'argMin'] as const).flatMap((op) => [argCase(op, 'float32'), argCase(op, 'int32')]),
  {
    group: 'reduce',
    name: 'argMax and argMin ties take the first index',
    run: async (ctx) => {
      const x = nd([4, 5], [1, 3, 3, 0, 3, 2, 2, 2, 2, 2, -1, -5, -5, 0, -5, 0, 0, 0, 0, 7]);
      for (const op of ['argMax', 'argMin'] as const) {
        for (const axis of [0, 1]) await checkReduce(ctx, `${op} ties axis ${axis}`, op, x, 'float32', axis, false);
      }
    },
  },
];
