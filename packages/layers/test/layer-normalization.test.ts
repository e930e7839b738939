/** LayerNormalization against TensorFlow.js 4.22: outputs, config, saved models both ways; misuse. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, ready, tensor } from '@tensile/core';
import { LayerNormalization, layers } from '../src/index.js';
import { maxAbsDiff, values } from './helpers.js';
import { checkAgainstTfjs } from './helpers/tfjs-layer-check.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

describe('LayerNormalization', () => {
  it('default (last axis) on [batch, 3, 5]: same as TF.js', async () => {
    await checkAgainstTfjs({
      ours: layers.layerNormalization({ inputShape: [3, 5] }),
      theirs: tfl.layers.layerNormalization({ inputShape: [3, 5] }),
      input: [2, 3, 5],
    });
  });

  it('axes [1, 2] of an image, epsilon 1e-5: same as TF.js', async () => {
    const args = { inputShape: [4, 3, 2], axis: [1, 2], epsilon: 1e-5 };
    await checkAgainstTfjs({
      ours: layers.layerNormalization(args),
      theirs: tfl.layers.layerNormalization({ ...args, inputShape: [...args.inputShape] }),
      input: [2, 4, 3, 2],
    });
  });

  it('axis 1 only (not trailing), no center: same as TF.js', async () => {
    const args = { inputShape: [4, 3], axis: 1, center: false };
    await checkAgainstTfjs({
      ours: layers.layerNormalization(args),
      theirs: tfl.layers.layerNormalization({ ...args, inputShape: [...args.inputShape] }),
      input: [3, 4, 3],
    });
  });

  it('normalizes each sample to mean 0 and variance 1 with the initial weights', async () => {
    const x = Array.from({ length: 8 }, (_, i) => i * i);
    const y = await values(layers.layerNormalization({ epsilon: 1e-6 }).apply(tensor(x, [2, 4])));
    for (const row of [y.slice(0, 4), y.slice(4)]) {
      const m = row.reduce((a, b) => a + b, 0) / 4;
      const v = row.reduce((a, b) => a + (b - m) ** 2, 0) / 4;
      expect(Math.abs(m)).toBeLessThan(1e-5);
      expect(maxAbsDiff([v], [1])).toBeLessThan(1e-4);
    }
  });

  it('config round trip (axis saved resolved, as TF.js)', () => {
    const l = layers.layerNormalization({ axis: -1, name: 'ln' });
    l.apply(tensor(new Float32Array(6), [2, 3]));
    expect(l.getConfig().axis).toEqual([1]);
    expect(LayerNormalization.fromConfig(l.getConfig()).getConfig()).toEqual({ ...l.getConfig() });
  });

  it('misuse is an error naming the layer', () => {
    expect(() => layers.layerNormalization({ epsilon: 0, name: 'ln0' })).toThrow(new ArgumentError('ln0: epsilon must be positive, got 0'));
    expect(() => layers.layerNormalization({ axis: 0, name: 'ln1' }).apply(tensor([1, 2], [1, 2]))).toThrow(
      new ArgumentError('ln1: axis [0] must name distinct non-batch axes of a rank-2 input (1 to 1, or negative)'),
    );
    expect(() => layers.layerNormalization({ axis: 1.5, name: 'ln2' })).toThrow(ArgumentError);
  });
});
