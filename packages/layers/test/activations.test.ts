/**
 * The activations added for issue 15 (mish, hardSigmoid, softsign, logSoftmax, exponential)
 * against TensorFlow.js 4.22's own (tfjs-layers' Activation layer; TF.js has no 'exponential',
 * so tf.exp stands in), and through save/load both ways.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ready, tensor, tidy } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { activations, io, layers, loadModel, sequential, type ActivationIdentifier } from '../src/index.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

// Spans the clip of hardSigmoid (|x| > 2.5) and both tails of mish and softsign.
const X = Array.from({ length: 20 }, (_, i) => (i - 9.5) * 0.55);

function tfjsActivation(name: string, x: tf.Tensor): Float32Array {
  const y = tfl.layers.activation({ activation: name as 'relu' }).apply(x) as tf.Tensor;
  return y.dataSync() as Float32Array;
}

describe('activations as TF.js 4.22 computes them (|Δ| ≤ 1e-5)', () => {
  const cases: [ActivationIdentifier, string][] = [
    ['mish', 'mish'],
    ['hardSigmoid', 'hardSigmoid'],
    ['hard_sigmoid', 'hardSigmoid'],
    ['softsign', 'softsign'],
    ['logSoftmax', 'logSoftmax'],
    ['log_softmax', 'logSoftmax'],
  ];
  it.each(cases)('%s', async (ours, theirs) => {
    const got = await values(tidy(() => activations.get(ours).apply(tensor(X, [4, 5]))));
    expect(maxAbsDiff(got, tfjsActivation(theirs, tf.tensor(X, [4, 5])))).toBeLessThanOrEqual(1e-5);
  });

  it('exponential is tf.exp; hardSigmoid is TF.js 0.2x + 0.5, not Keras 3 x/6 + 0.5', async () => {
    const got = await values(tidy(() => activations.get('exponential').apply(tensor(X))));
    const want = tf.exp(tf.tensor(X)).dataSync();
    got.forEach((v, i) => expect(Math.abs(v - want[i]) / (1 + Math.abs(want[i]))).toBeLessThanOrEqual(1e-6));
    const at1 = await values(tidy(() => activations.get('hard_sigmoid').apply(tensor([1]))));
    expect(at1[0]).toBeCloseTo(0.7, 6);
  });

  it('leak nothing', () => {
    const x = tensor(X);
    const before = undisposedTensors();
    for (const name of ['mish', 'hardSigmoid', 'softsign', 'logSoftmax', 'exponential', 'swish'] as const) {
      activations.get(name).apply(x).dispose();
    }
    expect(undisposedTensors()).toBe(before);
    x.dispose();
  });

  it('an unknown name is refused, naming the ones there are', () => {
    expect(() => activations.get('reluu')).toThrow(/unknown activation 'reluu'; expected one of linear, relu.*mish.*hardSigmoid/);
  });
});

describe('models with these activations move between Tensile and TF.js', () => {
  const acts = ['mish', 'hardSigmoid', 'softsign', 'logSoftmax'] as const;

  it('saved by Tensile, loaded by TF.js: same predictions', async () => {
    const ours = sequential({
      layers: [
        layers.dense({ units: 6, inputShape: [5], activation: acts[0] }),
        ...acts.slice(1).map((a) => layers.dense({ units: 4, activation: a })),
      ],
    });
    const sink = memorySink();
    await ours.save(sink.handler);
    const saved = sink.artifacts();
    const theirs = await tfl.loadLayersModel(
      tf.io.fromMemory(
        JSON.parse(JSON.stringify(saved.modelTopology)),
        JSON.parse(JSON.stringify(saved.weightSpecs)),
        saved.weightData as ArrayBuffer,
      ),
    );
    const got = await values(ours.apply(tensor(X, [4, 5])));
    const want = (theirs.predict(tf.tensor(X, [4, 5])) as tf.Tensor).dataSync();
    expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(1e-5);
  });

  it('saved by TF.js, loaded by Tensile: same predictions', async () => {
    const theirs = tfl.sequential({
      // TF.js registers logSoftmax but leaves it out of its ActivationIdentifier type.
      layers: [
        tfl.layers.dense({ units: 6, inputShape: [5], activation: acts[0] }),
        ...acts.slice(1).map((a) => tfl.layers.dense({ units: 4, activation: a as 'softsign' })),
      ],
    });
    let saved: tf.io.ModelArtifacts | undefined;
    await theirs.save(
      tf.io.withSaveHandler(async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (!saved) throw new Error('TF.js saved nothing');
    const ours = await loadModel(
      io.fromMemory({
        modelTopology: JSON.parse(JSON.stringify(saved.modelTopology)),
        weightSpecs: JSON.parse(JSON.stringify(saved.weightSpecs)),
        weightData: saved.weightData as ArrayBuffer,
      }),
    );
    const got = await values(ours.apply(tensor(X, [4, 5])));
    const want = (theirs.predict(tf.tensor(X, [4, 5])) as tf.Tensor).dataSync();
    expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(1e-5);
  });
});
