/** `all`: single, several, negative and all axes, with and without kept dims, an empty axis. */
import { all } from '../../ops/index.js';
import { Rng, type CaseDef } from '../harness.js';
import { anyAllRef } from '../reference/reductions.js';
import { ANY_ALL_AXES, resolveAxes, sparseBools } from './any.cases.js';
import { checkOp } from './op-util.js';

export const allCases: CaseDef[] = [
  {
    group: 'all',
    name: 'axes and keepDims',
    run: async (ctx) => {
      const rng = new Rng('all');
      for (const [shape, axis] of ANY_ALL_AXES) {
        for (const keepDims of [false, true]) {
          const x = sparseBools(rng, shape, 0.9);
          const expected = anyAllRef('all', x, resolveAxes(axis, shape.length), keepDims);
          await checkOp(
            `all [${shape}] axis ${JSON.stringify(axis)} keepDims ${keepDims}`,
            [[x, 'bool']],
            (t) => all(t, axis, keepDims),
            expected,
            'bool',
            ctx.tol,
          );
        }
      }
    },
  },
];
