/** `randomNormal`: with a fixed seed every backend draws exactly core's counter-based values
 *  (mean + stddev * normalAt(seed, i), Box–Muller over counters 2i and 2i+1); seeds differ;
 *  moments fit. */
import { randomNormal } from '../../ops/index.js';
import { expectTensor, type CaseDef } from '../harness.js';
import { randomNormalRef } from '../reference/random.js';
import { expectDiffer, expectNear, moments } from './random-stats.js';

export const randomNormalCases: CaseDef[] = [
  {
    group: 'randomNormal',
    name: 'matches the counter-based reference',
    run: async (ctx) => {
      for (const [shape, mean, std, seed] of [
        [[7], 0, 1, 1],
        [[3, 33], 2, 0.5, 4242],
        [[], -1, 3, 0],
        [[2, 3, 65], 0, 1, 0xfffffff0],
      ] as const) {
        const y = randomNormal(shape, mean, std, 'float32', seed);
        try {
          await expectTensor(
            `randomNormal [${shape}] mean ${mean} std ${std} seed ${seed}`,
            y,
            randomNormalRef(shape, mean, std, seed),
            'float32',
            ctx.tol,
          );
        } finally {
          y.dispose();
        }
      }
    },
  },
  {
    group: 'randomNormal',
    name: 'seeds differ, moments fit',
    run: async () => {
      const n = 10000;
      const a = randomNormal([n], 1, 2, 'float32', 7);
      const b = randomNormal([n], 1, 2, 'float32', 8);
      try {
        const va = await a.data();
        expectDiffer('randomNormal seeds 7 and 8', va, await b.data());
        const { mean, std } = moments(va);
        // se of the mean is std / sqrt(n); of the std about std / sqrt(2n).
        expectNear('randomNormal mean', mean, 1, 2 / Math.sqrt(n));
        expectNear('randomNormal std', std, 2, 2 / Math.sqrt(2 * n));
      } finally {
        a.dispose();
        b.dispose();
      }
    },
  },
];
