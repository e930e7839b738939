/** `einsum`: matMul, batched matMul, transposes, outer products, sums and dots, checked against
 *  a direct sum over every label; gradients; misuse. */
import { ArgumentError, ShapeError } from '../../errors.js';
import { einsum } from '../../ops/index.js';
import { expectThrows, Rng, type CaseDef } from '../harness.js';
import { einsumRef } from '../reference/einsum.js';
import { gradCase } from './grad-util.js';
import { checkOp } from './op-util.js';

const SIZES: Record<string, number> = { i: 3, j: 4, k: 2, l: 5, b: 2, n: 1 };

const EQUATIONS = [
  'ij,jk->ik',
  'bij,bjk->bik',
  'ij->ji',
  'ij->',
  'i,j->ij',
  'i,i->',
  'ij,j->i',
  'bik,bkj->bji',
  'ijk,kl->lij',
  'ij,kl->kj',
  'bn,nk->kb',
  'ijk->kj',
];

export const einsumCases: CaseDef[] = [
  {
    group: 'einsum',
    name: 'contractions, transposes, sums; misuse',
    run: async (ctx) => {
      const rng = new Rng('einsum');
      for (const eq of EQUATIONS) {
        const [lhs, out] = eq.split('->');
        const terms = lhs.split(',');
        const xs = terms.map((t) => rng.floats([...t].map((c) => SIZES[c])));
        await checkOp(
          `einsum '${eq}'`,
          xs.map((x) => [x, 'float32'] as const),
          (...ts) => einsum(eq, ...ts),
          einsumRef(terms, out, xs),
          'float32',
          ctx.tol,
        );
      }
      expectThrows('einsum without arrow', () => einsum('ij,jk', [[1]], [[1]]), ArgumentError, 'einsum');
      expectThrows('einsum ellipsis', () => einsum('...ij->ij', [[1]]), ArgumentError, 'einsum');
      expectThrows('einsum three operands', () => einsum('i,i,i->', [1], [1], [1]), ArgumentError, 'einsum');
      expectThrows('einsum repeated label', () => einsum('ii->i', [[1]]), ArgumentError, 'einsum');
      expectThrows('einsum size mismatch', () => einsum('ij,jk->ik', [[1, 2]], [[1, 2]]), ShapeError, 'einsum');
    },
  },
  gradCase('einsum', "gradient 'bij,bjk->bki'", {
    inputs: (rng) => [rng.floats([2, 3, 4]), rng.floats([2, 4, 2])],
    f: ([a, b]) => einsum('bij,bjk->bki', a, b),
  }),
];
