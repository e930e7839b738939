/** `dropout`: the mask is floor(u + 1 - rate) for the seeded uniform draws u (whose own cases
 *  check them), shared along noiseShape's size-1 dimensions; about 1 - rate of the elements
 *  are kept; rate 0 is the identity; the gradient is the mask scaled. */
import { dropout, ones, randomUniform } from '../../ops/index.js';
import { Rng, expectTensor, read, toTensor, type CaseDef } from '../harness.js';
import { broadcastMap } from '../reference/elementwise.js';
import type { Nd } from '../reference/nd.js';
import { gradCase } from './grad-util.js';

/** x * floor(fround(u + keep)) / keep, broadcasting u from the noise shape. */
function dropoutRef(x: Nd, u: Nd, rate: number): Nd {
  const keep = Math.fround(1 - rate);
  return broadcastMap(x, u, (v, r) => (v * Math.floor(Math.fround(r + keep))) / keep);
}

export const dropoutCases: CaseDef[] = [
  {
    group: 'dropout',
    name: 'masks, noise shapes, rate 0 and the kept fraction',
    run: async (ctx) => {
      const rng = new Rng('dropout');
      const configs: [readonly number[], (number | null)[] | undefined, number, number][] = [
        [[4, 50], undefined, 0.3, 7],
        [[4, 50], [4, 1], 0.5, 8],
        [[2, 3, 20], [null, 1, -1], 0.25, 9],
        [[3, 5], undefined, 0, 10],
      ];
      for (const [shape, noiseShape, rate, seed] of configs) {
        const x = rng.floats(shape, -2, 2);
        const xt = toTensor(x);
        const noise = noiseShape?.map((d, i) => (d === null || d === -1 ? shape[i] : d)) ?? [...shape];
        const ut = randomUniform(noise, 0, 1, 'float32', seed);
        const y = dropout(xt, rate, noiseShape, seed);
        try {
          const expected = rate === 0 ? x : dropoutRef(x, await read(ut), rate);
          await expectTensor(`dropout [${shape}] noiseShape ${JSON.stringify(noiseShape)} rate ${rate}`, y, expected, 'float32', ctx.tol);
        } finally {
          for (const t of [xt, ut, y]) t.dispose();
        }
      }
      // Unseeded: about 1 - rate of 10000 ones are kept (4.4 standard deviations allowed).
      const all = ones([100, 100]);
      const y = dropout(all, 0.3);
      try {
        const kept = (await y.data()).filter((v) => v !== 0).length / 10000;
        if (Math.abs(kept - 0.7) > 0.02) throw new Error(`dropout: kept ${kept} of the elements at rate 0.3, expected 0.7 ± 0.02`);
      } finally {
        all.dispose();
        y.dispose();
      }
    },
  },
  gradCase('dropout', 'gradient', {
    inputs: (rng) => [rng.floats([4, 6], -2, 2)],
    f: ([x]) => dropout(x, 0.4, [4, 1], 21),
  }),
];
