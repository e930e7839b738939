/**
 * Gradients through the image layers (DepthwiseConv2D, SeparableConv2D, Conv2DTranspose,
 * UpSampling2D bilinear, Cropping2D, LayerNormalization) against TensorFlow.js 4.22's own
 * gradients of the same model with the same weights: every weight's gradient within 1e-4.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { mul, ready, sum, type Tensor, tensor, variableGrads } from '@tensile/core';
import { layers, sequential } from '../src/index.js';
import { maxAbsDiff } from './helpers.js';
import { seeded } from './helpers/tfjs-layer-check.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

it('every weight gradient of a model of the image layers equals TF.js', async () => {
  const ours = sequential([
    layers.depthwiseConv2d({ inputShape: [6, 6, 2], kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'tanh' }),
    layers.separableConv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh' }),
    layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }),
    layers.upSampling2d({ interpolation: 'bilinear' }),
    layers.cropping2D({
      cropping: [
        [1, 2],
        [2, 1],
      ],
    }),
    layers.layerNormalization({ axis: [2, 3] }),
  ]);
  const theirs = tfl.sequential({
    layers: [
      tfl.layers.depthwiseConv2d({ inputShape: [6, 6, 2], kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'tanh' }),
      tfl.layers.separableConv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh' }),
      tfl.layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }),
      tfl.layers.upSampling2d({ size: [2, 2], interpolation: 'bilinear' }),
      tfl.layers.cropping2D({
        cropping: [
          [1, 2],
          [2, 1],
        ],
      }),
      tfl.layers.layerNormalization({ axis: [2, 3] }),
    ],
  });
  const specs = theirs.trainableWeights.map((w) => w.shape as number[]);
  expect(ours.trainableWeights.map((w) => w.shape)).toEqual(specs);
  const data = specs.map((s, i) =>
    seeded(
      s.reduce((a, b) => a * b, 1),
      200 + i,
    ),
  );
  theirs.setWeights(data.map((d, i) => tf.tensor(d, specs[i])));
  ours.setWeights(data.map((d, i) => tensor(d, specs[i])));

  const x = seeded(2 * 6 * 6 * 2, 5);
  const outShape = [2, 9, 9, 2];
  const w = seeded(
    outShape.reduce((a, b) => a * b, 1),
    6,
  );
  const theirGrads = tf.variableGrads(() => tf.sum(tf.mul(theirs.apply(tf.tensor(x, [2, 6, 6, 2])) as tf.Tensor, tf.tensor(w, outShape))));
  const xt = tensor(x, [2, 6, 6, 2]);
  const wt = tensor(w, outShape);
  const ourGrads = variableGrads(() => sum(mul(ours.apply(xt) as Tensor, wt)), ours.trainableWeights);
  expect(maxAbsDiff(await ourGrads.value.data(), await theirGrads.value.data())).toBeLessThanOrEqual(1e-4);
  const tfList = theirs.trainableWeights.map((v) => theirGrads.grads[(v.read() as tf.Variable).name]);
  for (const [i, v] of ours.trainableWeights.entries()) {
    const g = tfList[i];
    expect(g?.shape, `TF.js gradient of ${theirs.trainableWeights[i].name}`).toEqual(v.shape);
    const diff = maxAbsDiff(await ourGrads.grads[v.name].data(), await g.data());
    expect(diff, `gradient of ${v.name}`).toBeLessThanOrEqual(1e-4);
  }
});
