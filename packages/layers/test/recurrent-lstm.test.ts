/**
 * Embedding and LSTM against TensorFlow.js 4.22 (tfjs-layers on tfjs-backend-cpu): the same weights
 * give the same outputs (max |Δ| ≤ 1e-4), models move both ways through files, gradients match
 * tf.grad, and a small text classifier learns.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, variableGrads, mean, ready, ShapeError, square, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { input, layers, loadModel, model, sequential } from '../src/index.js';
import { maxAbsDiff } from './helpers.js';
import { runBoth } from './helpers/rnn-oracle.js';
import { seededValues as seeded, tfjsFileLoader, tfjsFileSaver } from './helpers/tfjs-files.js';

let dir: string;
beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'tensile-lstm-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TOL = 1e-4;
// TF.js' default orthogonal initializer fails in this TF.js build (its chained ops are not registered); weights are set anyway.
const TFJS_INIT = { recurrentInitializer: 'glorotUniform' } as const;
const MASK = [
  [1, 1, 1, 1, 1],
  [1, 1, 0, 0, 0],
  [0, 0, 1, 1, 1],
];

describe('LSTM vs TF.js 4.22', () => {
  const variants: { name: string; cfg: Record<string, unknown>; mask?: number[][] }[] = [
    { name: 'last output', cfg: {} },
    { name: 'returnSequences', cfg: { returnSequences: true } },
    { name: 'returnState', cfg: { returnState: true } },
    { name: 'returnSequences + returnState + goBackwards', cfg: { returnSequences: true, returnState: true, goBackwards: true } },
    { name: 'hardSigmoid gates, relu, no bias', cfg: { recurrentActivation: 'hardSigmoid', activation: 'relu', useBias: false } },
    { name: 'masked, returnSequences + returnState', cfg: { returnSequences: true, returnState: true }, mask: MASK },
    { name: 'masked, goBackwards', cfg: { goBackwards: true }, mask: MASK },
  ];
  for (const v of variants) {
    it(v.name, async () => {
      const cfg = { units: 4, recurrentActivation: 'sigmoid', ...v.cfg };
      const ours = layers.lstm(cfg as Parameters<typeof layers.lstm>[0]);
      const theirs = tfl.layers.lstm({ ...TFJS_INIT, ...cfg } as Parameters<typeof tfl.layers.lstm>[0]);
      const r = await runBoth(ours, theirs, { shape: [3, 5, 6], mask: v.mask });
      expect(r.ours.length).toBe(r.theirs.length);
      r.ours.forEach((o, i) => {
        expect(o.length).toBe(r.theirs[i].length);
        expect(maxAbsDiff(o, r.theirs[i])).toBeLessThanOrEqual(TOL);
      });
      ours.dispose();
    });
  }

  it('unitForgetBias starts the forget gate at 1, the others at the bias initializer', async () => {
    const l = layers.lstm({ units: 3, biasInitializer: 'zeros' });
    l.apply(tensor(seeded(2 * 4 * 2, 1), [2, 4, 2])).dispose();
    const bias = Array.from(await (l.bias ?? tensor([0])).data());
    expect(bias).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    l.dispose();
  });

  it('the gradients of a loss over a few steps match tf.grad on the same weights', async () => {
    const l = layers.lstm({ units: 3, returnSequences: true });
    const theirs = tfl.layers.lstm({ units: 3, returnSequences: true, recurrentActivation: 'sigmoid', ...TFJS_INIT });
    const shape: [number, number, number] = [2, 3, 4];
    const x = seeded(24, 5);
    await runBoth(l, theirs, { shape });
    const weights = l.trainableWeights;
    const { value, grads } = variableGrads(() => mean(square(l.apply(tensor(x, shape)))), weights);
    value.dispose();
    const ourGrads = await Promise.all(weights.map((w) => grads[w.name].data()));
    const tw = theirs.trainableWeights.map((w) => w.read());
    const tg = tf.grads((...ws: tf.Tensor[]) => {
      theirs.setWeights(ws);
      return tf.mean(tf.square(theirs.apply(tf.tensor(x, shape)) as tf.Tensor));
    })(tw);
    for (let i = 0; i < ourGrads.length; i++) expect(maxAbsDiff(ourGrads[i], await tg[i].data())).toBeLessThanOrEqual(1e-5);
    l.dispose();
  });

  it('dropout and recurrentDropout act in training only', async () => {
    const plain = layers.lstm({ units: 3 });
    const dropped = layers.lstm({ units: 3, dropout: 0.5, recurrentDropout: 0.5 });
    const x = tensor(seeded(2 * 4 * 3, 8), [2, 4, 3]);
    plain.apply(x).dispose();
    dropped.apply(x).dispose();
    dropped.setWeights(plain.getWeights());
    const reference = await plain.apply(x).data();
    expect(maxAbsDiff(await dropped.apply(x).data(), reference)).toBe(0);
    expect(maxAbsDiff(await dropped.apply(x, { training: true }).data(), reference)).toBeGreaterThan(1e-3);
    expect(dropped.getConfig()).toMatchObject({ dropout: 0.5, recurrentDropout: 0.5 });
    plain.dispose();
    dropped.dispose();
  });

  it('the orthogonal recurrent initializer gives a wide recurrent kernel orthonormal rows', async () => {
    const l = layers.lstm({ units: 3, recurrentInitializer: 'orthogonal' });
    l.apply(tensor(seeded(2 * 2 * 2, 1), [2, 2, 2])).dispose();
    const w = await (l.recurrentKernel ?? tensor([0])).data();
    // [3, 12]: wide, so the rows are orthonormal: W W^T = I.
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let dot = 0;
        for (let k = 0; k < 12; k++) dot += w[i * 12 + k] * w[j * 12 + k];
        expect(Math.abs(dot - (i === j ? 1 : 0))).toBeLessThanOrEqual(1e-5);
      }
    l.dispose();
  });

  it('leaks no tensors per call', () => {
    const l = layers.lstm({ units: 3, returnSequences: true, returnState: true });
    const x = tensor(seeded(2 * 4 * 2, 3), [2, 4, 2]);
    l.applyAll(x).forEach((t) => t.dispose());
    const before = undisposedTensors();
    l.applyAll(x).forEach((t) => t.dispose());
    expect(undisposedTensors()).toBe(before);
    x.dispose();
    l.dispose();
  });

  it('names what is wrong with its input or its options', () => {
    const l = layers.lstm({ units: 2 });
    expect(() => l.apply(tensor(seeded(6, 1), [2, 3]))).toThrow(ShapeError);
    expect(() => l.apply(tensor(seeded(6, 1), [2, 3]))).toThrow(/rank 3 \[batch, time, features\]/);
    expect(() => layers.lstm({ units: 0 })).toThrow(/units must be a positive integer, got 0/);
    expect(() => layers.lstm({ units: 2, dropout: 1.5 })).toThrow(/dropout must be in \[0, 1\), got 1.5/);
    const s = layers.lstm({ units: 2, returnState: true });
    expect(() => s.apply(tensor(seeded(12, 1), [2, 3, 2]))).toThrow(ArgumentError);
    expect(() => s.apply(tensor(seeded(12, 1), [2, 3, 2]))).toThrow(/3 outputs; use applyAll/);
    l.dispose();
    s.dispose();
  });
});

describe('Embedding vs TF.js 4.22', () => {
  it('looks up the same rows and masks index 0', async () => {
    const ours = layers.embedding({ inputDim: 7, outputDim: 3, maskZero: true });
    const theirs = tfl.layers.embedding({ inputDim: 7, outputDim: 3, maskZero: true });
    const ids = [
      [1, 2, 0],
      [6, 0, 0],
    ];
    const y = ours.apply(tensor(ids.flat(), [2, 3], 'int32'));
    tf.tidy(() => {
      theirs.apply(tf.tensor(ids.flat(), [2, 3], 'int32'));
    });
    theirs.setWeights([tf.tensor(Float32Array.from(await ours.getWeights()[0].data()), [7, 3])]);
    const ty = theirs.apply(tf.tensor(ids.flat(), [2, 3], 'int32')) as tf.Tensor;
    expect(maxAbsDiff(await y.data(), await ty.data())).toBeLessThanOrEqual(TOL);
    const mask = ours.computeMask(tensor(ids.flat(), [2, 3], 'int32'), null);
    const tmask = theirs.computeMask(tf.tensor(ids.flat(), [2, 3], 'int32')) as tf.Tensor;
    expect(Array.from(await (mask as ReturnType<typeof tensor>).data())).toEqual(Array.from(await tmask.data()));
    ours.dispose();
  });
});

/** Padded token sequences: `n` rows of length `len`, each with a random number of trailing zeros. */
function paddedIds(n: number, len: number, vocab: number, seed: number): number[] {
  const r = seeded(n * (len + 1), seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const keep = 1 + Math.floor(((r[i * (len + 1)] + 1) / 2) * len);
    for (let t = 0; t < len; t++) out.push(t < keep ? 1 + Math.floor(((r[i * (len + 1) + t + 1] + 1) / 2) * (vocab - 1)) : 0);
  }
  return out;
}

