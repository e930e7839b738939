/** `activationGrad` (dy * f'(x) from y = f(x)) for every fused activation over a few shapes, from
 *  the tail-only sizes to one large enough that threaded backends split it, against a float64
 *  reference; plus the spec's checks. It has no public op (the fused kernels' gradients call it),
 *  so the cases run the kernel through the engine. */
import { ENGINE } from '../../engine.js';
import { DTypeError, ShapeError } from '../../errors.js';
import { FUSED_ACTIVATIONS, type FusedActivation } from '../../kernels/signatures.js';
import type { Tensor } from '../../tensor.js';
import { Rng, expectThrows, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { nd, type Nd } from '../reference/nd.js';
import { activationDerivative, activationTermScale } from '../reference/activation.js';
import { activationScalar } from '../reference/matmul.js';

/** Sizes 1, 3 and 7 have no full 4-lane vector; 65,984 elements split over threads. */
const SHAPES: readonly (readonly number[])[] = [[1], [3], [7], [4, 9], [2, 3, 5, 11], [64, 1031]];

function activationGradCase(activation: FusedActivation): CaseDef {
  return {
    group: 'activationGrad',
    name: activation,
    run: async (ctx) => {
      const rng = new Rng(`activationGrad ${activation}`);
      for (const shape of SHAPES) {
        // Pre-activations over [-8, 8) so relu's and relu6's outputs hit exactly 0 and 6, and
        // tanh's and sigmoid's saturate; y is what a float32 forward pass would have stored.
        const x = rng.floats(shape, -8, 8);
        const y: Nd = nd(
          shape,
          Array.from(x.values, (v) => Math.fround(activationScalar(activation, v))),
        );
        const dy = rng.floats(shape, -2, 2);
        const expected = nd(shape);
        const scale = new Float64Array(expected.values.length);
        for (let i = 0; i < expected.values.length; i++) {
          expected.values[i] = dy.values[i] * activationDerivative(activation, y.values[i]);
          scale[i] = Math.abs(dy.values[i]) * activationTermScale(activation, y.values[i]);
        }
        const made: Tensor[] = [toTensor(dy), toTensor(y)];
        try {
          const g = ENGINE.runKernel('activationGrad', { dy: made[0], y: made[1] }, { activation });
          made.push(g);
          await expectTensor(`activationGrad ${activation} [${shape}]`, g, expected, 'float32', ctx.tol, scale);
        } finally {
          for (const t of made) t.dispose();
        }
      }
    },
  };
}

const errorCase: CaseDef = {
  group: 'activationGrad',
  name: 'rejects mismatched shapes and non-float32 inputs',
  run: async () => {
    const dy = toTensor(nd([2, 3]));
    const y = toTensor(nd([3, 2]));
    const yi = toTensor(nd([2, 3]), 'int32');
    try {
      expectThrows(
        'activationGrad shapes [2,3] vs [3,2]',
        () => ENGINE.runKernel('activationGrad', { dy, y }, { activation: 'relu' }),
        ShapeError,
        'activationGrad',
      );
      expectThrows(
        'activationGrad int32 y',
        () => ENGINE.runKernel('activationGrad', { dy, y: yi }, { activation: 'tanh' }),
        DTypeError,
        'activationGrad',
      );
    } finally {
      dy.dispose();
      y.dispose();
      yi.dispose();
    }
  },
};

export const activationGradCases: CaseDef[] = [...FUSED_ACTIVATIONS.map(activationGradCase), errorCase];
