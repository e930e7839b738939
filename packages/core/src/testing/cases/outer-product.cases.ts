/** `outerProduct`: float32 and int32 vectors, a length-1 one; gradients; misuse. */
import { ShapeError } from '../../errors.js';
import { outerProduct } from '../../ops/index.js';
import { expectThrows, Rng, type CaseDef } from '../harness.js';
import { outerProductRef } from '../reference/einsum.js';
import { gradCase } from './grad-util.js';
import { checkOp } from './op-util.js';

export const outerProductCases: CaseDef[] = [
  {
    group: 'outerProduct',
    name: 'float32 and int32, lengths 1 to 33; misuse',
    run: async (ctx) => {
      const rng = new Rng('outerProduct');
      for (const [n, m] of [
        [3, 4],
        [1, 5],
        [33, 2],
      ]) {
        const a = rng.floats([n]);
        const b = rng.floats([m]);
        await checkOp(
          `outerProduct float32 [${n}] [${m}]`,
          [
            [a, 'float32'],
            [b, 'float32'],
          ],
          (x, y) => outerProduct(x, y),
          outerProductRef(a, b),
          'float32',
          ctx.tol,
        );
        const ai = rng.ints([n], -50, 50);
        const bi = rng.ints([m], -50, 50);
        await checkOp(
          `outerProduct int32 [${n}] [${m}]`,
          [
            [ai, 'int32'],
            [bi, 'int32'],
          ],
          (x, y) => outerProduct(x, y),
          outerProductRef(ai, bi),
          'int32',
          ctx.tol,
        );
      }
      expectThrows('outerProduct of a matrix', () => outerProduct([[1, 2]], [1, 2]), ShapeError, 'outerProduct');
    },
  },
  gradCase('outerProduct', 'gradient [3] x [4]', {
    inputs: (rng) => [rng.floats([3]), rng.floats([4])],
    f: ([a, b]) => outerProduct(a, b),
  }),
];
