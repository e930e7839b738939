/** `softmax` and (in logSoftmax.cases.ts) `logSoftmax`: rows of 1, odd and tile-crossing
 *  lengths, logits large enough to overflow a naive exp, and other axes through the op. */
import { softmax } from '../../ops/index.js';
import type { Tensor } from '../../tensor.js';
import { Rng, expectTensor, toTensor, type CaseContext, type CaseDef } from '../harness.js';
import { transposeRef } from '../reference/layout.js';
import type { Nd } from '../reference/nd.js';
import { softmaxRef } from '../reference/softmax.js';

export const SOFTMAX_SHAPES: readonly (readonly [readonly number[], number])[] = [
  [[1], -1],
  [[7], -1],
  [[3, 5], -1],
  [[4, 1], -1],
  [[2, 3, 65], -1],
  [[17, 33], 1],
  [[3, 5], 0],
  [[2, 3, 4], 1],
];

/** The reference along `axis`: swap it with the last axis, apply, swap back. */
export function alongAxis(ref: (x: Nd) => Nd, x: Nd, axis: number): Nd {
  const rank = x.shape.length;
  const a = axis < 0 ? axis + rank : axis;
  if (a === rank - 1) return ref(x);
  const perm = x.shape.map((_, i) => (i === a ? rank - 1 : i === rank - 1 ? a : i));
  return transposeRef(ref(transposeRef(x, perm)), perm);
}

export async function checkSoftmaxLike(
  ctx: CaseContext,
  op: string,
  fn: (x: Tensor, axis: number) => Tensor,
  ref: (x: Nd) => Nd,
  x: Nd,
  axis: number,
): Promise<void> {
  const xt = toTensor(x);
  const y = fn(xt, axis);
  try {
    await expectTensor(`${op} [${x.shape}] axis ${axis}`, y, alongAxis(ref, x, axis), 'float32', ctx.tol);
  } finally {
    xt.dispose();
    y.dispose();
  }
}

export const softmaxCases: CaseDef[] = [
  {
    group: 'softmax',
    name: 'shapes and axes',
    run: async (ctx) => {
      const rng = new Rng('softmax shapes');
      for (const [shape, axis] of SOFTMAX_SHAPES)
        await checkSoftmaxLike(ctx, 'softmax', softmax, softmaxRef, rng.floats(shape, -4, 4), axis);
    },
  },
  {
    group: 'softmax',
    name: 'large logits stay finite',
    run: async (ctx) => {
      const rng = new Rng('softmax large');
      await checkSoftmaxLike(ctx, 'softmax', softmax, softmaxRef, rng.floats([4, 10], -120, 120), -1);
    },
  },
];
