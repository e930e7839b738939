/** `matMul`: every transpose combination, odd and tile-crossing sizes, batch broadcasting, int32. */
import { matMul } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { publicMatMulRef } from '../reference/matmul.js';

/** [a shape, b shape, transposeA, transposeB]: 1x1x1, odd sizes, sizes just past 16/32/64, and
 *  batches that broadcast from 1 or from a missing dimension. */
export const MATMUL_SHAPES: readonly (readonly [readonly number[], readonly number[], boolean, boolean])[] = [
  [[1, 1], [1, 1], false, false],
  [[3, 5], [5, 7], false, false],
  [[5, 3], [5, 7], true, false],
  [[3, 5], [7, 5], false, true],
  [[5, 3], [7, 5], true, true],
  [[33, 17], [17, 65], false, false],
  [[17, 33], [65, 17], true, true],
  [[2, 33, 17], [2, 17, 65], false, false],
  [[4, 3, 5], [1, 5, 7], false, false],
  [[1, 3, 5], [4, 7, 5], false, true],
  [[3, 8, 9], [9, 4], false, false],
  [[2, 1, 3, 4], [1, 3, 4, 2], false, false],
  [[1, 64], [64, 1], false, false],
  [[16, 16], [16, 16], false, false],
];

export const matMulCases: CaseDef[] = [
  {
    group: 'matMul',
    name: 'float32 shapes, transposes and batch broadcasting',
    run: async (ctx) => {
      const rng = new Rng('matMul float32');
      for (const [sa, sb, tA, tB] of MATMUL_SHAPES) {
        const a = rng.floats(sa);
        const b = rng.floats(sb);
        const [at, bt] = [toTensor(a), toTensor(b)];
        const y = matMul(at, bt, tA, tB);
        try {
          const ref = publicMatMulRef(a, b, tA, tB);
          await expectTensor(`matMul [${sa}]${tA ? 'ᵀ' : ''} x [${sb}]${tB ? 'ᵀ' : ''}`, y, ref.out, 'float32', ctx.tol, ref.scale);
        } finally {
          for (const t of [at, bt, y]) t.dispose();
        }
      }
    },
  },
  {
    group: 'matMul',
    name: 'int32',
    run: async (ctx) => {
      const rng = new Rng('matMul int32');
      for (const [sa, sb, tA, tB] of MATMUL_SHAPES.slice(0, 6)) {
        const a = rng.ints(sa, -10, 10);
        const b = rng.ints(sb, -10, 10);
        const [at, bt] = [toTensor(a, 'int32'), toTensor(b, 'int32')];
        const y = matMul(at, bt, tA, tB);
        try {
          await expectTensor(`matMul int32 [${sa}] x [${sb}]`, y, publicMatMulRef(a, b, tA, tB).out, 'int32', ctx.tol);
        } finally {
          for (const t of [at, bt, y]) t.dispose();
        }
      }
    },
  },
];