describe('files between Tensile and TF.js', () => {
  it('embedding(maskZero) + LSTM + dense saved by TF.js loads in Tensile and predicts the same padded batch', async () => {
    const m = tfl.sequential({
      layers: [
        tfl.layers.embedding({ inputDim: 12, outputDim: 5, inputLength: 6, maskZero: true }),
        tfl.layers.lstm({ units: 4, ...TFJS_INIT }),
        tfl.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    await m.save(tfjsFileSaver(join(dir, 'from-tfjs')));
    const ours = await loadModel(`file://${join(dir, 'from-tfjs', 'model.json')}`);
    const ids = paddedIds(8, 6, 12, 3);
    const theirs = await (m.predict(tf.tensor(ids, [8, 6])) as tf.Tensor).data();
    const y = ours.predict(tensor(ids, [8, 6]));
    expect(maxAbsDiff(await (Array.isArray(y) ? y[0] : y).data(), theirs)).toBeLessThanOrEqual(TOL);
    // The mask matters here: without it the padded steps would change the result.
    expect(ids.filter((v) => v === 0).length).toBeGreaterThan(0);
    ours.dispose();
  });

  it('a functional model with an LSTM returning its states, saved by Tensile, loads in TF.js and predicts the same', async () => {
    const x = input({ shape: [5, 3] });
    const [seq, h, c] = layers.lstm({ units: 4, returnSequences: true, returnState: true, goBackwards: true }).applyAll(x);
    const last = layers.lstm({ units: 2 }).apply(seq);
    const ours = model({ inputs: x, outputs: [last, h, c] });
    await ours.save(`file://${join(dir, 'to-tfjs')}`);
    const theirs = await tfl.loadLayersModel(tfjsFileLoader(join(dir, 'to-tfjs', 'model.json')));
    const data = seeded(4 * 5 * 3, 11);
    const a = ours.predict(tensor(data, [4, 5, 3])) as ReturnType<typeof tensor>[];
    const b = theirs.predict(tf.tensor(data, [4, 5, 3])) as tf.Tensor[];
    expect(a.length).toBe(3);
    for (let i = 0; i < 3; i++) expect(maxAbsDiff(await a[i].data(), await b[i].data())).toBeLessThanOrEqual(TOL);
    ours.dispose();
  });

  it('a Sequential embedding(maskZero) + LSTM saved by Tensile loads in TF.js and predicts the same padded batch', async () => {
    const ours = sequential([
      layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 7, maskZero: true }),
      layers.lstm({ units: 5, returnSequences: true }),
      layers.lstm({ units: 3, recurrentActivation: 'hardSigmoid' }),
      layers.dense({ units: 2 }),
    ]);
    await ours.save(`file://${join(dir, 'seq-to-tfjs')}`);
    const theirs = await tfl.loadLayersModel(tfjsFileLoader(join(dir, 'seq-to-tfjs', 'model.json')));
    const ids = paddedIds(6, 7, 10, 9);
    const a = ours.predict(tensor(ids, [6, 7]));
    const b = theirs.predict(tf.tensor(ids, [6, 7])) as tf.Tensor;
    expect(maxAbsDiff(await (Array.isArray(a) ? a[0] : a).data(), await b.data())).toBeLessThanOrEqual(TOL);
    ours.dispose();
  });
});

describe('training', () => {
  it('an embedding + LSTM + dense classifier learns whether token 1 comes before token 2 (> 90%)', async () => {
    // Sequences of 8 tokens from 3..9 with one 1 and one 2 placed at random; label: 1 before 2.
    const n = 512;
    const len = 8;
    const r = seeded(n * (len + 2), 21);
    const ids: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < n; i++) {
      const row = Array.from({ length: len }, (_, t) => 3 + Math.floor(((r[i * (len + 2) + t] + 1) / 2) * 7));
      const a = Math.floor(((r[i * (len + 2) + len] + 1) / 2) * len);
      let b = Math.floor(((r[i * (len + 2) + len + 1] + 1) / 2) * (len - 1));
      if (b >= a) b++;
      row[a] = 1;
      row[b] = 2;
      ids.push(...row);
      labels.push(a < b ? 1 : 0);
    }
    const m = sequential([
      layers.embedding({ inputDim: 10, outputDim: 8, inputLength: len }),
      layers.lstm({ units: 16 }),
      layers.dense({ units: 1, activation: 'sigmoid' }),
    ]);
    m.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const x = tensor(ids, [n, len]);
    const y = tensor(labels, [n, 1]);
    const history = await m.fit(x, y, { epochs: 25, batchSize: 32, verbose: 0 });
    const acc = history.history.accuracy;
    expect(acc[acc.length - 1]).toBeGreaterThan(0.9);
    m.dispose();
  }, 120_000);
});
