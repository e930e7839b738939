/**
 * Core's `image.resizeBilinear` / `image.resizeNearestNeighbor` against TensorFlow.js 4.22's
 * `tf.image` on the same pixels (the conformance suite checks them against a loop reference;
 * this checks that reference's reading of TF.js against TF.js itself), and their misuse errors.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, image, ready, ShapeError, tensor } from '@tensile/core';
import { maxAbsDiff, values } from './helpers.js';
import { lcg } from './helpers/tfjs-twin.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

const CONFIGS: [number[], [number, number], boolean, boolean][] = [
  [[2, 5, 7, 3], [9, 4], false, false],
  [[2, 5, 7, 3], [3, 11], false, true],
  [[2, 5, 7, 3], [8, 8], true, false],
  [[1, 6, 6, 1], [3, 3], false, false],
  [[4, 3, 2], [7, 5], true, false],
  [[4, 3, 2], [2, 1], false, true],
];

describe('image resize ops vs tf.image (TF.js 4.22)', () => {
  for (const [shape, size, alignCorners, halfPixelCenters] of CONFIGS) {
    it(`[${shape}] -> [${size}] alignCorners ${alignCorners} halfPixelCenters ${halfPixelCenters}`, async () => {
      const data = lcg(
        shape.reduce((a, b) => a * b, 1),
        11,
      );
      const ours = image.resizeBilinear(tensor(data, shape), size, alignCorners, halfPixelCenters);
      const theirs = tf.image.resizeBilinear(tf.tensor(data, shape) as tf.Tensor as tf.Tensor4D, size, alignCorners, halfPixelCenters);
      expect(ours.shape).toEqual(theirs.shape);
      expect(maxAbsDiff(await values(ours), await theirs.data())).toBeLessThanOrEqual(1e-5);
      const ints = Int32Array.from(data, (v) => Math.round(v * 100));
      const oursNn = image.resizeNearestNeighbor(tensor(ints, shape, 'int32'), size, alignCorners, halfPixelCenters);
      const theirsNn = tf.image.resizeNearestNeighbor(
        tf.tensor(ints, shape, 'int32') as tf.Tensor as tf.Tensor4D,
        size,
        alignCorners,
        halfPixelCenters,
      );
      expect(oursNn.dtype).toBe('int32');
      expect(await values(oursNn)).toEqual(Array.from(await theirsNn.data()));
    });
  }

  it('misuse names the op and what it wanted', () => {
    const x = tensor(lcg(12, 1), [1, 2, 3, 2]);
    expect(() => image.resizeBilinear(tensor([1, 2], [2]), [2, 2])).toThrow(ShapeError);
    expect(() => image.resizeBilinear(tensor([1, 2], [2]), [2, 2])).toThrow(
      'resizeBilinear: images must be rank 3 [height, width, channels] or rank 4 [batch, height, width, channels], got shape [2]',
    );
    expect(() => image.resizeNearestNeighbor(x, [0, 2])).toThrow(
      'resizeNearestNeighbor: size must be [newHeight, newWidth] of positive integers, got [0,2]',
    );
    expect(() => image.resizeBilinear(x, [2, 2], true, true)).toThrow(ArgumentError);
  });
});
