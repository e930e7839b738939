/**
 * Rescaling (Keras 3 `Rescaling(scale, offset)`, TF.js 4.22 `tf.layers.rescaling`): values,
 * config round trip, and the same config and outputs as TensorFlow.js itself.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ArgumentError, ModelFormatError, ready, tensor } from '@tensile/core';
import { io, layers, loadModel, Rescaling, sequential, type ModelArtifacts } from '../src/index.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';

beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
});

const pixels = [0, 1, 127, 128, 254, 255];

describe('Rescaling', () => {
  it('computes x * scale + offset, casting int32 inputs to float32', async () => {
    const r = layers.rescaling({ scale: 1 / 127.5, offset: -1 });
    const y = r.apply(tensor(pixels, [1, 6]));
    expect(y.dtype).toBe('float32');
    const expected = pixels.map((p) => p / 127.5 - 1);
    expect(maxAbsDiff(await values(y), expected)).toBeLessThan(1e-6);
    const fromInt = r.apply(tensor(pixels, [1, 6], 'int32'));
    expect(fromInt.dtype).toBe('float32');
    expect(maxAbsDiff(await values(fromInt), expected)).toBeLessThan(1e-6);
    // Without an offset: scale only.
    expect(await values(layers.rescaling({ scale: 2 }).apply(tensor([1.5, -3], [2])))).toEqual([3, -6]);
    expect(r.computeOutputShape([null, 28, 28, 1])).toEqual([null, 28, 28, 1]);
    expect(r.countParams()).toBe(0);
  });

  it('rejects a scale or offset that is not a finite number', () => {
    expect(() => layers.rescaling({ scale: Number.NaN, name: 'rs' })).toThrow(ArgumentError);
    expect(() => layers.rescaling({ scale: Number.NaN, name: 'rs' })).toThrow('rs: scale must be a finite number, got NaN');
    expect(() => layers.rescaling({ scale: 1, offset: Infinity, name: 'rs2' })).toThrow(
      'rs2: offset must be a finite number, got Infinity',
    );
  });

  it('round-trips through its config and a saved model', async () => {
    const r = new Rescaling({ scale: 0.5, offset: 3, name: 'pre' });
    expect(r.getConfig()).toMatchObject({ scale: 0.5, offset: 3, name: 'pre' });
    const copy = Rescaling.fromConfig(r.getConfig());
    expect([copy.scale, copy.offset, copy.name]).toEqual([0.5, 3, 'pre']);

    const m = sequential([layers.rescaling({ scale: 1 / 255, offset: -0.5, inputShape: [3] }), layers.dense({ units: 2 })]);
    const sink = memorySink();
    await m.save(sink.handler);
    const saved = JSON.parse(JSON.stringify(sink.artifacts().modelTopology));
    expect(saved.config.layers[0].class_name).toBe('Rescaling');
    expect(saved.config.layers[0].config).toMatchObject({ scale: 1 / 255, offset: -0.5, batch_input_shape: [null, 3] });
    const loaded = await loadModel(io.fromMemory(sink.artifacts()));
    const x = tensor([0, 100, 255, 30, 60, 90], [2, 3]);
    expect(await values(loaded.apply(x))).toEqual(await values(m.apply(x)));
    m.dispose();
    loaded.dispose();
  });

  it('a list scale in a file (Keras per-channel form) is a ModelFormatError that says why', () => {
    expect(() => Rescaling.fromConfig({ name: 'r', scale: [1, 2, 3] })).toThrow(ModelFormatError);
    expect(() => Rescaling.fromConfig({ name: 'r', scale: [1, 2, 3] })).toThrow(
      "Rescaling: config field 'scale' must be a number, got [1,2,3] (per-channel lists are not supported, as in TensorFlow.js 4.22)",
    );
    expect(() => Rescaling.fromConfig({ name: 'r' })).toThrow("Rescaling: config field 'scale' must be a number, got undefined");
  });
});

describe('Rescaling and TensorFlow.js 4.22', () => {
  const withSink = async (m: tfl.LayersModel): Promise<tf.io.ModelArtifacts> => {
    let saved: tf.io.ModelArtifacts | undefined;
    await m.save(
      tf.io.withSaveHandler(async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (!saved) throw new Error('TF.js saved nothing');
    return saved;
  };

  it('writes the config TF.js writes, and TF.js loads it and computes the same', async () => {
    const ours = sequential([
      layers.zeroPadding2d({ padding: 2, inputShape: [4, 4, 1] }),
      layers.rescaling({ scale: 1 / (255 * 0.3081), offset: -0.1307 / 0.3081 }),
    ]);
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.zeroPadding2d({ padding: 2, inputShape: [4, 4, 1] }),
        tfl.layers.rescaling({ scale: 1 / (255 * 0.3081), offset: -0.1307 / 0.3081 }),
      ],
    });
    const sink = memorySink();
    await ours.save(sink.handler);
    const config = (a: ModelArtifacts | tf.io.ModelArtifacts) => {
      const topo = JSON.parse(JSON.stringify(a.modelTopology));
      return topo.config.layers.map((l: { class_name: string; config: Record<string, unknown> }) => {
        delete l.config.name;
        return l;
      });
    };
    expect(config(sink.artifacts())).toEqual(config(await withSink(theirs)));

    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(sink.artifacts() as tf.io.ModelArtifacts));
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(['ZeroPadding2D', 'Rescaling']);
    const x = Array.from({ length: 16 }, (_, i) => i * 17);
    const tfOut = loaded.predict(tf.tensor(x, [1, 4, 4, 1]));
    const tfValues = await (Array.isArray(tfOut) ? tfOut[0] : tfOut).data();
    const ourValues = await values(ours.apply(tensor(x, [1, 4, 4, 1])));
    expect(ourValues).toHaveLength(64);
    expect(maxAbsDiff(ourValues, tfValues)).toBeLessThan(1e-6);
    // The padded border is a black pixel standardised: (0 - 0.1307) / 0.3081.
    expect(ourValues[0]).toBeCloseTo(-0.1307 / 0.3081, 5);
    loaded.dispose();
    theirs.dispose();
    ours.dispose();
  });

  it('a TF.js model with Rescaling loads in Tensile', async () => {
    const theirs = tfl.sequential({
      layers: [tfl.layers.rescaling({ scale: 0.25, offset: 1, inputShape: [3] }), tfl.layers.dense({ units: 2 })],
    });
    const ours = await loadModel(io.fromMemory((await withSink(theirs)) as ModelArtifacts));
    expect(ours.layers[0]).toBeInstanceOf(Rescaling);
    const x = [4, 8, 12, 0, -4, 100];
    const tfOut = theirs.predict(tf.tensor(x, [2, 3]));
    const tfValues = await (Array.isArray(tfOut) ? tfOut[0] : tfOut).data();
    expect(maxAbsDiff(await values(ours.apply(tensor(x, [2, 3]))), tfValues)).toBeLessThan(1e-5);
    theirs.dispose();
    ours.dispose();
  });
});
