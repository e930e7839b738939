/**
 * Normalization (Keras 3; TensorFlow.js 4.22 has none) against Keras 3's formula computed here in
 * float64 JavaScript: adapt's population mean and variance, (x - mean) / max(sqrt(var), 1e-7)
 * and its inverse; configs and weights as Keras writes them; a saved model reloads the same.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, ready, ShapeError, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { input, io, layers, loadModel, Normalization, sequential } from '../src/index.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';
import { lcg } from './helpers/tfjs-twin.js';

beforeAll(async () => {
  await ready();
});

const [N, F] = [50, 3];
// Features with different offsets and spreads, so per-feature statistics matter.
const data = Float32Array.from(lcg(N * F, 17), (v, i) => v * (i % F) * 4 + (i % F) * 10 - 5);

function stats(): { mean: number[]; variance: number[] } {
  const mean = Array.from({ length: F }, (_, f) => {
    let s = 0;
    for (let n = 0; n < N; n++) s += data[n * F + f];
    return s / N;
  });
  const variance = mean.map((m, f) => {
    let s = 0;
    for (let n = 0; n < N; n++) s += (data[n * F + f] - m) ** 2;
    return s / N;
  });
  return { mean, variance };
}

const kerasNormalize = (mean: number[], variance: number[], invert: boolean) =>
  Array.from(data, (x, i) => {
    const std = Math.max(Math.sqrt(variance[i % F]), 1e-7);
    return invert ? mean[i % F] + x * std : (x - mean[i % F]) / std;
  });

describe('Normalization (Keras 3)', () => {
  it('adapt computes the population mean and variance per feature; call normalizes', async () => {
    const { mean, variance } = stats();
    expect(variance[0]).toBe(0); // feature 0 is constant: the epsilon keeps it finite
    const norm = layers.normalization();
    norm.adapt(tensor(data, [N, F]));
    const [m, v] = norm.getWeights();
    expect(maxAbsDiff(await values(m), mean)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(await values(v), variance)).toBeLessThanOrEqual(1e-4);
    expect(norm.trainableWeights).toHaveLength(0);
    const out = await values(norm.apply(tensor(data, [N, F])));
    expect(maxAbsDiff(out, kerasNormalize(mean, variance, false))).toBeLessThanOrEqual(1e-4);
  });

  it('given mean and variance, and invert', async () => {
    const mean = [1, -2, 0.5];
    const variance = [4, 0.25, 9];
    const fwd = layers.normalization({ mean, variance });
    expect(maxAbsDiff(await values(fwd.apply(tensor(data, [N, F]))), kerasNormalize(mean, variance, false))).toBeLessThanOrEqual(1e-5);
    const inv = layers.normalization({ mean, variance, invert: true });
    expect(maxAbsDiff(await values(inv.apply(tensor(data, [N, F]))), kerasNormalize(mean, variance, true))).toBeLessThanOrEqual(1e-4);
    // Scalars broadcast over everything.
    const scalar = await values(layers.normalization({ mean: 3, variance: 4 }).apply(tensor([5, 7], [1, 2])));
    expect(scalar).toEqual([1, 2]);
  });

  it('axis null: one mean and variance over all values; images per channel with axis -1', async () => {
    const all = layers.normalization({ axis: null });
    all.adapt(tensor(data, [N, F]));
    const mu = data.reduce((a, b) => a + b, 0) / data.length;
    const vr = data.reduce((a, b) => a + (b - mu) ** 2, 0) / data.length;
    expect(maxAbsDiff(await values(all.getWeights()[0]), [mu])).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(await values(all.getWeights()[1]), [vr])).toBeLessThanOrEqual(1e-3);
    const img = layers.normalization();
    img.adapt(tensor(data, [5, 2, 5, F]));
    const { mean } = stats();
    expect(maxAbsDiff(await values(img.getWeights()[0]), mean)).toBeLessThanOrEqual(1e-5);
  });

  it('saves config and weights as Keras 3 and reloads the same; no tensors left per call', async () => {
    const m = sequential([layers.normalization({ inputShape: [F] })]);
    (m.layers[m.layers.length - 1] as Normalization).adapt(tensor(data, [N, F]));
    const sink = memorySink();
    await m.save(sink.handler);
    const saved = JSON.parse(JSON.stringify(sink.artifacts().modelTopology)).config.layers.at(-1);
    expect(saved.class_name).toBe('Normalization');
    expect(saved.config).toMatchObject({ axis: [-1], invert: false, mean: null, variance: null });
    expect(sink.artifacts().weightSpecs?.map((w) => w.name.split('/').at(-1))).toEqual(['mean', 'variance']);
    const loaded = await loadModel(io.fromMemory(sink.artifacts()));
    const x = tensor(data, [N, F]);
    expect(await values(loaded.apply(x))).toEqual(await values(m.apply(x)));
    const given = Normalization.fromConfig({ name: 'n', axis: [-1], mean: [1, 2, 3], variance: [1, 1, 1], invert: true });
    expect([given.inputMean, given.invert]).toEqual([[1, 2, 3], true]);
    const norm = layers.normalization({ mean: 1, variance: 2 });
    norm.apply(x).dispose();
    const before = undisposedTensors();
    norm.apply(x).dispose();
    expect(undisposedTensors()).toBe(before);
  });

  it('misuse names the layer', () => {
    expect(() => layers.normalization({ mean: [1, 2], name: 'nm' })).toThrow(
      'nm: give both mean and variance, or neither (and call adapt), got only mean',
    );
    expect(() => layers.normalization({ mean: [1, 2], variance: [1, 1], name: 'nm2' }).apply(input({ shape: [3] }))).toThrow(
      'nm2: mean has 2 values, but axis [-1] of inputs (null, 3) needs 3',
    );
    expect(() => layers.normalization({ axis: 0, name: 'nm3' }).apply(input({ shape: [3] }))).toThrow(ShapeError);
    expect(() => layers.normalization({ mean: 1, variance: 1, name: 'nm4' }).adapt(tensor(data, [N, F]))).toThrow(ArgumentError);
    const n = layers.normalization({ name: 'nm5' });
    n.adapt(tensor(data, [N, F]));
    expect(() => n.adapt(tensor(data, [N / 2, 2 * F]))).toThrow(ShapeError);
  });
});
