/** `oneHot`: 1-D and 2-D indices, custom on/off values, every output dtype, and out-of-range
 *  indices (negative or >= depth) giving a row of offValue, as TensorFlow. */
import { DTYPES } from '../../dtype.js';
import { oneHot } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { castRef } from '../reference/elementwise.js';
import { oneHotRef } from '../reference/layout.js';
import { nd } from '../reference/nd.js';

export const oneHotCases: CaseDef[] = [
  ...DTYPES.map(
    (dtype): CaseDef => ({
      group: 'oneHot',
      name: `${dtype} output`,
      run: async (ctx) => {
        const rng = new Rng(`oneHot ${dtype}`);
        const [on, off] = dtype === 'bool' ? [1, 0] : [5, -1];
        for (const [shape, depth] of [
          [[7], 4],
          [[3, 5], 10],
          [[1], 1],
          [[65], 33],
        ] as const) {
          const idx = rng.ints(shape, 0, depth);
          const it = toTensor(idx, 'int32');
          const y = oneHot(it, depth, on, off, dtype);
          try {
            await expectTensor(
              `oneHot [${shape}] depth ${depth} ${dtype}`,
              y,
              castRef(oneHotRef(idx, depth, on, off), dtype),
              dtype,
              ctx.tol,
            );
          } finally {
            it.dispose();
            y.dispose();
          }
        }
      },
    }),
  ),
  {
    group: 'oneHot',
    name: 'out-of-range indices give offValue rows',
    run: async (ctx) => {
      const idx = nd([6], [-1, 0, 3, 4, 7, 2]);
      const it = toTensor(idx, 'int32');
      const y = oneHot(it, 4, 1, 0, 'float32');
      try {
        await expectTensor('oneHot out of range', y, oneHotRef(idx, 4, 1, 0), 'float32', ctx.tol);
      } finally {
        it.dispose();
        y.dispose();
      }
    },
  },
];
