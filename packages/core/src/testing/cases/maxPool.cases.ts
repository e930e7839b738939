/** `maxPool` through the public op at every shared pool config; negative inputs make sure padded
 *  positions (which must never win) are not read as zeros. */
import { maxPool } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { maxPoolRef } from '../reference/pool.js';
import { POOL_CONFIGS, poolAttrs, poolX4 } from './pool-configs.js';

export const maxPoolCases: CaseDef[] = POOL_CONFIGS.map((c) => ({
  group: 'maxPool',
  name: c.label,
  run: async (ctx) => {
    const x = new Rng(`maxPool ${c.label}`).floats(c.x, -3, -0.5);
    const xt = toTensor(x);
    const y = maxPool(xt, c.filterSize, c.strides, c.pad);
    try {
      const ref = maxPoolRef({ shape: poolX4(c), values: x.values }, poolAttrs(c));
      const out = c.x.length === 3 ? { shape: ref.shape.slice(1), values: ref.values } : ref;
      await expectTensor(`maxPool ${c.label}`, y, out, 'float32', ctx.tol);
    } finally {
      xt.dispose();
      y.dispose();
    }
  },
}));
