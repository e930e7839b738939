/** `select` (the `where` op): condition, a and b broadcast together, for every dtype of a/b. */
import { DTYPES, type DType } from '../../dtype.js';
import { where } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { selectRef } from '../reference/elementwise.js';
import type { Nd } from '../reference/nd.js';

const SHAPES: readonly (readonly [readonly number[], readonly number[], readonly number[]])[] = [
  [[], [], []],
  [[7], [7], [7]],
  [
    [3, 4],
    [3, 4],
    [3, 4],
  ],
  [[4], [3, 4], []],
  [
    [2, 1, 3],
    [1, 5, 1],
    [5, 3],
  ],
  [[1], [33, 17], [17]],
  [[65], [65], [1]],
];

function values(rng: Rng, shape: readonly number[], dtype: DType): Nd {
  return dtype === 'float32' ? rng.floats(shape, -5, 5) : dtype === 'int32' ? rng.ints(shape, -100, 100) : rng.bools(shape);
}

export const selectCases: CaseDef[] = DTYPES.map((dtype) => ({
  group: 'select',
  name: `where ${dtype} broadcasting`,
  run: async (ctx) => {
    const rng = new Rng(`select ${dtype}`);
    for (const [sc, sa, sb] of SHAPES) {
      const c = rng.bools(sc);
      const a = values(rng, sa, dtype);
      const b = values(rng, sb, dtype);
      const [ct, at, bt] = [toTensor(c, 'bool'), toTensor(a, dtype), toTensor(b, dtype)];
      const y = where(ct, at, bt);
      try {
        await expectTensor(`where ${dtype} [${sc}] [${sa}] [${sb}]`, y, selectRef(c, a, b), dtype, ctx.tol);
      } finally {
        for (const t of [ct, at, bt, y]) t.dispose();
      }
    }
  },
}));
