/** `fill` (and the zeros/ones built on it): every dtype, scalars and large shapes. */
import type { DType } from '../../dtype.js';
import { fill, ones, zeros } from '../../ops/index.js';
import type { Tensor } from '../../tensor.js';
import { expectTensor, type CaseDef } from '../harness.js';
import { fillRef } from '../reference/elementwise.js';

const FILLS: readonly (readonly [readonly number[], number, DType])[] = [
  [[], 3.25, 'float32'],
  [[1], -1.5, 'float32'],
  [[2, 3], 0.1, 'float32'],
  [[33, 65], 7, 'float32'],
  [[5], -7, 'int32'],
  [[3, 1, 17], 123456, 'int32'],
  [[4], 1, 'bool'],
  [[2, 9], 0, 'bool'],
];

export const fillCases: CaseDef[] = [
  {
    group: 'fill',
    name: 'every dtype and shape',
    run: async (ctx) => {
      for (const [shape, value, dtype] of FILLS) {
        const y = fill(shape, value, dtype);
        try {
          await expectTensor(`fill [${shape}] ${value} ${dtype}`, y, fillRef(shape, value, dtype), dtype, ctx.tol);
        } finally {
          y.dispose();
        }
      }
    },
  },
  {
    group: 'fill',
    name: 'zeros and ones',
    run: async (ctx) => {
      const made: [Tensor, number, DType][] = [
        [zeros([3, 5]), 0, 'float32'],
        [ones([3, 5]), 1, 'float32'],
        [zeros([7], 'int32'), 0, 'int32'],
        [ones([2, 2], 'int32'), 1, 'int32'],
        [ones([4], 'bool'), 1, 'bool'],
      ];
      try {
        for (const [t, v, dtype] of made)
          await expectTensor(`${v ? 'ones' : 'zeros'} ${dtype}`, t, fillRef(t.shape, v, dtype), dtype, ctx.tol);
      } finally {
        for (const [t] of made) t.dispose();
      }
    },
  },
];
