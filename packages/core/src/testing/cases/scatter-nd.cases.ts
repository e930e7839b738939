/** `scatterND`: 1-D and [N, K] indices, slices, repeated indices adding up, float32 and int32;
 *  gradients; misuse. */
import { ShapeError } from '../../errors.js';
import { scatterND } from '../../ops/index.js';
import { expectThrows, Rng, type CaseDef } from '../harness.js';
import { scatterNDRef } from '../reference/indexing.js';
import { nd, type Nd } from '../reference/nd.js';
import { indicesInto } from './gather-nd.cases.js';
import { gradCase } from './grad-util.js';
import { checkOp } from './op-util.js';

/** Output shape, indices (batch shape and k; k 0 means 1-D indices), with repeats. */
const CONFIGS: readonly (readonly [readonly number[], readonly number[], number])[] = [
  [[8], [6], 0],
  [[4, 3], [5], 0],
  [[3, 4], [7, 2], 2],
  [[2, 3, 4], [2, 2, 1], 1],
  [[2, 3, 4], [9, 3], 3],
];

function indicesFor(rng: Rng, shape: readonly number[], batch: readonly number[], k: number): Nd {
  if (k > 0) return indicesInto(rng, shape, batch.slice(0, -1), k);
  return nd(
    batch,
    Array.from({ length: batch[0] }, () => Math.floor(rng.next() * shape[0])),
  );
}

export const scatterNDCases: CaseDef[] = [
  {
    group: 'scatterND',
    name: 'slices and repeated indices, float32 and int32; misuse',
    run: async (ctx) => {
      const rng = new Rng('scatterND');
      for (const dtype of ['float32', 'int32'] as const) {
        for (const [shape, batch, k] of CONFIGS) {
          const indices = indicesFor(rng, shape, batch, k);
          const depth = k > 0 ? k : 1;
          const updShape = [...(k > 0 ? indices.shape.slice(0, -1) : indices.shape), ...shape.slice(depth)];
          const updates = dtype === 'float32' ? rng.floats(updShape) : rng.ints(updShape, -100, 100);
          await checkOp(
            `scatterND ${dtype} indices [${indices.shape}] into [${shape}]`,
            [
              [indices, 'int32'],
              [updates, dtype],
            ],
            (i, u) => scatterND(i, u, shape),
            scatterNDRef(indices, updates, shape),
            dtype,
            ctx.tol,
          );
        }
      }
      expectThrows('scatterND updates of the wrong shape', () => scatterND([[0], [1]], [1, 2, 3], [4]), ShapeError, 'scatterND');
      expectThrows('scatterND indices too long', () => scatterND([[0, 1]], [1], [4]), ShapeError, 'scatterND');
    },
  },
  gradCase('scatterND', 'gradient of the updates, repeated indices', {
    inputs: (rng) => [rng.floats([4, 3])],
    constants: () => [[nd([4, 2], [1, 2, 0, 0, 1, 2, 3, 1]), 'int32']],
    f: ([updates], [indices]) => scatterND(indices, updates, [4, 3, 3]),
  }),
];
