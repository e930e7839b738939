/** `mirrorPad`: both modes, padding up to the limit of each, every dtype; gradients. */
import { DTYPES } from '../../dtype.js';
import { ArgumentError, ShapeError } from '../../errors.js';
import { mirrorPad } from '../../ops/index.js';
import { expectThrows, Rng, type CaseDef } from '../harness.js';
import { mirrorPadRef } from '../reference/indexing.js';
import { gradCase } from './grad-util.js';
import { checkOp } from './op-util.js';
import { valuesOf } from './transpose.cases.js';

type Pads = readonly (readonly [number, number])[];
const CONFIGS: readonly (readonly [readonly number[], Pads])[] = [
  [[3], [[2, 2]]],
  [
    [3, 4],
    [
      [1, 0],
      [3, 2],
    ],
  ],
  [
    [2, 3, 2],
    [
      [1, 1],
      [0, 2],
      [1, 0],
    ],
  ],
];

export const mirrorPadCases: CaseDef[] = [
  {
    group: 'mirrorPad',
    name: 'reflect and symmetric, every dtype; misuse',
    run: async (ctx) => {
      const rng = new Rng('mirrorPad');
      for (const dtype of DTYPES) {
        for (const mode of ['reflect', 'symmetric'] as const) {
          for (const [shape, pads] of CONFIGS) {
            // reflect allows at most size - 1 on each side
            const p = mode === 'reflect' ? pads.map(([a, b], i) => [Math.min(a, shape[i] - 1), Math.min(b, shape[i] - 1)] as const) : pads;
            const x = valuesOf(rng, shape, dtype);
            await checkOp(
              `mirrorPad ${dtype} ${mode} [${shape}] ${JSON.stringify(p)}`,
              [[x, dtype]],
              (t) => mirrorPad(t, p, mode),
              mirrorPadRef(x, p, mode),
              dtype,
              ctx.tol,
            );
          }
        }
      }
      expectThrows('mirrorPad reflect too wide', () => mirrorPad([1, 2, 3], [[3, 0]], 'reflect'), ShapeError, 'mirrorPad');
      expectThrows('mirrorPad bad mode', () => mirrorPad([1, 2, 3], [[1, 0]], 'edge' as 'reflect'), ArgumentError, 'mirrorPad');
      expectThrows('mirrorPad paddings per axis', () => mirrorPad([[1, 2]], [[1, 0]], 'symmetric'), ArgumentError, 'mirrorPad');
    },
  },
  gradCase('mirrorPad', 'gradient [3,4] reflect and symmetric', {
    inputs: (rng) => [rng.floats([3, 4])],
    f: ([x]) =>
      mirrorPad(
        mirrorPad(
          x,
          [
            [2, 1],
            [0, 3],
          ],
          'reflect',
        ),
        [
          [1, 1],
          [2, 0],
        ],
        'symmetric',
      ),
  }),
];
