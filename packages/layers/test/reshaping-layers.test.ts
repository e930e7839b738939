/** Permute and RepeatVector against TensorFlow.js 4.22 itself (outputs, configs, files both ways). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, grad, ready, ShapeError, sum, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { input, layers, sequential } from '../src/index.js';
import { values } from './helpers.js';
import { checkTwin } from './helpers/tfjs-twin.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

describe('Permute and RepeatVector vs TF.js 4.22', () => {
  it('Permute [2, 3, 1] after a Dense', async () => {
    const ours = sequential([layers.dense({ units: 4, inputShape: [2, 3, 5] }), layers.permute({ dims: [2, 3, 1] })]);
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 4, inputShape: [2, 3, 5], kernelInitializer: 'glorotUniform' }),
        tfl.layers.permute({ dims: [2, 3, 1] }),
      ],
    });
    expect(ours.outputs[0].shape).toEqual(theirs.outputs[0].shape);
    await checkTwin(ours, theirs, { inputs: [[3, 2, 3, 5]] });
  });

  it('RepeatVector n=3 after a Dense, then a Dense over the repeats', async () => {
    const ours = sequential([layers.dense({ units: 4, inputShape: [5] }), layers.repeatVector({ n: 3 }), layers.dense({ units: 2 })]);
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 4, inputShape: [5], kernelInitializer: 'glorotUniform' }),
        tfl.layers.repeatVector({ n: 3 }),
        tfl.layers.dense({ units: 2, kernelInitializer: 'glorotUniform' }),
      ],
    });
    expect(ours.outputs[0].shape).toEqual([null, 3, 2]);
    await checkTwin(ours, theirs, { inputs: [[2, 5]] });
  });

  it('RepeatVector passes gradients back summed over the repeats, and leaves no tensors', async () => {
    const r = layers.repeatVector({ n: 4 });
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(await values(grad((v) => sum(r.apply(v)))(x))).toEqual([4, 4, 4, 4, 4, 4]);
    r.apply(x).dispose();
    const before = undisposedTensors();
    r.apply(x).dispose();
    layers
      .permute({ dims: [1] })
      .apply(x)
      .dispose();
    expect(undisposedTensors()).toBe(before);
  });

  it('misuse names the layer and what it wanted', () => {
    expect(() => layers.permute({ dims: [1, 3], name: 'p' })).toThrow(
      'p: dims must be a permutation of 1..2 (axis 0 is the batch), got [1,3]',
    );
    expect(() => layers.permute({ dims: [2, 1], name: 'p2' }).apply(input({ shape: [2, 3, 4] }))).toThrow(ShapeError);
    expect(() => layers.repeatVector({ n: 0, name: 'rv' })).toThrow(ArgumentError);
    expect(() => layers.repeatVector({ n: 2, name: 'rv2' }).apply(input({ shape: [2, 3] }))).toThrow(
      'rv2: RepeatVector needs inputs of rank 2 [batch, features], got shape (null, 2, 3)',
    );
  });
});
