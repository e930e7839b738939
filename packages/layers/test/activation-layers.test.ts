/**
 * The activation layers ReLU, LeakyReLU, PReLU, ELU, Softmax against TensorFlow.js 4.22 itself;
 * the Keras 3 options TF.js lacks (ReLU's negativeSlope/threshold, ELU's alpha != 1) against
 * Keras 3's formulas computed here in plain JavaScript.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, ModelFormatError, ready, ShapeError, tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { input, io, layers, loadModel, type Layer, LeakyReLU, PReLU, sequential } from '../src/index.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';
import { checkTwin, lcg } from './helpers/tfjs-twin.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

/** A Dense in front (weights copied from TF.js) so the activation sees values of both signs. */
async function twin(ours: Layer, theirs: tfl.layers.Layer, inner: number[], compareConfigs = true): Promise<void> {
  const units = inner[inner.length - 1];
  const o = sequential([layers.dense({ units, inputShape: inner }), ours]);
  const t = tfl.sequential({ layers: [tfl.layers.dense({ units, inputShape: inner, kernelInitializer: 'glorotUniform' }), theirs] });
  await checkTwin(o, t, { inputs: [[4, ...inner]], compareConfigs });
  t.dispose();
  o.dispose();
}

describe('activation layers vs TF.js 4.22 (same outputs, configs, files both ways)', () => {
  it('ReLU, with and without maxValue', async () => {
    await twin(layers.reLU(), tfl.layers.reLU(), [6]);
    await twin(layers.reLU({ maxValue: 0.4 }), tfl.layers.reLU({ maxValue: 0.4 }), [6]);
  });

  it('LeakyReLU, default alpha (0.3) and alpha 0.05', async () => {
    await twin(layers.leakyReLU(), tfl.layers.leakyReLU(), [6]);
    await twin(layers.leakyReLU({ alpha: 0.05 }), tfl.layers.leakyReLU({ alpha: 0.05 }), [6]);
  });

  it('ELU (alpha 1, the only alpha TF.js takes)', async () => {
    await twin(layers.elu(), tfl.layers.elu(), [6]);
  });

  it('Softmax over one axis and over two axes', async () => {
    await twin(layers.softmax({ axis: 1 }), tfl.layers.softmax({ axis: 1 }), [6]);
    await twin(layers.softmax({ axis: -1 }), tfl.layers.softmax({ axis: -1 }), [3, 5]);
    await twin(layers.softmax({ axis: [1, 2] }), tfl.layers.softmax({ axis: [1, 2] as unknown as number }), [3, 5]);
  });

  it('PReLU with a per-unit alpha, and with alpha shared along axes 1 and 2', async () => {
    await twin(layers.prelu({ alphaInitializer: 'randomNormal' }), tfl.layers.prelu({ alphaInitializer: 'randomNormal' }), [6], false);
    await twin(
      layers.prelu({ sharedAxes: [1, 2] }),
      tfl.layers.prelu({ sharedAxes: [1, 2], alphaInitializer: tfl.initializers.constant({ value: 0.25 }) }),
      [2, 3, 4],
      false,
    );
    const p = new PReLU({ sharedAxes: [1, 2] });
    p.apply(tensor(lcg(24, 1), [1, 2, 3, 4]));
    expect(p.alpha?.shape).toEqual([1, 1, 4]);
    expect(p.weights.map((w) => p.originalNameOf(w).split('/')[1])).toEqual(['alpha']);
    // The configs match TF.js' apart from the initializer object it was given.
    const sink = memorySink();
    await sequential([layers.prelu({ inputShape: [3], sharedAxes: 1 })]).save(sink.handler);
    const saved = JSON.parse(JSON.stringify(sink.artifacts().modelTopology)).config.layers[0].config;
    expect(saved).toMatchObject({
      alpha_initializer: { class_name: 'Zeros', config: {} },
      alpha_regularizer: null,
      alpha_constraint: null,
      shared_axes: [1],
    });
  });
});

