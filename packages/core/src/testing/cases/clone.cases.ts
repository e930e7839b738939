/** `clone`: same values, shape and dtype; independent of the original's disposal; gradients pass. */
import { DTYPES } from '../../dtype.js';
import { clone } from '../../ops/index.js';
import { expectTensor, Rng, toTensor, type CaseDef } from '../harness.js';
import { gradCase } from './grad-util.js';
import { valuesOf } from './transpose.cases.js';

export const cloneCases: CaseDef[] = [
  {
    group: 'clone',
    name: 'every dtype, outlives the original',
    run: async (ctx) => {
      const rng = new Rng('clone');
      for (const dtype of DTYPES) {
        const x = valuesOf(rng, [2, 3], dtype);
        const xt = toTensor(x, dtype);
        const y = clone(xt);
        xt.dispose();
        try {
          if (y === xt) throw new Error('clone returned its input');
          await expectTensor(`clone ${dtype}`, y, x, dtype, ctx.tol);
        } finally {
          y.dispose();
        }
      }
    },
  },
  gradCase('clone', 'gradient', { inputs: (rng) => [rng.floats([2, 3])], f: ([x]) => clone(x) }),
];
