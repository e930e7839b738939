/** `applySgd` on Variables over three steps, without momentum, with momentum, and nesterov:
 *  variable and velocity are updated in place and must match Keras' formulas. */
import { applySgd } from '../../ops/index.js';
import type { Variable } from '../../tensor.js';
import { Rng, expectTensor, toTensor, toVariable, type CaseDef } from '../harness.js';
import { nd } from '../reference/nd.js';
import { applySgdRef } from '../reference/optimizers.js';

const SETTINGS = [
  { label: 'plain', momentum: 0, nesterov: false },
  { label: 'momentum 0.9', momentum: 0.9, nesterov: false },
  { label: 'nesterov momentum 0.8', momentum: 0.8, nesterov: true },
] as const;

export const applySgdCases: CaseDef[] = SETTINGS.map(({ label, momentum, nesterov }) => ({
  group: 'applySgd',
  name: `${label}, 3 steps`,
  run: async (ctx) => {
    const rng = new Rng(`applySgd ${label}`);
    const shape = [5, 13];
    const lr = 0.05;
    const init = rng.floats(shape);
    const state = { variable: init.values.slice(), velocity: momentum ? new Float64Array(init.values.length) : undefined };
    const made: Variable[] = [];
    try {
      const v = toVariable(init);
      made.push(v);
      const velocity = momentum ? toVariable(nd(shape)) : undefined;
      if (velocity) made.push(velocity);
      for (let step = 1; step <= 3; step++) {
        const g = rng.floats(shape);
        const gt = toTensor(g);
        try {
          applySgd(v, gt, { learningRate: lr, momentum, nesterov, velocity });
        } finally {
          gt.dispose();
        }
        applySgdRef(state, g, lr, momentum, nesterov);
        await expectTensor(`applySgd ${label} variable after step ${step}`, v, { shape, values: state.variable }, 'float32', ctx.tol);
        if (velocity && state.velocity) {
          await expectTensor(
            `applySgd ${label} velocity after step ${step}`,
            velocity,
            { shape, values: state.velocity },
            'float32',
            ctx.tol,
          );
        }
      }
    } finally {
      for (const t of made) t.dispose();
    }
  },
}));
