/** `avgPool` through the public op at every shared pool config; with same padding the edge
 *  windows divide by their in-bounds count, not the window size. */
import { avgPool } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { avgPoolRef } from '../reference/pool.js';
import { POOL_CONFIGS, poolAttrs, poolX4 } from './pool-configs.js';

export const avgPoolCases: CaseDef[] = POOL_CONFIGS.map((c) => ({
  group: 'avgPool',
  name: c.label,
  run: async (ctx) => {
    const x = new Rng(`avgPool ${c.label}`).floats(c.x, 0.5, 3);
    const xt = toTensor(x);
    const y = avgPool(xt, c.filterSize, c.strides, c.pad);
    try {
      const ref = avgPoolRef({ shape: poolX4(c), values: x.values }, poolAttrs(c));
      const out = c.x.length === 3 ? { shape: ref.shape.slice(1), values: ref.values } : ref;
      await expectTensor(`avgPool ${c.label}`, y, out, 'float32', ctx.tol);
    } finally {
      xt.dispose();
      y.dispose();
    }
  },
}));