/** Keras 3's backend relu(x, negative_slope, max_value, threshold), transcribed to plain JavaScript. */
function kerasRelu(x: number, slope: number, max: number | undefined, threshold: number): number {
  let y = threshold !== 0 ? (x > threshold ? x : 0) : Math.max(x, 0);
  if (max !== undefined) y = Math.min(Math.max(y, 0), max);
  return slope !== 0 ? y - slope * Math.max(threshold - x, 0) : y;
}

describe('Keras 3 options TF.js 4.22 lacks', () => {
  const xs = Array.from(lcg(40, 3), (v) => v * 3);

  it('ReLU negativeSlope, threshold and maxValue follow the Keras 3 formula and round-trip', async () => {
    const r = layers.reLU({ maxValue: 2, negativeSlope: 0.1, threshold: 0.5 });
    const out = await values(r.apply(tensor(xs, [4, 10])));
    expect(
      maxAbsDiff(
        out,
        xs.map((x) => kerasRelu(x, 0.1, 2, 0.5)),
      ),
    ).toBeLessThanOrEqual(1e-6);
    const m = sequential([layers.reLU({ inputShape: [10], negativeSlope: 0.2 })]);
    const sink = memorySink();
    await m.save(sink.handler);
    expect(JSON.parse(JSON.stringify(sink.artifacts().modelTopology)).config.layers[0].config.negative_slope).toBe(0.2);
    const loaded = await loadModel(io.fromMemory(sink.artifacts()));
    expect(
      maxAbsDiff(
        await values(loaded.apply(tensor(xs, [4, 10]))),
        xs.map((x) => kerasRelu(x, 0.2, undefined, 0)),
      ),
    ).toBeLessThanOrEqual(1e-6);
  });

  it('ELU with alpha 0.5 is alpha * (e^x - 1) below 0', async () => {
    const out = await values(layers.elu({ alpha: 0.5 }).apply(tensor(xs, [40])));
    expect(
      maxAbsDiff(
        out,
        xs.map((x) => (x > 0 ? x : 0.5 * Math.expm1(x))),
      ),
    ).toBeLessThanOrEqual(1e-6);
  });

  it("LeakyReLU reads Keras 3's negative_slope", () => {
    expect(LeakyReLU.fromConfig({ name: 'l', negativeSlope: 0.1 }).alpha).toBe(0.1);
  });

  it('leaves no tensors behind per call', () => {
    const x = tensor(xs, [4, 10]);
    const all = [
      layers.reLU({ maxValue: 1, negativeSlope: 0.1, threshold: 0.2 }),
      layers.elu({ alpha: 2 }),
      layers.softmax({ axis: [0, 1] }),
    ];
    for (const l of all) l.apply(x).dispose();
    const before = undisposedTensors();
    for (const l of all) l.apply(x).dispose();
    expect(undisposedTensors()).toBe(before);
  });
});

describe('activation layer misuse', () => {
  it('bad options and inputs name the layer', () => {
    expect(() => layers.reLU({ maxValue: -1, name: 'r' })).toThrow('r: maxValue must be a finite number >= 0, got -1');
    expect(() => layers.leakyReLU({ alpha: Number.NaN, name: 'lr' })).toThrow(ArgumentError);
    expect(() => layers.softmax({ axis: 1.5, name: 's' })).toThrow('s: axis must be an integer or a non-empty list of integers, got 1.5');
    expect(() => layers.softmax({ axis: 3, name: 's2' }).apply(tensor([1, 2], [1, 2]))).toThrow(
      's2: axis 3 is out of range for an input of shape [1, 2]',
    );
    expect(() => layers.prelu({ sharedAxes: [0], name: 'p' })).toThrow(ArgumentError);
    expect(() => layers.prelu({ sharedAxes: [3], name: 'p2' }).apply(input({ shape: [4] }))).toThrow(ShapeError);
    expect(() => layers.prelu({ name: 'p3' }).apply(input({ shape: [null, 4] }))).toThrow(
      'p3: PReLU needs every non-shared dimension known, got input shape (null, null, 4); share the unknown axes with sharedAxes',
    );
    expect(() => PReLU.fromConfig({ name: 'p4', alphaConstraint: { className: 'NonNeg', config: {} } })).toThrow(ModelFormatError);
  });
});
