/** `pad`: before/after/both on each axis, zero and nonzero constants, on every dtype. */
import { DTYPES } from '../../dtype.js';
import { pad } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { padRef } from '../reference/layout.js';
import { valuesOf } from './transpose.cases.js';

type Paddings = readonly (readonly [number, number])[];
const PADS: readonly (readonly [readonly number[], Paddings, number])[] = [
  [[3], [[1, 2]], 0],
  [
    [2, 3],
    [
      [0, 1],
      [2, 0],
    ],
    0,
  ],
  [
    [2, 3],
    [
      [1, 1],
      [1, 1],
    ],
    1.5,
  ],
  [
    [1, 2, 3, 4],
    [
      [0, 0],
      [1, 1],
      [2, 2],
      [0, 0],
    ],
    0,
  ],
  [
    [2, 3, 4],
    [
      [1, 0],
      [0, 0],
      [0, 3],
    ],
    -2,
  ],
  [
    [5, 1],
    [
      [0, 0],
      [0, 0],
    ],
    0,
  ],
  // Two trailing dimensions without padding join the copied rows.
  [
    [2, 3, 2, 2],
    [
      [0, 1],
      [1, 2],
      [0, 0],
      [0, 0],
    ],
    0.5,
  ],
  [
    [17, 33],
    [
      [3, 4],
      [31, 1],
    ],
    7,
  ],
];

export const padCases: CaseDef[] = DTYPES.map((dtype) => ({
  group: 'pad',
  name: `${dtype} paddings`,
  run: async (ctx) => {
    const rng = new Rng(`pad ${dtype}`);
    for (const [shape, paddings, value] of PADS) {
      const c = dtype === 'bool' ? (value !== 0 ? 1 : 0) : dtype === 'int32' ? Math.trunc(value) : value;
      const x = valuesOf(rng, shape, dtype);
      const xt = toTensor(x, dtype);
      const y = pad(xt, paddings, c);
      try {
        await expectTensor(`pad ${dtype} [${shape}] ${JSON.stringify(paddings)} value ${c}`, y, padRef(x, paddings, c), dtype, ctx.tol);
      } finally {
        xt.dispose();
        y.dispose();
      }
    }
  },
}));
