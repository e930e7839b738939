/** `concat`: every axis (and a negative one), two to four inputs of unequal extents, size-1
 *  pieces, on every dtype. */
import { DTYPES } from '../../dtype.js';
import { concat } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { concatRef } from '../reference/layout.js';
import { valuesOf } from './transpose.cases.js';

const CONCATS: readonly (readonly [readonly (readonly number[])[], number])[] = [
  [[[3], [4]], 0],
  [
    [
      [2, 3],
      [5, 3],
    ],
    0,
  ],
  [
    [
      [2, 3],
      [2, 1],
      [2, 5],
    ],
    1,
  ],
  [
    [
      [2, 3, 4],
      [2, 3, 1],
    ],
    -1,
  ],
  [
    [
      [2, 1, 4],
      [2, 5, 4],
      [2, 2, 4],
      [2, 1, 4],
    ],
    1,
  ],
  [
    [
      [1, 2, 3, 4],
      [2, 2, 3, 4],
    ],
    0,
  ],
  [
    [
      [33, 17],
      [33, 48],
    ],
    1,
  ],
];

export const concatCases: CaseDef[] = DTYPES.map((dtype) => ({
  group: 'concat',
  name: `${dtype} axes`,
  run: async (ctx) => {
    const rng = new Rng(`concat ${dtype}`);
    for (const [shapes, axis] of CONCATS) {
      const xs = shapes.map((s) => valuesOf(rng, s, dtype));
      const ts = xs.map((x) => toTensor(x, dtype));
      try {
        const y = concat(ts, axis);
        try {
          const a = axis < 0 ? axis + shapes[0].length : axis;
          await expectTensor(`concat ${dtype} ${JSON.stringify(shapes)} axis ${axis}`, y, concatRef(xs, a), dtype, ctx.tol);
        } finally {
          y.dispose();
        }
      } finally {
        for (const t of ts) t.dispose();
      }
    }
  },
}));
