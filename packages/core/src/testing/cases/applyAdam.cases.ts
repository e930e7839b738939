/** `applyAdam` on Variables over three steps (step counted from 1): variable, m and v are
 *  updated in place and must match Keras' formulas. */
import { applyAdam } from '../../ops/index.js';
import type { Variable } from '../../tensor.js';
import { Rng, expectTensor, toTensor, toVariable, type CaseDef } from '../harness.js';
import { nd } from '../reference/nd.js';
import { applyAdamRef } from '../reference/optimizers.js';

const SETTINGS = [
  { label: 'Keras defaults', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  { label: 'large steps', learningRate: 0.1, beta1: 0.5, beta2: 0.9, epsilon: 1e-3 },
] as const;

export const applyAdamCases: CaseDef[] = SETTINGS.map((s) => ({
  group: 'applyAdam',
  name: `${s.label}, 3 steps`,
  run: async (ctx) => {
    const rng = new Rng(`applyAdam ${s.label}`);
    const shape = [3, 17];
    const init = rng.floats(shape);
    const state = { variable: init.values.slice(), m: new Float64Array(init.values.length), v: new Float64Array(init.values.length) };
    const made: Variable[] = [];
    try {
      const variable = toVariable(init);
      const m = toVariable(nd(shape));
      const v = toVariable(nd(shape));
      made.push(variable, m, v);
      for (let step = 1; step <= 3; step++) {
        const g = rng.floats(shape, -2, 2);
        const gt = toTensor(g);
        try {
          applyAdam(variable, gt, m, v, { learningRate: s.learningRate, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon, step });
        } finally {
          gt.dispose();
        }
        applyAdamRef(state, g, s.learningRate, s.beta1, s.beta2, s.epsilon, step);
        const at = `after step ${step}`;
        await expectTensor(`applyAdam ${s.label} variable ${at}`, variable, { shape, values: state.variable }, 'float32', ctx.tol);
        await expectTensor(`applyAdam ${s.label} m ${at}`, m, { shape, values: state.m }, 'float32', ctx.tol);
        await expectTensor(`applyAdam ${s.label} v ${at}`, v, { shape, values: state.v }, 'float32', ctx.tol);
      }
    } finally {
      for (const t of made) t.dispose();
    }
  },
}));
