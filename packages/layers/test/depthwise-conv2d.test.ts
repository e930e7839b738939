/** DepthwiseConv2D against TensorFlow.js 4.22: outputs, config, saved models both ways; misuse. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, ready, ShapeError, tensor } from '@tensile/core';
import { DepthwiseConv2D, layers } from '../src/index.js';
import { maxAbsDiff, values } from './helpers.js';
import { checkAgainstTfjs, seeded } from './helpers/tfjs-layer-check.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

describe('DepthwiseConv2D', () => {
  it('valid, multiplier 2, relu: same as TF.js', async () => {
    const args = {
      inputShape: [7, 6, 3],
      kernelSize: 3,
      depthMultiplier: 2,
      activation: 'relu',
      depthwiseInitializer: 'glorotUniform',
    } as const;
    await checkAgainstTfjs({
      ours: layers.depthwiseConv2d(args),
      theirs: tfl.layers.depthwiseConv2d({ ...args, inputShape: [...args.inputShape] }),
      input: [2, 7, 6, 3],
    });
  });

  it('same, strides 2, no bias: same as TF.js', async () => {
    const args = {
      inputShape: [7, 8, 2],
      kernelSize: [3, 2] as [number, number],
      strides: 2,
      padding: 'same',
      useBias: false,
      depthwiseInitializer: 'glorotUniform',
    } as const;
    await checkAgainstTfjs({
      ours: layers.depthwiseConv2d(args),
      theirs: tfl.layers.depthwiseConv2d({ ...args, inputShape: [...args.inputShape] }),
      input: [1, 7, 8, 2],
    });
  });

  // TF.js 4.22's DepthwiseConv2D layer drops dilationRate in call (it passes null to the op), so
  // the oracle here is its tf.depthwiseConv2d op with the dilations, plus the bias (Keras 3's result).
  it('same, dilation 2: same as tf.depthwiseConv2d with dilations 2 plus bias', async () => {
    const l = layers.depthwiseConv2d({ kernelSize: 3, dilationRate: 2, padding: 'same', depthMultiplier: 2 });
    const x = seeded(2 * 6 * 7 * 2, 11);
    l.apply(tensor(x, [2, 6, 7, 2]));
    const [k, b] = [seeded(3 * 3 * 2 * 2, 12), seeded(4, 13)];
    l.setWeights([tensor(k, [3, 3, 2, 2]), tensor(b, [4])]);
    const ours = await values(l.apply(tensor(x, [2, 6, 7, 2])));
    const theirs = await tf
      .add(tf.depthwiseConv2d(tf.tensor4d(x, [2, 6, 7, 2]), tf.tensor4d(k, [3, 3, 2, 2]), 1, 'same', 'NHWC', 2), tf.tensor(b, [4]))
      .data();
    expect(ours.length).toBe(2 * 6 * 7 * 4);
    expect(maxAbsDiff(ours, theirs)).toBeLessThanOrEqual(1e-4);
  });

  it('shape inference and its config round trip', () => {
    const l = layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 3, strides: 2, padding: 'same', name: 'dw' });
    expect(l.computeOutputShape([null, 9, 8, 4])).toEqual([null, 5, 4, 12]);
    const copy = DepthwiseConv2D.fromConfig(l.getConfig());
    expect(copy.getConfig()).toEqual(l.getConfig());
  });

  it('misuse is an error naming the layer', () => {
    expect(() => layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 0, name: 'dw0' })).toThrow(
      new ArgumentError('dw0: depthMultiplier must be a positive integer, got 0'),
    );
    expect(() => layers.depthwiseConv2d({ kernelSize: 3, name: 'dw1' }).apply(tensor([1, 2, 3], [1, 3]))).toThrow(ShapeError);
    expect(() => layers.depthwiseConv2d({ kernelSize: 3, name: 'dw2' }).apply(tensor([1, 2, 3], [1, 3]))).toThrow(
      'dw2: DepthwiseConv2D needs rank-4 inputs [batch, height, width, channels] with known channels, got (null, 3)',
    );
    expect(() => layers.depthwiseConv2d({ kernelSize: 5, name: 'dw3' }).computeOutputShape([null, 3, 3, 1])).toThrow(
      "dw3: kernel 5x5 does not fit input (null, 3, 3, 1) with padding 'valid'",
    );
  });
});
