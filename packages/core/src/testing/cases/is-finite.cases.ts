/** `isFinite`: infinities and NaN are not finite; zeros, extremes and denormals are; int32 and bool give true. */
import { isFinite as isFiniteOp } from '../../ops/index.js';
import { Rng, type CaseDef } from '../harness.js';
import { isFiniteRef } from '../reference/predicates.js';
import { checkOp, withSpecials } from './op-util.js';

export const isFiniteCases: CaseDef[] = [
  {
    group: 'isFinite',
    name: 'special values, float32, int32 and bool',
    run: async (ctx) => {
      const rng = new Rng('isFinite');
      const x = withSpecials(rng, 77);
      await checkOp('isFinite float32', [[x, 'float32']], isFiniteOp, isFiniteRef(x), 'bool', ctx.tol);
      const i = rng.ints([3, 5], -9, 9);
      await checkOp('isFinite int32', [[i, 'int32']], isFiniteOp, isFiniteRef(i), 'bool', ctx.tol);
      await checkOp('isFinite bool', [[rng.bools([4]), 'bool']], isFiniteOp, isFiniteRef(rng.bools([4])), 'bool', ctx.tol);
    },
  },
];
