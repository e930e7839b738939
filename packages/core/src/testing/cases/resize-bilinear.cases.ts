/** `image.resizeBilinear` (composed from gather and arithmetic): up- and downscaling, odd sizes,
 *  a rank-3 image and int32 pixels, in each coordinate mode; and its gradient. */
import { concat, image, reshape } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { resizeBilinearRef } from '../reference/image.js';
import { nd } from '../reference/nd.js';
import { gradCase } from './grad-util.js';

/** [input shape, size, alignCorners, halfPixelCenters] */
export const RESIZE_CONFIGS: readonly (readonly [readonly number[], readonly [number, number], boolean, boolean])[] = [
  [[2, 3, 4, 2], [5, 7], false, false],
  [[1, 5, 7, 3], [3, 2], false, true],
  [[1, 4, 5, 1], [7, 9], true, false],
  [[2, 6, 3, 1], [6, 3], false, false],
  [[3, 4, 2], [1, 5], true, false],
  [[1, 1, 1, 2], [3, 2], false, true],
];

export const resizeBilinearCases: CaseDef[] = [
  {
    group: 'resizeBilinear',
    name: 'sizes and coordinate modes, float32 and int32',
    run: async (ctx) => {
      const rng = new Rng('resizeBilinear');
      for (const [shape, size, alignCorners, halfPixelCenters] of RESIZE_CONFIGS) {
        for (const dtype of ['float32', 'int32'] as const) {
          const x = dtype === 'float32' ? rng.floats(shape) : rng.ints(shape, -50, 50);
          const x4 = shape.length === 4 ? x : nd([1, ...shape], x.values);
          const expected = resizeBilinearRef(x4, size, alignCorners, halfPixelCenters);
          const want = shape.length === 4 ? expected : nd(expected.shape.slice(1), expected.values);
          const xt = toTensor(x, dtype);
          const y = image.resizeBilinear(xt, size, alignCorners, halfPixelCenters);
          try {
            const what = `resizeBilinear ${dtype} [${shape}] -> [${size}] alignCorners ${alignCorners} halfPixelCenters ${halfPixelCenters}`;
            await expectTensor(what, y, want, 'float32', ctx.tol);
          } finally {
            xt.dispose();
            y.dispose();
          }
        }
      }
    },
  },
  gradCase('resizeBilinear', 'gradients (up with alignCorners, down with halfPixelCenters)', {
    inputs: (rng) => [rng.floats([1, 2, 3, 1])],
    f: ([a]) =>
      concat(
        [image.resizeBilinear(a, [3, 4], true, false), image.resizeBilinear(a, [1, 2], false, true)].map((y) => reshape(y, [-1])),
        0,
      ),
  }),
];
