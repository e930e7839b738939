/** `gatherND`: whole-rank and partial indices, batched indices, every dtype; gradients with
 *  repeated indices; misuse. */
import { DTYPES } from '../../dtype.js';
import { DTypeError, ShapeError } from '../../errors.js';
import { gatherND } from '../../ops/index.js';
import { expectThrows, Rng, type CaseDef } from '../harness.js';
import { gatherNDRef } from '../reference/indexing.js';
import { nd, type Nd } from '../reference/nd.js';
import { gradCase } from './grad-util.js';
import { checkOp } from './op-util.js';
import { valuesOf } from './transpose.cases.js';

/** Random in-range indices [...batch, k] into the first k axes of `shape`. */
export function indicesInto(rng: Rng, shape: readonly number[], batch: readonly number[], k: number): Nd {
  const out = nd([...batch, k]);
  for (let i = 0; i < out.values.length; i++) out.values[i] = Math.floor(rng.next() * shape[i % k]);
  return out;
}

const CONFIGS: readonly (readonly [readonly number[], readonly number[], number])[] = [
  [[5], [3], 1],
  [[3, 4], [5], 2],
  [[3, 4], [2, 2], 1],
  [[2, 3, 4], [4], 2],
  [[2, 3, 4, 2], [3, 1], 3],
];

export const gatherNDCases: CaseDef[] = [
  {
    group: 'gatherND',
    name: 'whole and partial indices, every dtype; misuse',
    run: async (ctx) => {
      const rng = new Rng('gatherND');
      for (const dtype of DTYPES) {
        for (const [shape, batch, k] of CONFIGS) {
          const x = valuesOf(rng, shape, dtype);
          const indices = indicesInto(rng, shape, batch, k);
          await checkOp(
            `gatherND ${dtype} x [${shape}] indices [${indices.shape}]`,
            [
              [x, dtype],
              [indices, 'int32'],
            ],
            (t, i) => gatherND(t, i),
            gatherNDRef(x, indices),
            dtype,
            ctx.tol,
          );
        }
      }
      expectThrows('gatherND indices too long', () => gatherND([1, 2], [[0, 0, 0]]), ShapeError, 'gatherND');
      expectThrows('gatherND float indices', () => gatherND([1, 2], [0.5]), DTypeError, 'gatherND');
    },
  },
  gradCase('gatherND', 'gradient [3,4,2] repeated indices', {
    inputs: (rng) => [rng.floats([3, 4, 2])],
    constants: () => [[nd([4, 2], [1, 2, 0, 3, 1, 2, 2, 0]), 'int32']],
    f: ([x], [indices]) => gatherND(x, indices),
  }),
];
