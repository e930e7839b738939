/** UpSampling2D against TensorFlow.js 4.22 (nearest and bilinear): outputs, config, saved models
 *  both ways; values by hand for a 2x2 image; misuse. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, ready, ShapeError, tensor } from '@tensile/core';
import { layers, UpSampling2D } from '../src/index.js';
import { values } from './helpers.js';
import { checkAgainstTfjs } from './helpers/tfjs-layer-check.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

describe('UpSampling2D', () => {
  it('nearest, size [2, 3]: same as TF.js', async () => {
    const args = { inputShape: [3, 4, 2], size: [2, 3] as [number, number] };
    await checkAgainstTfjs({ ours: layers.upSampling2d(args), theirs: tfl.layers.upSampling2d(args), input: [2, 3, 4, 2] });
  });

  it('bilinear, size [3, 2]: same as TF.js', async () => {
    const args = { inputShape: [4, 3, 2], size: [3, 2] as [number, number], interpolation: 'bilinear' as const };
    await checkAgainstTfjs({ ours: layers.upSampling2d(args), theirs: tfl.layers.upSampling2d(args), input: [2, 4, 3, 2] });
  });

  it('bilinear on a 1-pixel-high image and size 1 on an axis: same as TF.js', async () => {
    const args = { inputShape: [1, 3, 1], size: [2, 1] as [number, number], interpolation: 'bilinear' as const };
    await checkAgainstTfjs({ ours: layers.upSampling2d(args), theirs: tfl.layers.upSampling2d(args), input: [1, 1, 3, 1] });
  });

  it('values by hand: a 2x2 image doubled', async () => {
    const x = tensor([1, 2, 3, 4], [1, 2, 2, 1]);
    expect(await values(layers.upSampling2d().apply(x))).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    // Legacy bilinear: output i samples i / 2; the last row and column repeat.
    expect(await values(layers.upSampling2d({ interpolation: 'bilinear' }).apply(x))).toEqual([
      1, 1.5, 2, 2, 2, 2.5, 3, 3, 3, 3.5, 4, 4, 3, 3.5, 4, 4,
    ]);
  });

  it('shape inference and its config round trip', () => {
    const l = layers.upSampling2d({ size: 3, interpolation: 'bilinear', name: 'up' });
    expect(l.computeOutputShape([null, 4, null, 2])).toEqual([null, 12, null, 2]);
    expect(UpSampling2D.fromConfig(l.getConfig()).getConfig()).toEqual(l.getConfig());
  });

  it('misuse is an error naming the layer', () => {
    expect(() => layers.upSampling2d({ interpolation: 'bicubic' as 'nearest', name: 'up0' })).toThrow(
      new ArgumentError(`up0: interpolation must be 'nearest' or 'bilinear', got "bicubic"`),
    );
    expect(() => layers.upSampling2d({ size: 1.5, name: 'up1' })).toThrow(ArgumentError);
    expect(() => layers.upSampling2d({ name: 'up2' }).apply(tensor([1, 2], [1, 2]))).toThrow(
      new ShapeError('up2: UpSampling2D needs rank-4 inputs [batch, height, width, channels], got shape [1, 2]'),
    );
  });
});
