/** `eye`: square, wide, tall, batched, every dtype; misuse. */
import { DTYPES } from '../../dtype.js';
import { ArgumentError } from '../../errors.js';
import { eye } from '../../ops/index.js';
import { expectTensor, expectThrows, type CaseDef } from '../harness.js';
import { eyeRef } from '../reference/einsum.js';

const CONFIGS: readonly (readonly [number, number | undefined, readonly number[] | undefined])[] = [
  [3, undefined, undefined],
  [2, 4, undefined],
  [4, 2, undefined],
  [2, 3, [2]],
  [3, 3, [2, 1, 2]],
];

export const eyeCases: CaseDef[] = [
  {
    group: 'eye',
    name: 'square, wide, tall, batched, every dtype; misuse',
    run: async (ctx) => {
      for (const dtype of DTYPES) {
        for (const [rows, cols, batch] of CONFIGS) {
          const y = eye(rows, cols, batch, dtype);
          try {
            await expectTensor(
              `eye ${dtype} ${rows}x${String(cols)} batch ${JSON.stringify(batch)}`,
              y,
              eyeRef(rows, cols ?? rows, batch),
              dtype,
              ctx.tol,
            );
          } finally {
            y.dispose();
          }
        }
      }
      expectThrows('eye negative rows', () => eye(-1), ArgumentError, 'eye');
      expectThrows('eye fractional columns', () => eye(2, 1.5), ArgumentError, 'eye');
    },
  },
];
