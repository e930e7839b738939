/** `cumsum`: every axis, exclusive and reverse, lengths that take several scan steps, float32,
 *  int32 and bool (summed as int32); its gradient. */
import type { DType } from '../../dtype.js';
import { cumsum } from '../../ops/index.js';
import { Rng, type CaseDef } from '../harness.js';
import type { Nd } from '../reference/nd.js';
import { cumRef } from '../reference/reductions.js';
import { gradCase } from './grad-util.js';
import { checkOp } from './op-util.js';

/** [shape, axis]: a length of 1, odd lengths, a negative axis, 33 (six doubling steps). */
export const SCANS: readonly (readonly [readonly number[], number])[] = [
  [[7], 0],
  [[1], 0],
  [[3, 4, 5], 0],
  [[3, 4, 5], 1],
  [[3, 4, 5], -1],
  [[2, 33], 1],
];
export const FLAGS: readonly (readonly [boolean, boolean])[] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

const INPUTS: Record<DType, (rng: Rng, shape: readonly number[]) => Nd> = {
  float32: (rng, shape) => rng.floats(shape, -2, 2),
  int32: (rng, shape) => rng.ints(shape, -1000, 1000),
  bool: (rng, shape) => rng.bools(shape),
};

export const cumsumCases: CaseDef[] = [
  {
    group: 'cumsum',
    name: 'axes, exclusive, reverse and dtypes',
    run: async (ctx) => {
      const rng = new Rng('cumsum');
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        for (const [shape, axis] of SCANS) {
          for (const [exclusive, reverse] of FLAGS) {
            const x = INPUTS[dtype](rng, shape);
            const a = axis < 0 ? axis + shape.length : axis;
            const { out, scale } = cumRef('cumsum', x, a, exclusive, reverse);
            await checkOp(
              `cumsum ${dtype} [${shape}] axis ${axis} exclusive ${exclusive} reverse ${reverse}`,
              [[x, dtype]],
              (t) => cumsum(t, axis, exclusive, reverse),
              out,
              dtype === 'bool' ? 'int32' : dtype,
              ctx.tol,
              scale,
            );
          }
        }
      }
    },
  },
  gradCase('cumsum', 'gradient', {
    inputs: (rng) => [rng.floats([3, 6], -2, 2)],
    f: ([x]) => cumsum(cumsum(x, 1, true, false), 0, false, true),
  }),
];
