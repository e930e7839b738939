/** `atan2`: every quadrant and octant, broadcasting, the axes, infinities and NaN, int32; its
 *  gradient away from the origin. */
import { atan2 } from '../../ops/index.js';
import { Rng, type CaseDef } from '../harness.js';
import { atan2Ref } from '../reference/predicates.js';
import { gradCase } from './grad-util.js';
import { checkOp, ndOf } from './op-util.js';

const EDGE = [0, 1, -1, 2, -0.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN];

export const atan2Cases: CaseDef[] = [
  {
    group: 'atan2',
    name: 'quadrants, broadcasting, edges and int32',
    run: async (ctx) => {
      const rng = new Rng('atan2');
      const pairs: [readonly number[], readonly number[]][] = [
        [
          [6, 37],
          [6, 37],
        ],
        [
          [4, 1],
          [1, 9],
        ],
        [[], [11]],
      ];
      for (const [sa, sb] of pairs) {
        const a = rng.floats(sa, -3, 3);
        const b = rng.floats(sb, -3, 3);
        await checkOp(
          `atan2 [${sa}] [${sb}]`,
          [
            [a, 'float32'],
            [b, 'float32'],
          ],
          atan2,
          atan2Ref(a, b),
          'float32',
          ctx.tol,
        );
      }
      // Every pair of edge values: the axes, the origin, equal magnitudes, infinities, NaN.
      const a = ndOf([EDGE.length, 1], EDGE);
      const b = ndOf([1, EDGE.length], EDGE);
      await checkOp(
        'atan2 edges',
        [
          [a, 'float32'],
          [b, 'float32'],
        ],
        atan2,
        atan2Ref(a, b),
        'float32',
        ctx.tol,
      );
      const ai = ndOf([4], [3, -3, 0, -7]);
      const bi = ndOf([4], [-4, -4, -1, 2]);
      await checkOp(
        'atan2 int32',
        [
          [ai, 'int32'],
          [bi, 'int32'],
        ],
        atan2,
        atan2Ref(ai, bi),
        'float32',
        ctx.tol,
      );
    },
  },
  gradCase('atan2', 'gradient', {
    inputs: (rng) => [rng.awayFrom([3, 5], -3, 3, Math.abs, 0.3), rng.awayFrom([3, 5], -3, 3, Math.abs, 0.3)],
    f: ([a, b]) => atan2(a, b),
  }),
];
