/** `any`: single, several, negative and all axes, with and without kept dims, an empty axis. */
import { any } from '../../ops/index.js';
import { Rng, type CaseDef } from '../harness.js';
import { anyAllRef } from '../reference/reductions.js';
import { checkOp } from './op-util.js';

type Axis = number | readonly number[] | undefined;

/** [shape, axis]; mostly-false (or mostly-true, for all) rows so both outcomes occur. */
export const ANY_ALL_AXES: readonly (readonly [readonly number[], Axis])[] = [
  [[7], undefined],
  [[3, 4, 5], 1],
  [[3, 4, 5], -1],
  [
    [3, 4, 5],
    [0, 2],
  ],
  [[2, 65], 1],
  [[0, 3], 0],
  [[2, 3], []],
];

export function resolveAxes(axis: Axis, rank: number): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  return [...new Set(list.map((a) => (a < 0 ? a + rank : a)))].sort((p, q) => p - q);
}

/** Bools that are 1 with probability `p`. */
export function sparseBools(rng: Rng, shape: readonly number[], p: number): ReturnType<Rng['bools']> {
  const x = rng.bools(shape);
  for (let i = 0; i < x.values.length; i++) x.values[i] = rng.next() < p ? 1 : 0;
  return x;
}

export const anyCases: CaseDef[] = [
  {
    group: 'any',
    name: 'axes and keepDims',
    run: async (ctx) => {
      const rng = new Rng('any');
      for (const [shape, axis] of ANY_ALL_AXES) {
        for (const keepDims of [false, true]) {
          const x = sparseBools(rng, shape, 0.1);
          const expected = anyAllRef('any', x, resolveAxes(axis, shape.length), keepDims);
          await checkOp(
            `any [${shape}] axis ${JSON.stringify(axis)} keepDims ${keepDims}`,
            [[x, 'bool']],
            (t) => any(t, axis, keepDims),
            expected,
            'bool',
            ctx.tol,
          );
        }
      }
    },
  },
];
