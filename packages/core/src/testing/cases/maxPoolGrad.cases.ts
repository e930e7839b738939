/** `maxPoolGrad`, run as a kernel (maxPool's gradient uses it): each dy goes to the first
 *  maximum of its window in row-major order, which the tied inputs case pins down. */
import { ENGINE } from '../../engine.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { maxPoolGradRef, maxPoolRef } from '../reference/pool.js';
import { POOL_CONFIGS, poolAttrs, poolX4, type PoolConfig } from './pool-configs.js';

function poolCase(c: PoolConfig, ties: boolean): CaseDef {
  return {
    group: 'maxPoolGrad',
    name: ties ? `${c.label}, tied inputs` : c.label,
    run: async (ctx) => {
      const rng = new Rng(`maxPoolGrad ${c.label} ${ties}`);
      const attrs = poolAttrs(c);
      const shape = poolX4(c);
      // Three distinct values make most windows tie; negative ones keep padding from winning.
      const x = ties ? rng.ints(shape, -3, 0) : rng.floats(shape, -3, -0.5);
      const dy = rng.floats(maxPoolRef(x, attrs).shape);
      const [xt, dyt] = [toTensor(x), toTensor(dy)];
      const dx = ENGINE.runKernel('maxPoolGrad', { dy: dyt, x: xt }, attrs);
      try {
        await expectTensor(`maxPoolGrad ${c.label}`, dx, maxPoolGradRef(dy, x, attrs), 'float32', ctx.tol);
      } finally {
        for (const t of [xt, dyt, dx]) t.dispose();
      }
    },
  };
}

export const maxPoolGradCases: CaseDef[] = [
  ...POOL_CONFIGS.map((c) => poolCase(c, false)),
  ...POOL_CONFIGS.slice(1, 7).map((c) => poolCase(c, true)),
];
