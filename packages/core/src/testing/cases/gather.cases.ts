/** `gather`: every axis (and a negative one), repeated and scalar indices, 2-D index tensors,
 *  on every dtype. */
import { DTYPES } from '../../dtype.js';
import { gather } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { gatherRef } from '../reference/layout.js';
import { valuesOf } from './transpose.cases.js';

const GATHERS: readonly (readonly [readonly number[], readonly number[], number])[] = [
  [[5], [4], 0],
  [[5, 3], [7], 0],
  [[5, 3], [4], 1],
  [[2, 6, 3], [2, 3], 1],
  [[2, 3, 4], [], 2],
  [[4, 3, 5], [6], -1],
  [[65, 17], [33], 0],
];

export const gatherCases: CaseDef[] = DTYPES.map((dtype) => ({
  group: 'gather',
  name: `${dtype} axes and index shapes`,
  run: async (ctx) => {
    const rng = new Rng(`gather ${dtype}`);
    for (const [shape, indexShape, axis] of GATHERS) {
      const a = axis < 0 ? axis + shape.length : axis;
      const x = valuesOf(rng, shape, dtype);
      const idx = rng.ints(indexShape, 0, shape[a]);
      const [xt, it] = [toTensor(x, dtype), toTensor(idx, 'int32')];
      const y = gather(xt, it, axis);
      try {
        await expectTensor(`gather ${dtype} [${shape}] indices [${indexShape}] axis ${axis}`, y, gatherRef(x, idx, a), dtype, ctx.tol);
      } finally {
        for (const t of [xt, it, y]) t.dispose();
      }
    }
  },
}));
