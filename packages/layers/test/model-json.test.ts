/**
 * model.toJSON() / modelFromJSON(json), as TensorFlow.js 4.22: round trips, TF.js' own toJSON
 * output builds here, and ours builds in TF.js; with the same weights both predict equal (1e-5).
 */
import '@tensile/backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { type Tensor, ready, tensor } from '@tensile/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Model, input, layers, model, modelFromJSON, sequential } from '../src/index.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

function values(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 - 1;
  });
}

const X = values(4 * 6, 5);

function ourPrediction(m: Model): number[] {
  return Array.from((m.predict(tensor(X, [4, 6])) as Tensor).dataSync());
}

function expectClose(a: number[], b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i]), `element ${i}`).toBeLessThanOrEqual(1e-5));
}

describe('toJSON / modelFromJSON', () => {
  it('round-trips a Sequential: same topology, and the same predictions once the weights are set', async () => {
    const m = sequential({
      layers: [
        layers.dense({ units: 5, inputShape: [6], activation: 'relu' }),
        layers.dropout({ rate: 0.2 }),
        layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    const json = m.toJSON() as string;
    expect(typeof json).toBe('string');
    const parsed = JSON.parse(json);
    expect(parsed).toMatchObject({ class_name: 'Sequential', keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' });
    expect(m.toJSON(null, false)).toEqual(parsed);
    const back = await modelFromJSON(json);
    expect(back.toJSON()).toBe(json);
    back.setWeights(m.getWeights());
    expectClose(ourPrediction(back), ourPrediction(m));
    const fromObject = await modelFromJSON(parsed);
    const fromArtifacts = await modelFromJSON({ modelTopology: parsed });
    expect(fromObject.toJSON()).toBe(json);
    expect(fromArtifacts.toJSON()).toBe(json);
    for (const x of [m, back, fromObject, fromArtifacts]) x.dispose();
  });

  it('round-trips a functional model with two branches', async () => {
    const inp = input({ shape: [6] });
    const a = layers.dense({ units: 4, activation: 'tanh' }).apply(inp);
    const b = layers.dense({ units: 4 }).apply(inp);
    const out = layers.dense({ units: 2 }).apply(layers.concatenate().apply([a, b] as never) as never);
    const m = model({ inputs: inp, outputs: out } as never);
    const back = await modelFromJSON(m.toJSON() as string);
    expect(back.toJSON()).toBe(m.toJSON());
    back.setWeights(m.getWeights());
    expectClose(ourPrediction(back), ourPrediction(m));
    m.dispose();
    back.dispose();
  });

  it("TensorFlow.js' toJSON output builds here, and ours builds in TensorFlow.js; predictions agree", async () => {
    const theirs = tfl.sequential({
      layers: [tfl.layers.dense({ units: 5, inputShape: [6], activation: 'relu' }), tfl.layers.dense({ units: 3, activation: 'softmax' })],
    });
    const ours = await modelFromJSON(JSON.parse(theirs.toJSON() as string));
    ours.setWeights(theirs.getWeights().map((w) => tensor(Array.from(w.dataSync()), w.shape)));
    expectClose(ourPrediction(ours), (theirs.predict(tf.tensor(X, [4, 6])) as tf.Tensor).dataSync());

    const tfInput = tfl.input({ shape: [6] });
    const h = tfl.layers.dense({ units: 4, activation: 'sigmoid' }).apply(tfInput) as tfl.SymbolicTensor;
    const tfFunctional = tfl.model({ inputs: tfInput, outputs: tfl.layers.dense({ units: 2 }).apply(h) as tfl.SymbolicTensor });
    const ours2 = await modelFromJSON(tfFunctional.toJSON() as string);
    ours2.setWeights(tfFunctional.getWeights().map((w) => tensor(Array.from(w.dataSync()), w.shape)));
    expectClose(ourPrediction(ours2), (tfFunctional.predict(tf.tensor(X, [4, 6])) as tf.Tensor).dataSync());

    const back = await tfl.models.modelFromJSON(JSON.parse(ours.toJSON() as string));
    back.setWeights(ours.getWeights().map((w) => tf.tensor(Array.from(w.dataSync()), [...w.shape])));
    expectClose(ourPrediction(ours), (back.predict(tf.tensor(X, [4, 6])) as tf.Tensor).dataSync());
    for (const x of [ours, ours2]) x.dispose();
  });

  it('refuses what is not a topology', async () => {
    await expect(modelFromJSON('{nope')).rejects.toThrow(/modelFromJSON: the string is not JSON/);
    await expect(modelFromJSON({ class_name: 'Nope', config: {} })).rejects.toThrow(/modelFromJSON: unsupported model class "Nope"/);
    await expect(modelFromJSON({ modelTopology: {}, weightsManifest: [] })).rejects.toThrow(/weightsManifest is not fetched here/);
  });
});
