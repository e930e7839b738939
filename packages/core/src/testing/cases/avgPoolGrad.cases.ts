/** `avgPoolGrad`, run as a kernel (avgPool's gradient uses it): dy / in-bounds count to every
 *  in-bounds input of the window. */
import { ENGINE } from '../../engine.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { avgPoolGradRef, avgPoolRef } from '../reference/pool.js';
import { POOL_CONFIGS, poolAttrs, poolX4 } from './pool-configs.js';

export const avgPoolGradCases: CaseDef[] = POOL_CONFIGS.map((c) => ({
  group: 'avgPoolGrad',
  name: c.label,
  run: async (ctx) => {
    const rng = new Rng(`avgPoolGrad ${c.label}`);
    const attrs = poolAttrs(c);
    const x = rng.floats(poolX4(c));
    const dy = rng.floats(avgPoolRef(x, attrs).shape);
    const [xt, dyt] = [toTensor(x), toTensor(dy)];
    const dx = ENGINE.runKernel('avgPoolGrad', { dy: dyt, x: xt }, attrs);
    try {
      await expectTensor(`avgPoolGrad ${c.label}`, dx, avgPoolGradRef(dy, x, attrs), 'float32', ctx.tol);
    } finally {
      for (const t of [xt, dyt, dx]) t.dispose();
    }
  },
}));
