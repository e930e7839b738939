/** `unique` / `uniqueAsync`: 1-D and along axis 0 and 1, float32 (NaN included), int32, bool;
 *  the synchronous form where the backend reads synchronously, and its error where it cannot. */
import type { DType } from '../../dtype.js';
import { TensileError } from '../../errors.js';
import { unique, uniqueAsync } from '../../ops/index.js';
import { Rng, expectTensor, expectThrows, toTensor, type CaseDef } from '../harness.js';
import type { Nd } from '../reference/nd.js';
import { uniqueRef } from '../reference/selection.js';
import { ndOf } from './op-util.js';

async function checkUnique(what: string, x: Nd, dtype: DType, axis: number, tol: { rtol: number; atol: number }): Promise<void> {
  const xt = toTensor(x, dtype);
  const ref = uniqueRef(x, axis < 0 ? axis + x.shape.length : axis);
  try {
    const got = await uniqueAsync(xt, axis);
    try {
      await expectTensor(`${what} values`, got.values, ref.values, dtype, tol);
      await expectTensor(`${what} indices`, got.indices, ref.indices, 'int32', tol);
    } finally {
      got.values.dispose();
      got.indices.dispose();
    }
    if (xt.handle.backend.capabilities.syncRead) {
      const sync = unique(xt, axis);
      try {
        await expectTensor(`${what} values (sync)`, sync.values, ref.values, dtype, tol);
        await expectTensor(`${what} indices (sync)`, sync.indices, ref.indices, 'int32', tol);
      } finally {
        sync.values.dispose();
        sync.indices.dispose();
      }
    } else {
      expectThrows(`${what} (sync, no synchronous reads)`, () => unique(xt, axis), TensileError, 'uniqueAsync');
    }
  } finally {
    xt.dispose();
  }
}

export const uniqueCases: CaseDef[] = [
  {
    group: 'unique',
    name: 'axes and dtypes',
    run: async (ctx) => {
      const rng = new Rng('unique');
      await checkUnique('unique int32 1-D', ndOf([9], [1, 1, 2, 4, 4, 4, 7, 8, 8]), 'int32', 0, ctx.tol);
      await checkUnique('unique float32 with NaN', ndOf([7], [0.5, Number.NaN, 0.5, -1, Number.NaN, 3, -1]), 'float32', 0, ctx.tol);
      await checkUnique('unique bool', rng.bools([6]), 'bool', 0, ctx.tol);
      const m = ndOf([3, 3], [1, 0, 0, 1, 0, 0, 2, 0, 0]);
      await checkUnique('unique 2-D axis 0', m, 'float32', 0, ctx.tol);
      await checkUnique('unique 2-D axis 1', m, 'float32', 1, ctx.tol);
      await checkUnique('unique 3-D axis -2', rng.ints([2, 12, 2], 0, 2), 'int32', -2, ctx.tol);
    },
  },
];
