/** `categoricalCrossentropyGrad` (the crossentropy's gradient in yPred) against the float64
 *  reference's full Jacobian, including rows where the clip is active (zero gradient there);
 *  plus the spec's checks. */
import { ENGINE } from '../../engine.js';
import { ShapeError } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { expectThrows, expectTensor, toTensor, type CaseContext, type CaseDef } from '../harness.js';
import { crossentropyGradRef } from '../reference/crossentropy.js';
import { nd, type Nd } from '../reference/nd.js';
import { EPSILON, clippedData, perShapeCases } from './categoricalCrossentropy.cases.js';

const K = 'categoricalCrossentropyGrad';

async function checkGrad(ctx: CaseContext, label: string, dy: Nd, t: Nd, p: Nd): Promise<void> {
  const { out, scale } = crossentropyGradRef(dy, t, p, EPSILON);
  const made: Tensor[] = [toTensor(dy), toTensor(t), toTensor(p)];
  try {
    const dp = ENGINE.runKernel(K, { dy: made[0], yTrue: made[1], yPred: made[2] }, { epsilon: EPSILON });
    made.push(dp);
    await expectTensor(`${K} ${label}`, dp, out, 'float32', ctx.tol, scale);
  } finally {
    for (const x of made) x.dispose();
  }
}

export const categoricalCrossentropyGradCases: CaseDef[] = [
  ...perShapeCases(K, [[7], [4, 10], [2, 3, 5], [128, 10]], (ctx, label, rng, { t, p }) =>
    checkGrad(ctx, label, rng.floats(p.shape.slice(0, -1), -1, 1), t, p),
  ),
  {
    group: K,
    name: 'zero where the clip holds a prediction at a bound',
    run: async (ctx) => {
      const { t, p } = clippedData();
      const expected = crossentropyGradRef(nd([3], [1, 1, 1]), t, p, EPSILON).out;
      // Row 0 is clipped in every class: no gradient at all. Row 2's zero class passes none either.
      if (expected.values.slice(0, 3).some((v) => v !== 0) || expected.values[8] === 0) {
        throw new Error(`${K}: the reference lost the clip's zeros`);
      }
      await checkGrad(ctx, 'clipped rows', nd([3], [1, 1, 1]), t, p);
    },
  },
  {
    group: K,
    name: 'rejects a dy that is not the per-sample loss shape',
    run: async () => {
      const p = toTensor(nd([2, 3], [0.2, 0.3, 0.5, 0.1, 0.1, 0.8]));
      const dy = toTensor(nd([3]));
      try {
        expectThrows(`${K} dy [3] for [2,3]`, () => ENGINE.runKernel(K, { dy, yTrue: p, yPred: p }, { epsilon: EPSILON }), ShapeError, K);
      } finally {
        for (const x of [p, dy]) x.dispose();
      }
    },
  },
];
