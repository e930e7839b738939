/** `topk`: ranks 1 to 3, k from 0 to the whole row, ties (lower index first), -Infinity entries,
 *  int32; its gradient on distinct values. */
import type { DType } from '../../dtype.js';
import { topk } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import type { Nd } from '../reference/nd.js';
import { topkRef } from '../reference/selection.js';
import { gradCase } from './grad-util.js';
import { ndOf } from './op-util.js';

async function checkTopk(what: string, x: Nd, dtype: DType, k: number, tol: { rtol: number; atol: number }): Promise<void> {
  const xt = toTensor(x, dtype);
  const { values, indices } = topk(xt, k);
  try {
    const ref = topkRef(x, k);
    await expectTensor(`${what} values`, values, ref.values, dtype, tol);
    await expectTensor(`${what} indices`, indices, ref.indices, 'int32', tol);
  } finally {
    for (const t of [xt, values, indices]) t.dispose();
  }
}

export const topkCases: CaseDef[] = [
  {
    group: 'topk',
    name: 'ranks, k, ties, -Infinity and int32',
    run: async (ctx) => {
      const rng = new Rng('topk');
      const configs: [readonly number[], number][] = [
        [[17], 5],
        [[3, 10], 1],
        [[3, 10], 3],
        [[3, 10], 10],
        [[2, 3, 6], 2],
        [[4, 70], 4],
        [[2, 5], 0],
      ];
      for (const [shape, k] of configs) {
        // Few distinct values, so ties are common.
        const x = rng.ints(shape, -4, 4);
        await checkTopk(`topk float32 [${shape}] k ${k}`, x, 'float32', k, ctx.tol);
        await checkTopk(`topk int32 [${shape}] k ${k}`, rng.ints(shape, -1000, 1000), 'int32', k, ctx.tol);
      }
      const inf = Number.NEGATIVE_INFINITY;
      await checkTopk('topk -Infinity entries', ndOf([2, 4], [inf, inf, 1, inf, 2, inf, inf, 3]), 'float32', 4, ctx.tol);
      await checkTopk('topk int32 lowest entries', ndOf([5], [-2147483648, 3, -2147483648, -2147483648, 0]), 'int32', 5, ctx.tol);
    },
  },
  gradCase('topk', 'gradient', {
    inputs: (rng) => [rng.distinct([3, 7], -2, 0.1)],
    f: ([x]) => topk(x, 3).values,
  }),
];
