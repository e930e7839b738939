/** `fusedPoolBiasGrad` (the bias gradient of a fused conv from the gradient at the average pool
 *  after it) at each conv + pool shape with one activation, and LeNet's first conv with every
 *  activation, against a float64 reference; plus the spec's checks. Compiled steps only, so the
 *  cases run the kernel through the engine. */
import { ENGINE } from '../../engine.js';
import { DTypeError, ShapeError } from '../../errors.js';
import { FUSED_ACTIVATIONS, type FusedActivation } from '../../kernels/signatures.js';
import type { Tensor } from '../../tensor.js';
import { expectThrows, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { fusedAvgPoolGradRef } from '../reference/fused-pool.js';
import { nd } from '../reference/nd.js';
import { CONV_POOL_CONFIGS, convPoolData, type ConvPoolConfig } from './conv-pool-configs.js';

const K = 'fusedPoolBiasGrad';

function biasCase(c: ConvPoolConfig, activation: FusedActivation): CaseDef {
  return {
    group: K,
    name: `${c.label}, ${activation}`,
    run: async (ctx) => {
      const { y, dy } = convPoolData(c, activation, `${K} ${c.label} ${activation}`);
      const dz = fusedAvgPoolGradRef(dy, y, c.pool, activation);
      const channels = y.shape[3];
      const expected = nd([channels]);
      const scale = new Float64Array(channels);
      dz.out.values.forEach((v, i) => {
        expected.values[i % channels] += v;
        scale[i % channels] += dz.scale[i];
      });
      const made: Tensor[] = [toTensor(dy), toTensor(y)];
      try {
        const db = ENGINE.runKernel(K, { dy: made[0], y: made[1] }, { ...c.pool, activation });
        made.push(db);
        await expectTensor(`${K} ${c.label} ${activation}`, db, expected, 'float32', ctx.tol, scale);
      } finally {
        for (const t of made) t.dispose();
      }
    },
  };
}

const errorCase: CaseDef = {
  group: K,
  name: 'rejects a dy that is not the pool output shape, and int32 inputs',
  run: async () => {
    const attrs = { filterSize: [2, 2], strides: [2, 2], pad: { top: 0, bottom: 0, left: 0, right: 0 }, activation: 'relu' } as const;
    const y = toTensor(nd([1, 4, 4, 2]));
    const dy = toTensor(nd([1, 3, 3, 2]));
    const dyInt = toTensor(nd([1, 2, 2, 2]), 'int32');
    try {
      expectThrows(`${K} dy [1,3,3,2] for a [1,2,2,2] pool output`, () => ENGINE.runKernel(K, { dy, y }, attrs), ShapeError, K);
      expectThrows(`${K} int32 dy`, () => ENGINE.runKernel(K, { dy: dyInt, y }, attrs), DTypeError, K);
    } finally {
      for (const t of [y, dy, dyInt]) t.dispose();
    }
  },
};

const [LENET, ...OTHERS] = CONV_POOL_CONFIGS;

export const fusedPoolBiasGradCases: CaseDef[] = [
  ...FUSED_ACTIVATIONS.map((a) => biasCase(LENET, a)),
  ...OTHERS.map((c, i) => biasCase(c, FUSED_ACTIVATIONS[(i + 1) % FUSED_ACTIVATIONS.length])),
  errorCase,
];
