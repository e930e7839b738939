/** Cropping2D against TensorFlow.js 4.22: outputs, config, saved models both ways; misuse. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, ready, ShapeError, tensor } from '@tensile/core';
import { Cropping2D, layers } from '../src/index.js';
import { values } from './helpers.js';
import { checkAgainstTfjs } from './helpers/tfjs-layer-check.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

describe('Cropping2D', () => {
  it('[[top, bottom], [left, right]]: same as TF.js', async () => {
    const cropping: [[number, number], [number, number]] = [
      [1, 0],
      [2, 1],
    ];
    await checkAgainstTfjs({
      ours: layers.cropping2D({ inputShape: [5, 6, 2], cropping }),
      theirs: tfl.layers.cropping2D({ inputShape: [5, 6, 2], cropping }),
      input: [2, 5, 6, 2],
    });
  });

  it('symmetric [h, w]: same as TF.js', async () => {
    await checkAgainstTfjs({
      ours: layers.cropping2D({ inputShape: [5, 6, 1], cropping: [2, 1] }),
      theirs: tfl.layers.cropping2D({ inputShape: [5, 6, 1], cropping: [2, 1] }),
      input: [1, 5, 6, 1],
    });
  });

  it('values by hand, shape inference and config round trip', async () => {
    const l = layers.cropping2D({ cropping: 1, name: 'crop' });
    const x = tensor(
      Array.from({ length: 16 }, (_, i) => i),
      [1, 4, 4, 1],
    );
    expect(await values(l.apply(x))).toEqual([5, 6, 9, 10]);
    expect(l.computeOutputShape([null, 4, null, 3])).toEqual([null, 2, null, 3]);
    expect(Cropping2D.fromConfig(l.getConfig()).getConfig()).toEqual(l.getConfig());
  });

  it('misuse is an error naming the layer', () => {
    expect(() => layers.cropping2D({ cropping: -1, name: 'c0' })).toThrow(
      new ArgumentError('c0: cropping must be n, [h, w] or [[top, bottom], [left, right]] of non-negative integers, got -1'),
    );
    expect(() => layers.cropping2D({ cropping: [3, 0], name: 'c1' }).computeOutputShape([null, 6, 4, 1])).toThrow(
      new ShapeError("c1: cropping [[3,3],[0,0]] leaves nothing of height 6 and width 4; crop less than the input's size"),
    );
  });
});
