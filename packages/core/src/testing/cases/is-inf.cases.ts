/** `isInf`: ±Infinity among NaN, zeros, extremes and denormals; int32 and bool give false. */
import { isInf } from '../../ops/index.js';
import { Rng, type CaseDef } from '../harness.js';
import { isInfRef } from '../reference/predicates.js';
import { checkOp, withSpecials } from './op-util.js';

export const isInfCases: CaseDef[] = [
  {
    group: 'isInf',
    name: 'special values, float32, int32 and bool',
    run: async (ctx) => {
      const rng = new Rng('isInf');
      const x = withSpecials(rng, 77);
      await checkOp('isInf float32', [[x, 'float32']], isInf, isInfRef(x), 'bool', ctx.tol);
      const i = rng.ints([3, 5], -9, 9);
      await checkOp('isInf int32', [[i, 'int32']], isInf, isInfRef(i), 'bool', ctx.tol);
      await checkOp('isInf bool', [[rng.bools([4]), 'bool']], isInf, isInfRef(rng.bools([4])), 'bool', ctx.tol);
    },
  },
];
