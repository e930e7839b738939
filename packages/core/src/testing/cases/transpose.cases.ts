/** `transpose`: 2-D, every 3-D permutation, 4-D, size-1 dims and the default (reversed) perm,
 *  on every dtype (layout kernels must move bytes of any width). */
import { DTYPES, type DType } from '../../dtype.js';
import { transpose } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { transposeRef } from '../reference/layout.js';
import type { Nd } from '../reference/nd.js';

const PERMS: readonly (readonly [readonly number[], readonly number[] | undefined])[] = [
  [
    [3, 5],
    [1, 0],
  ],
  [
    [33, 65],
    [1, 0],
  ],
  [
    [2, 3, 4],
    [0, 2, 1],
  ],
  [
    [2, 3, 4],
    [1, 0, 2],
  ],
  [
    [2, 3, 4],
    [1, 2, 0],
  ],
  [
    [2, 3, 4],
    [2, 0, 1],
  ],
  [
    [2, 3, 4],
    [2, 1, 0],
  ],
  [
    [2, 3, 4, 5],
    [3, 1, 0, 2],
  ],
  [
    [2, 3, 4, 5],
    [0, 3, 1, 2],
  ],
  [
    [1, 7, 1],
    [2, 1, 0],
  ],
  [[4, 6, 5], undefined],
];

export function valuesOf(rng: Rng, shape: readonly number[], dtype: DType): Nd {
  return dtype === 'float32' ? rng.floats(shape, -5, 5) : dtype === 'int32' ? rng.ints(shape, -1000, 1000) : rng.bools(shape);
}

export const transposeCases: CaseDef[] = DTYPES.map((dtype) => ({
  group: 'transpose',
  name: `${dtype} permutations`,
  run: async (ctx) => {
    const rng = new Rng(`transpose ${dtype}`);
    for (const [shape, perm] of PERMS) {
      const x = valuesOf(rng, shape, dtype);
      const xt = toTensor(x, dtype);
      const y = transpose(xt, perm);
      try {
        const p = perm ?? shape.map((_, i) => shape.length - 1 - i);
        await expectTensor(`transpose ${dtype} [${shape}] perm [${p}]`, y, transposeRef(x, p), dtype, ctx.tol);
      } finally {
        xt.dispose();
        y.dispose();
      }
    }
  },
}));
