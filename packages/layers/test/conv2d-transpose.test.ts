/** Conv2DTranspose against TensorFlow.js 4.22: outputs, config, saved models both ways; misuse. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, ready, tensor } from '@tensile/core';
import { Conv2DTranspose, layers } from '../src/index.js';
import { checkAgainstTfjs } from './helpers/tfjs-layer-check.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

describe('Conv2DTranspose', () => {
  it('valid, strides 2, relu: same as TF.js', async () => {
    const args = {
      inputShape: [4, 5, 3],
      filters: 2,
      kernelSize: 3,
      strides: 2,
      activation: 'relu',
      kernelInitializer: 'glorotUniform',
    } as const;
    await checkAgainstTfjs({
      ours: layers.conv2dTranspose(args),
      theirs: tfl.layers.conv2dTranspose({ ...args, inputShape: [...args.inputShape] }),
      input: [2, 4, 5, 3],
    });
  });

  it('same, strides [2, 3], no bias: same as TF.js', async () => {
    const args = {
      inputShape: [3, 4, 2],
      filters: 3,
      kernelSize: [3, 2] as [number, number],
      strides: [2, 3] as [number, number],
      padding: 'same',
      useBias: false,
      kernelInitializer: 'glorotUniform',
    } as const;
    await checkAgainstTfjs({
      ours: layers.conv2dTranspose(args),
      theirs: tfl.layers.conv2dTranspose({ ...args, inputShape: [...args.inputShape] }),
      input: [1, 3, 4, 2],
    });
  });

  it('shape inference, kernel layout and its config round trip', () => {
    const l = layers.conv2dTranspose({ filters: 5, kernelSize: 3, strides: 2, name: 'up' });
    expect(l.computeOutputShape([null, 4, null, 2])).toEqual([null, 9, null, 5]);
    l.apply(tensor(new Float32Array(32), [1, 4, 4, 2]));
    expect(l.weights[0].shape).toEqual([3, 3, 5, 2]);
    const copy = Conv2DTranspose.fromConfig(l.getConfig());
    expect(copy.getConfig()).toEqual(l.getConfig());
  });

  it('misuse is an error naming the layer', () => {
    expect(() => layers.conv2dTranspose({ filters: 2, kernelSize: 3, dilationRate: 2, name: 'ct0' })).toThrow(
      new ArgumentError('ct0: Conv2DTranspose supports only dilationRate 1 (as TensorFlow.js 4.22), got [2, 2]'),
    );
    expect(() => layers.conv2dTranspose({ filters: 2, kernelSize: 3, name: 'ct1' }).apply(tensor([1, 2, 3], [1, 3]))).toThrow(
      'ct1: Conv2DTranspose needs rank-4 inputs [batch, height, width, channels] with known channels, got (null, 3)',
    );
  });
});
