/** `isNaN`: NaN among infinities, zeros, extremes and denormals; int32 and bool give false. */
import { isNaN as isNaNOp } from '../../ops/index.js';
import { Rng, type CaseDef } from '../harness.js';
import { isNaNRef } from '../reference/predicates.js';
import { checkOp, withSpecials } from './op-util.js';

export const isNaNCases: CaseDef[] = [
  {
    group: 'isNaN',
    name: 'special values, float32, int32 and bool',
    run: async (ctx) => {
      const rng = new Rng('isNaN');
      const x = withSpecials(rng, 77);
      await checkOp('isNaN float32', [[x, 'float32']], isNaNOp, isNaNRef(x), 'bool', ctx.tol);
      const i = rng.ints([3, 5], -9, 9);
      await checkOp('isNaN int32', [[i, 'int32']], isNaNOp, isNaNRef(i), 'bool', ctx.tol);
      await checkOp('isNaN bool', [[rng.bools([4]), 'bool']], isNaNOp, isNaNRef(rng.bools([4])), 'bool', ctx.tol);
    },
  },
];
