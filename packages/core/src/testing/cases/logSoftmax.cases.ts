/** `logSoftmax`: the softmax shapes, and large logits where log(softmax) would underflow to -inf. */
import { logSoftmax } from '../../ops/index.js';
import { Rng, type CaseDef } from '../harness.js';
import { logSoftmaxRef } from '../reference/softmax.js';
import { SOFTMAX_SHAPES, checkSoftmaxLike } from './softmax.cases.js';

export const logSoftmaxCases: CaseDef[] = [
  {
    group: 'logSoftmax',
    name: 'shapes and axes',
    run: async (ctx) => {
      const rng = new Rng('logSoftmax shapes');
      for (const [shape, axis] of SOFTMAX_SHAPES)
        await checkSoftmaxLike(ctx, 'logSoftmax', logSoftmax, logSoftmaxRef, rng.floats(shape, -4, 4), axis);
    },
  },
  {
    group: 'logSoftmax',
    name: 'large logits stay finite',
    run: async (ctx) => {
      const rng = new Rng('logSoftmax large');
      await checkSoftmaxLike(ctx, 'logSoftmax', logSoftmax, logSoftmaxRef, rng.floats([4, 10], -120, 120), -1);
    },
  },
];
