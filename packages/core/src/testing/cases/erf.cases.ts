/** `erf`: values across [-5, 5] and the special values, int32 input; its gradient. */
import { erf } from '../../ops/index.js';
import { Rng, type CaseDef } from '../harness.js';
import { erfRef } from '../reference/predicates.js';
import { gradCase } from './grad-util.js';
import { checkOp, ndOf, withSpecials } from './op-util.js';

export const erfCases: CaseDef[] = [
  {
    group: 'erf',
    name: 'values, specials and int32',
    run: async (ctx) => {
      const rng = new Rng('erf');
      const x = rng.floats([5, 41], -5, 5);
      await checkOp('erf float32', [[x, 'float32']], erf, erfRef(x), 'float32', ctx.tol);
      const s = withSpecials(rng, 33);
      await checkOp('erf specials', [[s, 'float32']], erf, erfRef(s), 'float32', ctx.tol);
      const i = ndOf([5], [-2, -1, 0, 1, 3]);
      await checkOp('erf int32', [[i, 'int32']], erf, erfRef(i), 'float32', ctx.tol);
    },
  },
  gradCase('erf', 'gradient', {
    inputs: (rng) => [rng.floats([3, 7], -2.5, 2.5)],
    f: ([x]) => erf(x),
  }),
];
