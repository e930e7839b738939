/** `categoricalCrossentropy` (Keras' crossentropy of probabilities, per sample) against a float64
 *  reference: ranks 1 to 3, one-hot and soft targets, rows that do not sum to 1, and rows where
 *  the clip is active; gradients with respect to both inputs; plus the spec's checks. */
import { ENGINE } from '../../engine.js';
import { ArgumentError, DTypeError, ShapeError } from '../../errors.js';
import { categoricalCrossentropy } from '../../ops/index.js';
import type { Tensor } from '../../tensor.js';
import { Rng, expectThrows, expectTensor, toTensor, type CaseContext, type CaseDef } from '../harness.js';
import { crossentropyRef } from '../reference/crossentropy.js';
import { nd, type Nd } from '../reference/nd.js';
import { gradCase } from './grad-util.js';

const K = 'categoricalCrossentropy';
export const EPSILON = 1e-7;

/** Positive predictions in [0.05, 1] (not normalised) and targets, one-hot or soft, for each row. */
function crossentropyData(rng: Rng, shape: readonly number[], soft: boolean): { t: Nd; p: Nd } {
  const p = rng.floats(shape, 0.05, 1);
  const d = shape[shape.length - 1];
  const t = soft ? rng.floats(shape, 0, 1) : nd(shape);
  if (!soft) for (let o = 0; o < t.values.length; o += d) t.values[o + Math.floor(rng.next() * d)] = 1;
  return { t, p };
}

/** Rows where the clip bites: a certain prediction (1, then zeros) and one with a zero class. */
export function clippedData(): { t: Nd; p: Nd } {
  return {
    p: nd([3, 3], [1, 0, 0, 0, 1, 0, 0.5, 0.5, 0]),
    t: nd([3, 3], [1, 0, 0, 1, 0, 0, 0.25, 0.25, 0.5]),
  };
}

async function checkForward(ctx: CaseContext, label: string, t: Nd, p: Nd): Promise<void> {
  const { out, scale } = crossentropyRef(t, p, EPSILON);
  const made: Tensor[] = [toTensor(t), toTensor(p)];
  try {
    const loss = ENGINE.runKernel(K, { yTrue: made[0], yPred: made[1] }, { epsilon: EPSILON });
    made.push(loss);
    await expectTensor(`${K} ${label}`, loss, out, 'float32', ctx.tol, scale);
  } finally {
    for (const x of made) x.dispose();
  }
}

/** One case per shape with one-hot targets and one with soft targets, each drawing its own data. */
export function perShapeCases(
  group: string,
  shapes: readonly (readonly number[])[],
  check: (ctx: CaseContext, label: string, rng: Rng, data: { t: Nd; p: Nd }) => Promise<void>,
): CaseDef[] {
  return shapes.flatMap((shape) =>
    [false, true].map(
      (soft): CaseDef => ({
        group,
        name: `[${shape}], ${soft ? 'soft' : 'one-hot'} targets`,
        run: async (ctx) => {
          const rng = new Rng(`${group} [${shape}] ${soft}`);
          await check(ctx, `[${shape}]`, rng, crossentropyData(rng, shape, soft));
        },
      }),
    ),
  );
}

const forwardCases: CaseDef[] = [
  ...perShapeCases(K, [[7], [4, 10], [2, 3, 5]], (ctx, label, _rng, { t, p }) => checkForward(ctx, label, t, p)),
  {
    group: K,
    name: 'predictions of 0 and 1 are clipped to [epsilon, 1 - epsilon]',
    run: async (ctx) => {
      const { t, p } = clippedData();
      await checkForward(ctx, 'clipped rows', t, p);
    },
  },
];

const gradCases = [false, true].map((soft) =>
  gradCase(K, `gradients, ${soft ? 'soft' : 'one-hot'} targets`, {
    inputs: (rng) => {
      const { t, p } = crossentropyData(rng, [3, 4], soft);
      return [t, p];
    },
    f: ([t, p]) => categoricalCrossentropy(t, p, EPSILON),
  }),
);

const errorCase: CaseDef = {
  group: K,
  name: 'rejects mismatched shapes, int32 inputs, a scalar and a bad epsilon',
  run: async () => {
    const p = toTensor(nd([2, 3], [0.2, 0.3, 0.5, 0.1, 0.1, 0.8]));
    const t = toTensor(nd([2, 2]));
    const tInt = toTensor(nd([2, 3]), 'int32');
    const s = toTensor(nd([], [1]));
    try {
      expectThrows(`${K} [2,2] targets for [2,3]`, () => ENGINE.runKernel(K, { yTrue: t, yPred: p }, { epsilon: EPSILON }), ShapeError, K);
      expectThrows(`${K} int32 targets`, () => ENGINE.runKernel(K, { yTrue: tInt, yPred: p }, { epsilon: EPSILON }), DTypeError, K);
      expectThrows(`${K} scalar`, () => ENGINE.runKernel(K, { yTrue: s, yPred: s }, { epsilon: EPSILON }), ShapeError, K);
      expectThrows(`${K} epsilon 0.5`, () => ENGINE.runKernel(K, { yTrue: p, yPred: p }, { epsilon: 0.5 }), ArgumentError, K);
    } finally {
      for (const x of [p, t, tInt, s]) x.dispose();
    }
  },
};

export const categoricalCrossentropyCases: CaseDef[] = [...forwardCases, ...gradCases, errorCase];
