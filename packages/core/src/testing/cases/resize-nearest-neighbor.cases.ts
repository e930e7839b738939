/** `image.resizeNearestNeighbor` (two gathers): the configs of resizeBilinear's cases on every
 *  dtype (the output keeps it), and its gradient (each output adds to the pixel it copies). */
import { DTYPES } from '../../dtype.js';
import { concat, image, reshape } from '../../ops/index.js';
import { Rng, expectTensor, toTensor, type CaseDef } from '../harness.js';
import { resizeNearestNeighborRef } from '../reference/image.js';
import { nd } from '../reference/nd.js';
import { gradCase } from './grad-util.js';
import { RESIZE_CONFIGS } from './resize-bilinear.cases.js';

export const resizeNearestNeighborCases: CaseDef[] = [
  {
    group: 'resizeNearestNeighbor',
    name: 'sizes and coordinate modes, every dtype',
    run: async (ctx) => {
      const rng = new Rng('resizeNearestNeighbor');
      for (const [shape, size, alignCorners, halfPixelCenters] of RESIZE_CONFIGS) {
        for (const dtype of DTYPES) {
          const x = dtype === 'float32' ? rng.floats(shape) : dtype === 'int32' ? rng.ints(shape, -50, 50) : rng.bools(shape);
          const x4 = shape.length === 4 ? x : nd([1, ...shape], x.values);
          const expected = resizeNearestNeighborRef(x4, size, alignCorners, halfPixelCenters);
          const want = shape.length === 4 ? expected : nd(expected.shape.slice(1), expected.values);
          const xt = toTensor(x, dtype);
          const y = image.resizeNearestNeighbor(xt, size, alignCorners, halfPixelCenters);
          try {
            const what = `resizeNearestNeighbor ${dtype} [${shape}] -> [${size}] alignCorners ${alignCorners} halfPixelCenters ${halfPixelCenters}`;
            await expectTensor(what, y, want, dtype, ctx.tol);
          } finally {
            xt.dispose();
            y.dispose();
          }
        }
      }
    },
  },
  gradCase('resizeNearestNeighbor', 'gradients (repeated and skipped pixels)', {
    inputs: (rng) => [rng.floats([1, 3, 4, 1])],
    f: ([a]) =>
      concat(
        [image.resizeNearestNeighbor(a, [5, 7], true, false), image.resizeNearestNeighbor(a, [2, 3], false, true)].map((y) =>
          reshape(y, [-1]),
        ),
        0,
      ),
  }),
];
