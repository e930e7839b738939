/** SeparableConv2D against TensorFlow.js 4.22: outputs, config, saved models both ways; misuse. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, ModelFormatError, ready, tensor } from '@tensile/core';
import { io, layers, loadModel, type ModelArtifacts, SeparableConv2D } from '../src/index.js';
import { checkAgainstTfjs, tfjsArtifacts } from './helpers/tfjs-layer-check.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

// TF.js 4.22 leaves depthMultiplier out of SeparableConv2D's config (Keras writes it, and so does
// Tensile, else a multiplier above 1 would not survive a save).
const ignoreConfigKeys = ['depth_multiplier'];

describe('SeparableConv2D', () => {
  it('valid, multiplier 2, tanh: same as TF.js', async () => {
    const args = { inputShape: [6, 7, 3], filters: 4, kernelSize: 3, depthMultiplier: 2, activation: 'tanh' } as const;
    const tfjsSaveIsLossy = 'TF.js saves no depthMultiplier, so its file describes a multiplier-1 layer';
    await checkAgainstTfjs({
      ours: layers.separableConv2d(args),
      theirs: tfl.layers.separableConv2d({ ...args, inputShape: [...args.inputShape] }),
      input: [2, 6, 7, 3],
      ignoreConfigKeys,
      tfjsSaveIsLossy,
    });
  });

  it('multiplier 1, tanh: saved by TF.js loads in Tensile too', async () => {
    const args = { inputShape: [6, 7, 3], filters: 4, kernelSize: 3, activation: 'tanh' } as const;
    await checkAgainstTfjs({
      ours: layers.separableConv2d(args),
      theirs: tfl.layers.separableConv2d({ ...args, inputShape: [...args.inputShape] }),
      input: [2, 6, 7, 3],
      ignoreConfigKeys,
    });
  });

  it("TF.js' lossy save of a multiplier-2 layer is a ModelFormatError naming the weight, not a wrong model", async () => {
    const m = tfl.sequential({
      layers: [tfl.layers.separableConv2d({ inputShape: [5, 5, 2], filters: 2, kernelSize: 3, depthMultiplier: 2 })],
    });
    const artifacts = (await tfjsArtifacts(m)) as ModelArtifacts;
    await expect(loadModel(io.fromMemory(artifacts))).rejects.toThrow(ModelFormatError);
    await expect(loadModel(io.fromMemory(artifacts))).rejects.toThrow(
      /depthwise_kernel' is \[3, 3, 2, 1\] float32 in the model but \[3, 3, 2, 2\]/,
    );
    m.dispose();
  });

  it('same, strides 2, no bias: same as TF.js', async () => {
    const args = {
      inputShape: [7, 6, 2],
      filters: 3,
      kernelSize: [2, 3] as [number, number],
      strides: 2,
      padding: 'same',
      useBias: false,
    } as const;
    await checkAgainstTfjs({
      ours: layers.separableConv2d(args),
      theirs: tfl.layers.separableConv2d({ ...args, inputShape: [...args.inputShape] }),
      input: [1, 7, 6, 2],
      ignoreConfigKeys,
    });
  });

  it('same, dilation 2: same as TF.js', async () => {
    const args = { inputShape: [6, 6, 2], filters: 2, kernelSize: 3, dilationRate: 2, padding: 'same' } as const;
    await checkAgainstTfjs({
      ours: layers.separableConv2d(args),
      theirs: tfl.layers.separableConv2d({ ...args, inputShape: [...args.inputShape] }),
      input: [1, 6, 6, 2],
      ignoreConfigKeys,
    });
  });

  it('shape inference and its config round trip (depthMultiplier kept)', () => {
    const l = layers.separableConv2d({ filters: 5, kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', name: 'sep' });
    expect(l.computeOutputShape([null, 9, 8, 4])).toEqual([null, 5, 4, 5]);
    const copy = SeparableConv2D.fromConfig(l.getConfig());
    expect(copy.getConfig()).toEqual(l.getConfig());
    expect(copy.depthMultiplier).toBe(2);
  });

  it('misuse is an error naming the layer', () => {
    expect(() => layers.separableConv2d({ filters: 0, kernelSize: 3, name: 'sep0' })).toThrow(
      new ArgumentError('sep0: filters must be a positive integer, got 0'),
    );
    expect(() => layers.separableConv2d({ filters: 2, kernelSize: 3, name: 'sep1' }).apply(tensor([1, 2, 3], [1, 3]))).toThrow(
      'sep1: SeparableConv2D needs rank-4 inputs [batch, height, width, channels] with known channels, got (null, 3)',
    );
    expect(() => layers.separableConv2d({ filters: 2, kernelSize: 3, padding: 'causal' as 'same', name: 'sep2' })).toThrow(
      `sep2: padding must be 'valid' or 'same', got "causal"`,
    );
  });
});
