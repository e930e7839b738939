/**
 * MaxPooling1D, AveragePooling1D, GlobalAveragePooling1D and GlobalMaxPooling1D against
 * TensorFlow.js 4.22, their configs as TF.js writes them, models crossing both ways through
 * files, and misuse errors.
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
import { GlobalAveragePooling1D, input, layers, loadModel, sequential } from '../src/index.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';
import { bothOutputs, seeded, tfjsFileLoader, tfjsFileSaver, tfjsTopology, withoutNames } from './helpers/tfjs-files.js';

let dir: string;
beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'tensile-pool1d-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const WINDOWS = [
  { label: 'default (2, stride 2, valid), odd length', args: {}, shape: [2, 9, 3] },
  { label: 'window 3, stride 2, same', args: { poolSize: 3, strides: 2, padding: 'same' as const }, shape: [2, 10, 2] },
  { label: 'window [4], stride [1], valid (overlapping)', args: { poolSize: [4] as [number], strides: [1] as [number] }, shape: [1, 7, 4] },
  { label: 'window 5, same, longer than the input', args: { poolSize: 5, padding: 'same' as const }, shape: [3, 4, 2] },
];

describe('1-D pooling vs TensorFlow.js', () => {
  for (const w of WINDOWS) {
    it(`maxPooling1d ${w.label}`, async () => {
      const r = await bothOutputs(layers.maxPooling1d(w.args), tfl.layers.maxPooling1d(w.args), w.shape, 3);
      expect(r.mineShape).toEqual(r.theirShape);
      expect(maxAbsDiff(r.mine, r.theirs)).toBeLessThanOrEqual(1e-4);
    });
    it(`averagePooling1d ${w.label}`, async () => {
      const r = await bothOutputs(layers.averagePooling1d(w.args), tfl.layers.averagePooling1d(w.args), w.shape, 4);
      expect(r.mineShape).toEqual(r.theirShape);
      expect(maxAbsDiff(r.mine, r.theirs)).toBeLessThanOrEqual(1e-4);
    });
  }

  it('globalAveragePooling1d and globalMaxPooling1d', async () => {
    const avg = await bothOutputs(layers.globalAveragePooling1d(), tfl.layers.globalAveragePooling1d({}), [3, 7, 5], 5);
    expect(avg.mineShape).toEqual([3, 5]);
    expect(maxAbsDiff(avg.mine, avg.theirs)).toBeLessThanOrEqual(1e-4);
    const mx = await bothOutputs(layers.globalMaxPooling1d(), tfl.layers.globalMaxPooling1d({}), [3, 7, 5], 6);
    expect(mx.mineShape).toEqual([3, 5]);
    expect(maxAbsDiff(mx.mine, mx.theirs)).toBeLessThanOrEqual(1e-4);
  });

  it('keepdims (Keras 3) keeps the steps axis and is saved only when set', async () => {
    const l = layers.globalAveragePooling1d({ keepdims: true });
    const y = l.apply(tensor(seeded([2, 4, 3], 8), [2, 4, 3]));
    expect(y.shape).toEqual([2, 1, 3]);
    expect(l.computeOutputShape([null, 4, 3])).toEqual([null, 1, 3]);
    expect(GlobalAveragePooling1D.fromConfig(l.getConfig()).keepdims).toBe(true);
    expect('keepdims' in layers.globalAveragePooling1d().getConfig()).toBe(false);
  });

  it('do not leak tensors per call', () => {
    const x = zeros([2, 6, 3]);
    for (const l of [layers.maxPooling1d(), layers.averagePooling1d({ padding: 'same', poolSize: 3 }), layers.globalMaxPooling1d()]) {
      l.apply(x).dispose();
      const before = undisposedTensors();
      l.apply(x).dispose();
      expect(undisposedTensors()).toBe(before);
    }
  });
});

describe('1-D pooling serialization and interop', () => {
  const ourModel = () =>
    sequential([
      layers.conv1d({ inputShape: [16, 2], filters: 3, kernelSize: 3, activation: 'relu' as const, kernelInitializer: 'glorotUniform' }),
      layers.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }),
      layers.averagePooling1d({ poolSize: 2 }),
      layers.globalMaxPooling1d(),
    ]);

  it('write the configs TF.js writes (poolSize [p], strides [s], no dataFormat)', async () => {
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.conv1d({
          inputShape: [16, 2],
          filters: 3,
          kernelSize: 3,
          activation: 'relu' as const,
          kernelInitializer: 'glorotUniform',
        }),
        tfl.layers.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }),
        tfl.layers.averagePooling1d({ poolSize: 2 }),
        tfl.layers.globalMaxPooling1d({}),
      ],
    });
    const sink = memorySink();
    await ourModel().save(sink.handler);
    expect(withoutNames(sink.artifacts().modelTopology)).toEqual(await tfjsTopology(theirs));
    theirs.dispose();
  });

  it('a model saved by Tensile loads in TF.js and predicts the same', async () => {
    const m = ourModel();
    const path = join(dir, 'tensile-pool1d');
    await m.save(`file://${path}`);
    const theirs = await tfl.loadLayersModel(tfjsFileLoader(join(path, 'model.json')));
    const data = seeded([4, 16, 2], 31);
    const tp = theirs.predict(tf.tensor(data, [4, 16, 2])) as tf.Tensor;
    expect(tp.shape).toEqual([4, 3]);
    expect(maxAbsDiff(await values(m.predict(tensor(data, [4, 16, 2]))), await tp.data())).toBeLessThanOrEqual(1e-4);
    theirs.dispose();
  });

  it('a model built and saved to files by TF.js loads in Tensile and predicts the same', async () => {
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.conv1d({ inputShape: [20, 3], filters: 4, kernelSize: 3, padding: 'same', activation: 'tanh' as const }),
        tfl.layers.averagePooling1d({ poolSize: 3, strides: 2, padding: 'same' }),
        tfl.layers.maxPooling1d({ poolSize: 2, strides: 1 }),
        tfl.layers.globalAveragePooling1d({}),
        tfl.layers.dense({ units: 2 }),
      ],
    });
    const path = join(dir, 'tfjs-pool1d');
    await theirs.save(tfjsFileSaver(path));
    const ours = await loadModel(`file://${path}`);
    expect(ours.layers.map((l) => l.className)).toEqual(['Conv1D', 'AveragePooling1D', 'MaxPooling1D', 'GlobalAveragePooling1D', 'Dense']);
    const data = seeded([3, 20, 3], 32);
    const tp = theirs.predict(tf.tensor(data, [3, 20, 3])) as tf.Tensor;
    expect(maxAbsDiff(await values(ours.predict(tensor(data, [3, 20, 3]))), await tp.data())).toBeLessThanOrEqual(1e-4);
    theirs.dispose();
    ours.dispose();
  });
});

describe('1-D pooling misuse', () => {
  it('rejects inputs that are not rank 3, naming the layer', () => {
    expect(() => layers.maxPooling1d({ name: 'mp_rank' }).apply(zeros([2, 4, 4, 1]))).toThrow(ShapeError);
    expect(() => layers.maxPooling1d({ name: 'mp_rank' }).apply(zeros([2, 4, 4, 1]))).toThrow(
      /mp_rank: MaxPooling1D needs rank-3 inputs \[batch, steps, channels\], got shape \[2, 4, 4, 1\]/,
    );
    expect(() => layers.globalAveragePooling1d({ name: 'gap_rank' }).apply(input({ shape: [5] }))).toThrow(
      /gap_rank: GlobalAveragePooling1D needs rank-3 inputs, got \(None, 5\)/,
    );
  });

  it("rejects a window longer than the input with 'valid' padding", () => {
    expect(() => layers.averagePooling1d({ poolSize: 4, name: 'ap_long' }).apply(zeros([1, 3, 2]))).toThrow(
      /ap_long: window of size 4 does not fit input \(1, 3, 2\) of 3 steps with padding 'valid'/,
    );
    expect(() => layers.maxPooling1d({ poolSize: 4 }).apply(input({ shape: [3, 2] }))).toThrow(ShapeError);
  });

  it('rejects bad options', () => {
    expect(() => layers.maxPooling1d({ poolSize: [2, 2] })).toThrow(ArgumentError);
    expect(() => layers.averagePooling1d({ strides: 0 })).toThrow(/strides must be a positive integer/);
    expect(() => layers.maxPooling1d({ padding: 'causal' as 'same' })).toThrow(/padding must be 'valid' or 'same'/);
  });
});
