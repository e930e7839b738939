/** `randomUniform`: with a fixed seed every backend draws exactly core's counter-based values
 *  (element i = minval + (maxval - minval) * uniformAt(seed, i)); seeds differ; moments fit. */
import { randomUniform } from '../../ops/index.js';
import { expectTensor, type CaseDef } from '../harness.js';
import { randomUniformRef } from '../reference/random.js';
import { expectDiffer, expectNear, moments } from './random-stats.js';

export const randomUniformCases: CaseDef[] = [
  {
    group: 'randomUniform',
    name: 'float32 matches the counter-based reference',
    run: async (ctx) => {
      for (const [shape, lo, hi, seed] of [
        [[7], 0, 1, 1],
        [[3, 33], -2, 5, 12345],
        [[], 10, 11, 0],
        [[2, 3, 65], -1, 1, 0xfffffff0],
      ] as const) {
        const y = randomUniform(shape, lo, hi, 'float32', seed);
        try {
          await expectTensor(
            `randomUniform [${shape}] [${lo}, ${hi}) seed ${seed}`,
            y,
            randomUniformRef(shape, lo, hi, seed, 'float32'),
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
    group: 'randomUniform',
    name: 'int32 floors the reference value',
    run: async () => {
      const [lo, hi, seed] = [-5, 17, 99];
      const y = randomUniform([1000], lo, hi, 'int32', seed);
      try {
        if (y.dtype !== 'int32') throw new Error(`randomUniform int32: dtype ${y.dtype}`);
        const got = await y.data();
        const ref = randomUniformRef([1000], lo, hi, seed, 'float32');
        for (let i = 0; i < got.length; i++) {
          const g = got[i];
          const v = ref.values[i];
          // A float32 backend may round v up onto the next integer when v is within an ulp of it.
          const ok = g === Math.floor(v) || (g === Math.round(v) && Math.abs(v - Math.round(v)) < 1e-5 * Math.max(1, Math.abs(v)));
          if (!ok || g < lo || g >= hi)
            throw new Error(`randomUniform int32: element ${i} is ${g}, expected floor(${v}) in [${lo}, ${hi})`);
        }
      } finally {
        y.dispose();
      }
    },
  },
  {
    group: 'randomUniform',
    name: 'seeds differ, moments fit',
    run: async () => {
      const n = 10000;
      const a = randomUniform([n], 2, 6, 'float32', 7);
      const b = randomUniform([n], 2, 6, 'float32', 8);
      try {
        const va = await a.data();
        expectDiffer('randomUniform seeds 7 and 8', va, await b.data());
        const { mean, std } = moments(va);
        // Uniform on [2, 6): mean 4, std 4 / sqrt(12); se of the std is about std * sqrt(0.2 / n).
        expectNear('randomUniform mean', mean, 4, 4 / Math.sqrt(12) / Math.sqrt(n));
        expectNear('randomUniform std', std, 4 / Math.sqrt(12), (4 / Math.sqrt(12)) * Math.sqrt(0.2 / n));
        if (Array.from(va).some((v) => v < 2 || v >= 6)) throw new Error('randomUniform: a value fell outside [2, 6)');
      } finally {
        a.dispose();
        b.dispose();
      }
    },
  },
];
