/** `linspace`: increasing, decreasing, one sample; misuse. */
import { ArgumentError } from '../../errors.js';
import { linspace } from '../../ops/index.js';
import { expectTensor, expectThrows, type CaseDef } from '../harness.js';
import { linspaceRef } from '../reference/einsum.js';

const CONFIGS: readonly (readonly [number, number, number])[] = [
  [0, 1, 5],
  [3, -2.5, 12],
  [7, 9, 1],
  [-1e3, 1e3, 1001],
];

export const linspaceCases: CaseDef[] = [
  {
    group: 'linspace',
    name: 'increasing, decreasing, one sample; misuse',
    run: async (ctx) => {
      for (const [start, stop, num] of CONFIGS) {
        const y = linspace(start, stop, num);
        try {
          await expectTensor(`linspace(${start}, ${stop}, ${num})`, y, linspaceRef(start, stop, num), 'float32', ctx.tol);
        } finally {
          y.dispose();
        }
      }
      expectThrows('linspace zero samples', () => linspace(0, 1, 0), ArgumentError, 'linspace');
    },
  },
];
