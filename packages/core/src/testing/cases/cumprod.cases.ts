/** `cumprod`: every axis, exclusive and reverse, lengths that take several scan steps, float32
 *  and int32; its gradient, zeros included. */
import { cumprod } from '../../ops/index.js';
import { Rng, type CaseDef } from '../harness.js';
import { cumRef } from '../reference/reductions.js';
import { FLAGS, SCANS } from './cumsum.cases.js';
import { gradCase } from './grad-util.js';
import { checkOp } from './op-util.js';

export const cumprodCases: CaseDef[] = [
  {
    group: 'cumprod',
    name: 'axes, exclusive, reverse and dtypes',
    run: async (ctx) => {
      const rng = new Rng('cumprod');
      for (const dtype of ['float32', 'int32'] as const) {
        for (const [shape, axis] of SCANS) {
          for (const [exclusive, reverse] of FLAGS) {
            // Products of up to 33 factors stay near 1 (float) or within {-1, 0, 1} (int32).
            const x =
              dtype === 'float32' ? rng.floats(shape, 0.8, 1.2) : shape.includes(33) ? rng.ints(shape, -1, 2) : rng.ints(shape, -3, 4);
            const a = axis < 0 ? axis + shape.length : axis;
            const { out, scale } = cumRef('cumprod', x, a, exclusive, reverse);
            await checkOp(
              `cumprod ${dtype} [${shape}] axis ${axis} exclusive ${exclusive} reverse ${reverse}`,
              [[x, dtype]],
              (t) => cumprod(t, axis, exclusive, reverse),
              out,
              dtype,
              ctx.tol,
              scale,
            );
          }
        }
      }
    },
  },
  gradCase('cumprod', 'gradient', {
    inputs: (rng) => {
      const x = rng.floats([3, 5], -1.5, 1.5);
      x.values[2] = 0;
      return [x];
    },
    f: ([x]) => cumprod(cumprod(x, 1, false, true), 0, true, false),
  }),
];
