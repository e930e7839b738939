/** `fusedAvgPoolGrad` (avgPool's gradient times the activation's derivative at the pool's input
 *  y = f(z)) over the shared pooling shapes, each with one activation and the LeNet shape with
 *  every activation, against a float64 reference; plus the spec's checks. No op calls it eagerly
 *  (compiled steps put it in their plans), so the cases run the kernel through the engine. */
import { ENGINE } from '../../engine.js';
import { DTypeError, ShapeError } from '../../errors.js';
import { FUSED_ACTIVATIONS, type FusedActivation } from '../../kernels/signatures.js';
import type { Tensor } from '../../tensor.js';
import { Rng, expectThrows, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { fusedAvgPoolGradRef } from '../reference/fused-pool.js';
import { activationScalar } from '../reference/matmul.js';
import { nd } from '../reference/nd.js';
import { avgPoolRef } from '../reference/pool.js';
import { POOL_CONFIGS, poolAttrs, poolX4, type PoolConfig } from './pool-configs.js';

function fusedCase(c: PoolConfig, activation: FusedActivation): CaseDef {
  return {
    group: 'fusedAvgPoolGrad',
    name: `${c.label}, ${activation}`,
    run: async (ctx) => {
      const rng = new Rng(`fusedAvgPoolGrad ${c.label} ${activation}`);
      const attrs = poolAttrs(c);
      // What a float32 forward pass stored as the pool's input: f of pre-activations in [-4, 4).
      const z = rng.floats(poolX4(c), -4, 4);
      const y = nd(
        z.shape,
        Array.from(z.values, (v) => Math.fround(activationScalar(activation, v))),
      );
      const dy = rng.floats(avgPoolRef(y, attrs).shape, -2, 2);
      const { out: expected, scale } = fusedAvgPoolGradRef(dy, y, attrs, activation);
      const made: Tensor[] = [toTensor(dy), toTensor(y)];
      try {
        const g = ENGINE.runKernel('fusedAvgPoolGrad', { dy: made[0], y: made[1] }, { ...attrs, activation });
        made.push(g);
        await expectTensor(`fusedAvgPoolGrad ${c.label} ${activation}`, g, expected, 'float32', ctx.tol, scale);
      } finally {
        for (const t of made) t.dispose();
      }
    },
  };
}

const LENET = POOL_CONFIGS.find((c) => c.label.startsWith('LeNet'));

const errorCase: CaseDef = {
  group: 'fusedAvgPoolGrad',
  name: 'rejects a dy that is not the pool output shape, and int32 inputs',
  run: async () => {
    const attrs = { filterSize: [2, 2], strides: [2, 2], pad: { top: 0, bottom: 0, left: 0, right: 0 } } as const;
    const y = toTensor(nd([1, 4, 4, 2]));
    const dy = toTensor(nd([1, 3, 3, 2]));
    const dyInt = toTensor(nd([1, 2, 2, 2]), 'int32');
    try {
      expectThrows(
        'fusedAvgPoolGrad dy [1,3,3,2] for a [1,2,2,2] pool output',
        () => ENGINE.runKernel('fusedAvgPoolGrad', { dy, y }, { ...attrs, activation: 'tanh' }),
        ShapeError,
        'fusedAvgPoolGrad',
      );
      expectThrows(
        'fusedAvgPoolGrad int32 dy',
        () => ENGINE.runKernel('fusedAvgPoolGrad', { dy: dyInt, y }, { ...attrs, activation: 'relu' }),
        DTypeError,
        'fusedAvgPoolGrad',
      );
    } finally {
      for (const t of [y, dy, dyInt]) t.dispose();
    }
  },
};

export const fusedAvgPoolGradCases: CaseDef[] = [
  ...POOL_CONFIGS.filter((c) => c !== LENET).map((c, i) => fusedCase(c, FUSED_ACTIVATIONS[i % FUSED_ACTIVATIONS.length])),
  ...(LENET ? FUSED_ACTIVATIONS.map((a) => fusedCase(LENET, a)) : []),
  errorCase,
];
