/** `reverse`: every dtype, one axis, several, negative, and all (the default); gradients. */
import { DTYPES } from '../../dtype.js';
import { ArgumentError } from '../../errors.js';
import { reverse } from '../../ops/index.js';
import { expectThrows, Rng, type CaseDef } from '../harness.js';
import { reverseRef } from '../reference/indexing.js';
import { gradCase } from './grad-util.js';
import { checkOp } from './op-util.js';
import { valuesOf } from './transpose.cases.js';

/** Shape, the axis argument, and the axes it means. */
const CONFIGS: readonly (readonly [readonly number[], number | readonly number[] | undefined, readonly number[]])[] = [
  [[5], undefined, [0]],
  [[3, 4], 1, [1]],
  [[3, 4], -2, [0]],
  [
    [2, 3, 4],
    [0, 2],
    [0, 2],
  ],
  [[2, 1, 3, 5], undefined, [0, 1, 2, 3]],
  [[33, 3], 0, [0]],
];

export const reverseCases: CaseDef[] = [
  {
    group: 'reverse',
    name: 'every dtype, axes; misuse',
    run: async (ctx) => {
      const rng = new Rng('reverse');
      for (const dtype of DTYPES) {
        for (const [shape, axis, axes] of CONFIGS) {
          const x = valuesOf(rng, shape, dtype);
          await checkOp(
            `reverse ${dtype} [${shape}] axis ${String(axis)}`,
            [[x, dtype]],
            (t) => reverse(t, axis),
            reverseRef(x, axes),
            dtype,
            ctx.tol,
          );
        }
      }
      expectThrows('reverse axis out of range', () => reverse([[1, 2]], 2), ArgumentError, 'reverse');
    },
  },
  gradCase('reverse', 'gradient [3,4] axes [0,1]', { inputs: (rng) => [rng.floats([3, 4])], f: ([x]) => reverse(x, [0, 1]) }),
];
