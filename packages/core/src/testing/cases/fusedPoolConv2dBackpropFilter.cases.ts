/** `fusedPoolConv2dBackpropFilter` (the filter gradient of a fused conv from the gradient at the
 *  average pool after it) at each conv + pool shape with one activation, and LeNet's first conv
 *  with every activation, against a float64 reference; plus the spec's checks. No op calls it
 *  eagerly (compiled steps put it in their plans), so the cases run the kernel through the engine. */
import { ENGINE } from '../../engine.js';
import { DTypeError, ShapeError } from '../../errors.js';
import { FUSED_ACTIVATIONS, type FusedActivation } from '../../kernels/signatures.js';
import type { Tensor } from '../../tensor.js';
import { expectThrows, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { conv2dBackpropFilterRef } from '../reference/conv.js';
import { fusedAvgPoolGradRef } from '../reference/fused-pool.js';
import { nd } from '../reference/nd.js';
import { CONV_POOL_CONFIGS, convPoolData, type ConvPoolConfig } from './conv-pool-configs.js';

const K = 'fusedPoolConv2dBackpropFilter';

function filterCase(c: ConvPoolConfig, activation: FusedActivation): CaseDef {
  return {
    group: K,
    name: `${c.label}, ${activation}`,
    run: async (ctx) => {
      const { attrs, x, y, dy } = convPoolData(c, activation, `${K} ${c.label} ${activation}`);
      const dz = fusedAvgPoolGradRef(dy, y, c.pool, activation);
      const expected = conv2dBackpropFilterRef(x, dz.out, c.conv.filter, attrs).out;
      // Each product's error scale: |x| times the error scale of its dz.
      const absX = nd(x.shape, Array.from(x.values, Math.abs));
      const scale = conv2dBackpropFilterRef(absX, nd(y.shape, Array.from(dz.scale)), c.conv.filter, attrs).out.values;
      const made: Tensor[] = [toTensor(x), toTensor(dy), toTensor(y)];
      try {
        const df = ENGINE.runKernel(
          K,
          { x: made[0], dy: made[1], y: made[2] },
          { ...attrs, filterShape: c.conv.filter, pool: c.pool, activation },
        );
        made.push(df);
        await expectTensor(`${K} ${c.label} ${activation}`, df, expected, 'float32', ctx.tol, Float64Array.from(scale));
      } finally {
        for (const t of made) t.dispose();
      }
    },
  };
}

const errorCase: CaseDef = {
  group: K,
  name: 'rejects a dy that is not the pool output shape, a y that is not the conv output shape, and int32 inputs',
  run: async () => {
    const conv = { strides: [1, 1], pad: { top: 0, bottom: 0, left: 0, right: 0 }, dilations: [1, 1] } as const;
    const pool = { filterSize: [2, 2], strides: [2, 2], pad: { top: 0, bottom: 0, left: 0, right: 0 } } as const;
    const attrs = { ...conv, filterShape: [3, 3, 1, 2] as const, pool, activation: 'tanh' as const };
    const x = toTensor(nd([1, 6, 6, 1]));
    const y = toTensor(nd([1, 4, 4, 2]));
    const yWrong = toTensor(nd([1, 6, 6, 2]));
    const dy = toTensor(nd([1, 2, 2, 2]));
    const dyWrong = toTensor(nd([1, 3, 3, 2]));
    const dyInt = toTensor(nd([1, 2, 2, 2]), 'int32');
    try {
      expectThrows(`${K} dy [1,3,3,2] for a [1,2,2,2] pool output`, () => ENGINE.runKernel(K, { x, dy: dyWrong, y }, attrs), ShapeError, K);
      expectThrows(
        `${K} y [1,6,6,2] for a [1,4,4,2] conv output`,
        () => ENGINE.runKernel(K, { x, dy: dyWrong, y: yWrong }, attrs),
        ShapeError,
        K,
      );
      expectThrows(`${K} int32 dy`, () => ENGINE.runKernel(K, { x, dy: dyInt, y }, attrs), DTypeError, K);
    } finally {
      for (const t of [x, y, yWrong, dy, dyWrong, dyInt]) t.dispose();
    }
  },
};

const [LENET, ...OTHERS] = CONV_POOL_CONFIGS;

export const fusedPoolConv2dBackpropFilterCases: CaseDef[] = [
  ...FUSED_ACTIVATIONS.map((a) => filterCase(LENET, a)),
  ...OTHERS.map((c, i) => filterCase(c, FUSED_ACTIVATIONS[(i + 3) % FUSED_ACTIVATIONS.length])),
  errorCase,
];
