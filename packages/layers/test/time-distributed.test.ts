/**
 * TimeDistributed against TensorFlow.js 4.22 (same weights), its nested config and weight names
 * as TF.js writes them, models crossing both ways through files, training through it, and misuse.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, ready, ShapeError, tensor, zeros } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { input, layers, loadModel, model, sequential, TimeDistributed, type Layer } from '../src/index.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';
import { bothOutputs, seeded, tfjsFileLoader, tfjsFileSaver, tfjsTopology, withoutNames } from './helpers/tfjs-files.js';

let dir: string;
beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'tensile-timedist-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('TimeDistributed vs TensorFlow.js (same weights)', () => {
  it('Dense on every step of [batch, steps, features]', async () => {
    const r = await bothOutputs(
      layers.timeDistributed({ layer: layers.dense({ units: 4, activation: 'relu' as const }) }),
      tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 4, activation: 'relu' as const }) }),
      [3, 5, 6],
      1,
    );
    expect(r.mineShape).toEqual([3, 5, 4]);
    expect(r.mineShape).toEqual(r.theirShape);
    expect(maxAbsDiff(r.mine, r.theirs)).toBeLessThanOrEqual(1e-4);
  });

  it('Conv2D on every frame of [batch, frames, height, width, channels]', async () => {
    const args = { filters: 3, kernelSize: 3, strides: 2, padding: 'same' as const, activation: 'tanh' as const };
    const r = await bothOutputs(
      layers.timeDistributed({ layer: layers.conv2d(args) }),
      tfl.layers.timeDistributed({ layer: tfl.layers.conv2d(args) }),
      [2, 4, 7, 6, 2],
      2,
    );
    expect(r.mineShape).toEqual([2, 4, 4, 3, 3]);
    expect(r.mineShape).toEqual(r.theirShape);
    expect(maxAbsDiff(r.mine, r.theirs)).toBeLessThanOrEqual(1e-4);
  });

  it('Conv1D and pooling on every step (rank-4 input)', async () => {
    const ours = sequential([
      layers.timeDistributed({ inputShape: [3, 8, 2], layer: layers.conv1d({ filters: 2, kernelSize: 3 }) }),
      layers.timeDistributed({ layer: layers.maxPooling1d() }),
      layers.timeDistributed({ layer: layers.flatten() }),
    ]);
    expect(ours.outputs[0].shape).toEqual([null, 3, 6]);
    const data = seeded([2, 3, 8, 2], 3);
    const y = ours.predict(tensor(data, [2, 3, 8, 2]));
    if (Array.isArray(y)) throw new Error('expected one output');
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.timeDistributed({ inputShape: [3, 8, 2], layer: tfl.layers.conv1d({ filters: 2, kernelSize: 3 }) }),
        tfl.layers.timeDistributed({ layer: tfl.layers.maxPooling1d({}) }),
        tfl.layers.timeDistributed({ layer: tfl.layers.flatten() }),
      ],
    });
    theirs.setWeights(await Promise.all(ours.weights.map(async (w) => tf.tensor(await w.data(), [...w.shape]))));
    const ty = theirs.predict(tf.tensor(data, [2, 3, 8, 2])) as tf.Tensor;
    expect(y.shape).toEqual(ty.shape);
    expect(maxAbsDiff(await y.data(), await ty.data())).toBeLessThanOrEqual(1e-4);
    theirs.dispose();
  });

  it('shares the inner layer weights across steps, frozen and unfrozen together, without leaks', () => {
    const inner = layers.dense({ units: 2 });
    const td = layers.timeDistributed({ layer: inner });
    const x = zeros([2, 3, 4]);
    td.apply(x).dispose();
    expect(td.weights).toEqual(inner.weights);
    expect(td.countParams()).toBe(10);
    const before = undisposedTensors();
    td.apply(x).dispose();
    expect(undisposedTensors()).toBe(before);
    td.trainable = false;
    expect(inner.trainable).toBe(false);
    expect(td.trainableWeights).toEqual([]);
    expect(td.getConfig().trainable).toBe(false);
    td.trainable = true;
    expect(td.trainableWeights.length).toBe(2);
  });

  it('trains: fit lowers the loss through the wrapped layer', async () => {
    const m = sequential([layers.timeDistributed({ inputShape: [4, 3], layer: layers.dense({ units: 1 }) })]);
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tensor(seeded([16, 4, 3], 41), [16, 4, 3]);
    const y = tensor(seeded([16, 4, 1], 42), [16, 4, 1]);
    const h = await m.fit(x, y, { epochs: 5, batchSize: 8, verbose: 0 });
    const loss = h.history.loss as number[];
    expect(loss[loss.length - 1]).toBeLessThan(loss[0]);
  });
});

describe('TimeDistributed serialization and interop', () => {
  it("writes the nested config TF.js writes ({layer: {class_name, config}}) and names weights '<wrapper>/kernel'", async () => {
    const ours = sequential([
      layers.timeDistributed({ inputShape: [5, 8, 4], layer: layers.conv1d({ filters: 2, kernelSize: 2 }), name: 'td_a' }),
      layers.timeDistributed({ layer: layers.dense({ units: 3, activation: 'relu' as const }), name: 'td_b' }),
    ]);
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.timeDistributed({
          inputShape: [5, 8, 4],
          layer: tfl.layers.conv1d({ filters: 2, kernelSize: 2, kernelInitializer: 'glorotUniform' }),
        }),
        tfl.layers.timeDistributed({
          layer: tfl.layers.dense({ units: 3, activation: 'relu' as const, kernelInitializer: 'glorotUniform' }),
        }),
      ],
    });
    const sink = memorySink();
    await ours.save(sink.handler);
    expect(withoutNames(sink.artifacts().modelTopology)).toEqual(await tfjsTopology(theirs));
    expect(sink.artifacts().weightSpecs?.map((w) => w.name)).toEqual(['td_a/kernel', 'td_a/bias', 'td_b/kernel', 'td_b/bias']);
    theirs.dispose();
  });

  it('a model saved by Tensile loads in TF.js and predicts the same', async () => {
    const x = input({ shape: [6, 5] });
    const h = layers.timeDistributed({ layer: layers.dense({ units: 4, activation: 'tanh' as const }) }).apply(x);
    const y = layers.timeDistributed({ layer: layers.dense({ units: 2 }) }).apply(layers.conv1d({ filters: 3, kernelSize: 2 }).apply(h));
    const m = model({ inputs: x, outputs: y });
    const path = join(dir, 'tensile-td');
    await m.save(`file://${path}`);
    const theirs = await tfl.loadLayersModel(tfjsFileLoader(join(path, 'model.json')));
    const data = seeded([3, 6, 5], 51);
    const tp = theirs.predict(tf.tensor(data, [3, 6, 5])) as tf.Tensor;
    expect(tp.shape).toEqual([3, 5, 2]);
    expect(maxAbsDiff(await values(m.predict(tensor(data, [3, 6, 5]))), await tp.data())).toBeLessThanOrEqual(1e-4);
    theirs.dispose();
  });

  it('a model built and saved to files by TF.js loads in Tensile and predicts the same', async () => {
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.timeDistributed({
          inputShape: [4, 6, 6, 1],
          layer: tfl.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu' as const }),
        }),
        tfl.layers.timeDistributed({ layer: tfl.layers.flatten() }),
        tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 3, biasInitializer: 'randomNormal' }) }),
        tfl.layers.globalAveragePooling1d({}),
      ],
    });
    const path = join(dir, 'tfjs-td');
    await theirs.save(tfjsFileSaver(path));
    const ours = await loadModel(`file://${path}`);
    expect(ours.layers.map((l: Layer) => l.className)).toEqual([
      'TimeDistributed',
      'TimeDistributed',
      'TimeDistributed',
      'GlobalAveragePooling1D',
    ]);
    expect((ours.layers[0] as TimeDistributed).layer.className).toBe('Conv2D');
    expect(ours.countParams()).toBe(theirs.countParams());
    const data = seeded([2, 4, 6, 6, 1], 52);
    const tp = theirs.predict(tf.tensor(data, [2, 4, 6, 6, 1])) as tf.Tensor;
    expect(maxAbsDiff(await values(ours.predict(tensor(data, [2, 4, 6, 6, 1]))), await tp.data())).toBeLessThanOrEqual(1e-4);
    theirs.dispose();
    ours.dispose();
  });
});

describe('TimeDistributed misuse', () => {
  it('rejects inputs below rank 3, naming the layer', () => {
    const td = layers.timeDistributed({ layer: layers.dense({ units: 2 }), name: 'td_rank' });
    expect(() => td.apply(zeros([4, 3]))).toThrow(ShapeError);
    expect(() => td.apply(zeros([4, 3]))).toThrow(
      /td_rank: TimeDistributed needs inputs of rank >= 3 \[batch, steps, \.\.\.\], got \(None, 3\)/,
    );
    expect(() => layers.timeDistributed({ layer: layers.dense({ units: 2 }) }).apply(input({ shape: [3] }))).toThrow(ShapeError);
  });

  it('passes the inner layer’s own errors through (a kernel longer than each step)', () => {
    const td = layers.timeDistributed({ layer: layers.conv1d({ filters: 2, kernelSize: 5, name: 'td_inner' }) });
    expect(() => td.apply(input({ shape: [3, 4, 2] }))).toThrow(/td_inner: kernel of size 5 does not fit input \(None, 4, 2\)/);
  });

  it('needs a Layer, and a known inner class when loading', () => {
    expect(() => layers.timeDistributed({ layer: { units: 2 } as unknown as Layer })).toThrow(ArgumentError);
    expect(() => layers.timeDistributed({ layer: { units: 2 } as unknown as Layer })).toThrow(
      /TimeDistributed: layer must be a Layer instance/,
    );
    expect(() => TimeDistributed.fromConfig({ layer: { className: 'NoSuchLayer', config: {} } })).toThrow(
      /unknown inner layer class 'NoSuchLayer'/,
    );
    expect(() => TimeDistributed.fromConfig({ name: 'x' })).toThrow(/config field 'layer' must be/);
  });
});
