/** `cast`: every dtype pair; float -> int truncates toward zero (as TensorFlow), anything ->
 *  bool is "nonzero". */
import { DTYPES, type DType } from '../../dtype.js';
import { cast } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { castRef } from '../reference/elementwise.js';
import { nd, type Nd } from '../reference/nd.js';

function source(dtype: DType, rng: Rng): Nd {
  if (dtype === 'bool') return rng.bools([3, 7]);
  if (dtype === 'int32') return rng.ints([3, 7], -100, 100);
  return rng.floats([3, 7], -50, 50);
}

export const castCases: CaseDef[] = [
  ...DTYPES.flatMap((from) =>
    DTYPES.map(
      (to): CaseDef => ({
        group: 'cast',
        name: `${from} to ${to}`,
        run: async (ctx) => {
          const x = source(from, new Rng(`cast ${from} ${to}`));
          const xt = toTensor(x, from);
          const y = cast(xt, to);
          try {
            await expectTensor(`cast ${from} to ${to}`, y, castRef(x, to), to, ctx.tol);
          } finally {
            xt.dispose();
            y.dispose();
          }
        },
      }),
    ),
  ),
  {
    group: 'cast',
    name: 'float32 to int32 truncates toward zero',
    run: async (ctx) => {
      const x = nd([12], [-2.7, -2.5, -1.5, -0.9, -0.5, -0, 0.5, 0.9, 1.5, 2.5, 2.7, 123456.75].map(Math.fround));
      const xt = toTensor(x);
      const y = cast(xt, 'int32');
      const z = cast(xt, 'bool');
      try {
        await expectTensor('cast float32 to int32 edges', y, castRef(x, 'int32'), 'int32', ctx.tol);
        await expectTensor('cast float32 to bool edges', z, castRef(x, 'bool'), 'bool', ctx.tol);
      } finally {
        xt.dispose();
        y.dispose();
        z.dispose();
      }
    },
  },
];
