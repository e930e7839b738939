/** `tile`: every dtype, ranks 1 to 4, reps of 1 and 0; gradients sum over the copies. */
import { DTYPES } from '../../dtype.js';
import { ArgumentError, ShapeError } from '../../errors.js';
import { tile } from '../../ops/index.js';
import { expectThrows, Rng, type CaseDef } from '../harness.js';
import { tileRef } from '../reference/indexing.js';
import { gradCase } from './grad-util.js';
import { checkOp } from './op-util.js';
import { valuesOf } from './transpose.cases.js';

const CONFIGS: readonly (readonly [readonly number[], readonly number[]])[] = [
  [[3], [4]],
  [
    [2, 3],
    [1, 2],
  ],
  [
    [2, 1, 3],
    [2, 3, 1],
  ],
  [
    [1, 2, 2, 3],
    [2, 1, 2, 1],
  ],
  [
    [2, 2],
    [0, 3],
  ],
];

export const tileCases: CaseDef[] = [
  {
    group: 'tile',
    name: 'every dtype, ranks 1-4; misuse',
    run: async (ctx) => {
      const rng = new Rng('tile');
      for (const dtype of DTYPES) {
        for (const [shape, reps] of CONFIGS) {
          const x = valuesOf(rng, shape, dtype);
          await checkOp(`tile ${dtype} [${shape}] reps [${reps}]`, [[x, dtype]], (t) => tile(t, reps), tileRef(x, reps), dtype, ctx.tol);
        }
      }
      expectThrows('tile reps shorter than rank', () => tile([[1, 2]], [2]), ShapeError, 'tile');
      expectThrows('tile negative reps', () => tile([1, 2], [-1]), ArgumentError, 'tile');
    },
  },
  gradCase('tile', 'gradient [2,3] reps [3,2]', { inputs: (rng) => [rng.floats([2, 3])], f: ([x]) => tile(x, [3, 2]) }),
];
