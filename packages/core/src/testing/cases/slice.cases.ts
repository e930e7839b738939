/** `slice`: every rank to 4, offsets on every axis, whole and size-1 extents, on every dtype. */
import { DTYPES } from '../../dtype.js';
import { slice } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { sliceRef } from '../reference/layout.js';
import { valuesOf } from './transpose.cases.js';

const SLICES: readonly (readonly [readonly number[], readonly number[], readonly number[]])[] = [
  [[7], [2], [3]],
  [[7], [0], [7]],
  [[7], [6], [1]],
  [
    [3, 5],
    [1, 2],
    [2, 3],
  ],
  [
    [3, 5],
    [0, 0],
    [3, 1],
  ],
  [
    [2, 3, 4],
    [1, 1, 1],
    [1, 2, 3],
  ],
  [
    [2, 3, 4, 5],
    [1, 0, 2, 1],
    [1, 3, 2, 3],
  ],
  [
    [33, 65],
    [1, 3],
    [32, 60],
  ],
  [
    [4, 1, 6],
    [2, 0, 3],
    [2, 1, 3],
  ],
];

export const sliceCases: CaseDef[] = [
  ...DTYPES.map(
    (dtype): CaseDef => ({
      group: 'slice',
      name: `${dtype} blocks`,
      run: async (ctx) => {
        const rng = new Rng(`slice ${dtype}`);
        for (const [shape, begin, size] of SLICES) {
          const x = valuesOf(rng, shape, dtype);
          const xt = toTensor(x, dtype);
          const y = slice(xt, begin, size);
          try {
            await expectTensor(`slice ${dtype} [${shape}] begin [${begin}] size [${size}]`, y, sliceRef(x, begin, size), dtype, ctx.tol);
          } finally {
            xt.dispose();
            y.dispose();
          }
        }
      },
    }),
  ),
  {
    group: 'slice',
    name: 'size -1 runs to the end',
    run: async (ctx) => {
      const x = new Rng('slice -1').floats([4, 6]);
      const xt = toTensor(x);
      const y = slice(xt, [1, 2], [-1, -1]);
      try {
        await expectTensor('slice [4,6] begin [1,2] size [-1,-1]', y, sliceRef(x, [1, 2], [3, 4]), 'float32', ctx.tol);
      } finally {
        xt.dispose();
        y.dispose();
      }
    },
  },
];
