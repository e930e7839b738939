/**
 * Conv1D (and core's conv1d under it) against TensorFlow.js 4.22 with the same weights, its config
 * as TF.js writes it, models crossing both ways through files, and misuse errors.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, conv1d, ready, ShapeError, tensor, zeros } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { Conv1D, input, layers, loadModel, regularizers, sequential } from '../src/index.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';
import { bothOutputs, seeded, tfjsFileLoader, tfjsFileSaver, tfjsTopology, withoutNames } from './helpers/tfjs-files.js';

let dir: string;
beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'tensile-conv1d-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONFIGS = [
  { label: 'valid k3', args: { filters: 4, kernelSize: 3 }, shape: [2, 9, 3] },
  {
    label: 'same, stride 2, relu',
    args: { filters: 5, kernelSize: 4, strides: 2, padding: 'same' as const, activation: 'relu' as const },
    shape: [3, 11, 2],
  },
  {
    label: 'dilation 2, no bias, tanh',
    args: { filters: 3, kernelSize: 3, dilationRate: 2, useBias: false, activation: 'tanh' as const },
    shape: [2, 10, 4],
  },
  {
    label: 'same, dilation 3, array sizes',
    args: { filters: 2, kernelSize: [2] as [number], dilationRate: [3] as [number], padding: 'same' as const },
    shape: [1, 7, 1],
  },
  { label: 'kernel as long as the input', args: { filters: 6, kernelSize: 8, strides: [3] as [number] }, shape: [2, 8, 5] },
];

describe('Conv1D vs TensorFlow.js (same weights)', () => {
  for (const c of CONFIGS) {
    it(c.label, async () => {
      const r = await bothOutputs(layers.conv1d(c.args), tfl.layers.conv1d(c.args), c.shape, 7);
      expect(r.mineShape).toEqual(r.theirShape);
      expect(maxAbsDiff(r.mine, r.theirs)).toBeLessThanOrEqual(1e-4);
    });
  }

  it("'causal' equals TF.js' valid convolution of the input padded at the start only", async () => {
    const ours = layers.conv1d({ filters: 3, kernelSize: 3, dilationRate: 2, padding: 'causal' });
    const data = seeded([2, 9, 2], 3);
    const y = ours.apply(tensor(data, [2, 9, 2]));
    expect(y.shape).toEqual([2, 9, 3]);
    const [kernel, bias] = await Promise.all(ours.weights.map(async (w) => tf.tensor(await w.data(), [...w.shape])));
    const padded = tf.pad(tf.tensor(data, [2, 9, 2]), [
      [0, 0],
      [4, 0],
      [0, 0],
    ]);
    const theirs = tf.add(tf.conv1d(padded as tf.Tensor3D, kernel as tf.Tensor3D, 1, 'valid', 'NWC', 2), bias);
    expect(maxAbsDiff(await y.data(), await theirs.data())).toBeLessThanOrEqual(1e-4);
    // Step t depends on steps <= t only: changing the last step changes only the last output.
    const changed = Float32Array.from(data);
    for (let ch = 0; ch < 2; ch++) changed[8 * 2 + ch] += 1;
    const y2 = await ours.apply(tensor(changed, [2, 9, 2])).data();
    const y1 = await y.data();
    for (let t = 0; t < 8; t++) for (let f = 0; f < 3; f++) expect(y2[t * 3 + f]).toBe(y1[t * 3 + f]);
    expect(maxAbsDiff(y2.slice(24, 27), y1.slice(24, 27))).toBeGreaterThan(0);
  });

  it('the core op matches tf.conv1d for rank-2 input and explicit padding', async () => {
    const x = seeded([7, 3], 11);
    const f = seeded([3, 3, 2], 12);
    const pad = [
      [0, 0],
      [2, 1],
      [0, 0],
    ] as const;
    const ours = conv1d(tensor(x, [7, 3]), tensor(f, [3, 3, 2]), 2, pad);
    const theirs = tf.conv1d(
      tf.pad(tf.tensor(x, [7, 3]), [
        [2, 1],
        [0, 0],
      ]) as tf.Tensor2D,
      tf.tensor(f, [3, 3, 2]) as tf.Tensor3D,
      2,
      'valid',
    );
    expect(ours.shape).toEqual(theirs.shape);
    expect(maxAbsDiff(await ours.data(), await theirs.data())).toBeLessThanOrEqual(1e-5);
  });

  it('does not leak tensors per call', () => {
    const l = layers.conv1d({ filters: 2, kernelSize: 3, padding: 'causal', activation: 'relu' as const });
    const x = zeros([2, 6, 3]);
    l.apply(x).dispose();
    const before = undisposedTensors();
    l.apply(x).dispose();
    expect(undisposedTensors()).toBe(before);
  });
});

describe('Conv1D serialization and interop', () => {
  const build = {
    conv: {
      filters: 4,
      kernelSize: 3,
      strides: 1,
      padding: 'same' as const,
      activation: 'relu' as const,
      kernelInitializer: 'glorotUniform' as const,
    },
    conv2: { filters: 2, kernelSize: 2, dilationRate: 2, biasInitializer: 'ones' as const, kernelInitializer: 'heNormal' as const },
  };

  it('writes the config TF.js writes (kernelSize [k], strides [s], dilationRate [d], no dataFormat)', async () => {
    const ours = sequential([
      layers.conv1d({ inputShape: [10, 3], ...build.conv }),
      layers.conv1d({ ...build.conv2, kernelRegularizer: regularizers.l2({ l2: 0.5 }) }),
    ]);
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.conv1d({ inputShape: [10, 3], ...build.conv }),
        tfl.layers.conv1d({ ...build.conv2, kernelRegularizer: tfl.regularizers.l2({ l2: 0.5 }) }),
      ],
    });
    const sink = memorySink();
    await ours.save(sink.handler);
    expect(withoutNames(sink.artifacts().modelTopology)).toEqual(await tfjsTopology(theirs));
    expect(sink.artifacts().weightSpecs?.map((w) => w.shape)).toEqual([[3, 3, 4], [4], [2, 4, 2], [2]]);
    theirs.dispose();
  });

  it('a model saved by Tensile loads in TF.js and predicts the same', async () => {
    const m = sequential([
      layers.conv1d({ inputShape: [12, 2], filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' as const }),
      layers.conv1d({ filters: 3, kernelSize: 2, dilationRate: 2, activation: 'tanh' as const, useBias: false }),
    ]);
    const path = join(dir, 'tensile-conv1d');
    await m.save(`file://${path}`);
    const theirs = await tfl.loadLayersModel(tfjsFileLoader(join(path, 'model.json')));
    const data = seeded([4, 12, 2], 21);
    const mine = await values(m.predict(tensor(data, [4, 12, 2])));
    const tp = theirs.predict(tf.tensor(data, [4, 12, 2])) as tf.Tensor;
    expect(tp.shape).toEqual([4, 4, 3]);
    expect(maxAbsDiff(mine, await tp.data())).toBeLessThanOrEqual(1e-4);
    theirs.dispose();
  });

  it('a model built and saved to files by TF.js loads in Tensile and predicts the same', async () => {
    const x = tfl.input({ shape: [15, 3] });
    const h = tfl.layers.conv1d({ filters: 5, kernelSize: 5, activation: 'relu' as const, biasInitializer: 'randomNormal' }).apply(x);
    const y = tfl.layers.conv1d({ filters: 2, kernelSize: 3, strides: 3, padding: 'same' }).apply(h) as tfl.SymbolicTensor;
    const theirs = tfl.model({ inputs: x, outputs: y });
    const path = join(dir, 'tfjs-conv1d');
    await theirs.save(tfjsFileSaver(path));
    const ours = await loadModel(`file://${path}`);
    expect(ours.countParams()).toBe(theirs.countParams());
    const data = seeded([3, 15, 3], 22);
    const tp = theirs.predict(tf.tensor(data, [3, 15, 3])) as tf.Tensor;
    const mine = ours.predict(tensor(data, [3, 15, 3]));
    expect(Array.isArray(mine) ? [] : mine.shape).toEqual(tp.shape);
    expect(maxAbsDiff(await values(mine), await tp.data())).toBeLessThanOrEqual(1e-4);
    theirs.dispose();
    ours.dispose();
  });

  it("round-trips 'causal' padding through its own config", () => {
    const l = layers.conv1d({ filters: 2, kernelSize: 3, padding: 'causal' });
    const again = Conv1D.fromConfig(l.getConfig());
    expect([again.padding, again.kernelSize, again.filters]).toEqual(['causal', 3, 2]);
  });
});

describe('Conv1D misuse', () => {
  it('rejects inputs that are not rank 3, naming the layer', () => {
    const l = layers.conv1d({ filters: 2, kernelSize: 3, name: 'c1_rank' });
    expect(() => l.apply(zeros([4, 6]))).toThrow(ShapeError);
    expect(() => l.apply(zeros([4, 6]))).toThrow(
      /c1_rank: Conv1D needs rank-3 inputs \[batch, steps, channels\] with known channels, got \(None, 6\)/,
    );
    expect(() => layers.conv1d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [5, 5, 1] }))).toThrow(/rank-3/);
  });

  it("rejects a kernel longer than the input with 'valid' padding, symbolically and eagerly", () => {
    const l = layers.conv1d({ filters: 2, kernelSize: 5, name: 'c1_long' });
    expect(() => l.apply(input({ shape: [4, 2] }))).toThrow(/c1_long: kernel of size 5 does not fit input \(None, 4, 2\) of 4 steps/);
    const eager = layers.conv1d({ filters: 2, kernelSize: 3, dilationRate: 2, name: 'c1_long2' });
    expect(() => eager.apply(zeros([1, 4, 2]))).toThrow(ShapeError);
    expect(() => eager.apply(zeros([1, 4, 2]))).toThrow(/c1_long2: kernel of size 3 \(dilation 2, span 5\) does not fit/);
    // 'same' pads instead.
    expect(layers.conv1d({ filters: 2, kernelSize: 5, padding: 'same' }).apply(zeros([1, 4, 2])).shape).toEqual([1, 4, 2]);
  });

  it('rejects bad options', () => {
    expect(() => layers.conv1d({ filters: 2, kernelSize: [3, 3] })).toThrow(ArgumentError);
    expect(() => layers.conv1d({ filters: 2, kernelSize: 3, padding: 'full' as 'same' })).toThrow(
      /padding must be 'valid', 'same' or 'causal', got "full"/,
    );
    expect(() => layers.conv1d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(/cannot both exceed 1/);
  });

  it('the core op names itself and what it wanted', () => {
    const x = zeros([1, 5, 2]);
    expect(() => conv1d(x, zeros([3, 3, 1]), 1, 'valid')).toThrow(/conv1d: input channels \(2\) must equal the filter's in-channels \(3\)/);
    expect(() => conv1d(x, zeros([3, 2]), 1, 'valid')).toThrow(/conv1d: filter must be rank 3 \[filterWidth, inChannels, outChannels\]/);
    expect(() => conv1d(zeros([5]), zeros([3, 2, 1]), 1, 'valid')).toThrow(/conv1d: input must be rank 3 \[batch, width, channels\]/);
    expect(() => conv1d(x, zeros([6, 2, 1]), 1, 'valid')).toThrow(/conv1d: filter width 6 \(dilation 1\) does not fit input width 5/);
    expect(() => conv1d(x, zeros([2, 2, 1]), 2, 'valid', 'NWC', 2)).toThrow(/either stride or dilation must be 1/);
    expect(() => conv1d(x, zeros([2, 2, 1]), 1, 'valid', 'NHWC' as 'NWC')).toThrow(/dataFormat must be 'NWC' or 'NCW'/);
    expect(() =>
      conv1d(x, zeros([2, 2, 1]), 1, [
        [0, 0],
        [1, 1],
        [1, 0],
      ]),
    ).toThrow(ArgumentError);
  });
});
