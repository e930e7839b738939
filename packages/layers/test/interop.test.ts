/**
 * Interop with TensorFlow.js itself (tfjs-layers 4.22.0 on tfjs-backend-cpu): models saved by
 * Tensile load in TF.js and predict the same, and the other way round.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensile/backend-cpu';
import { ready, tensor } from '@tensile/core';
import { initializers, io, layers, loadModel, sequential, type ModelArtifacts } from '../src/index.js';
import { lenet5 } from './lenet.js';
import { maxAbsDiff, memorySink, values } from './helpers.js';

let dir: string;
beforeAll(async () => {
  await ready();
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'tensile-interop-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A TF.js load handler for a model.json on disk (tfjs-node is not a dependency here). */
function tfjsFileHandler(jsonPath: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(await readFile(jsonPath, 'utf8'));
      const buffers = await Promise.all(
        json.weightsManifest
          .flatMap((g: { paths: string[] }) => g.paths)
          .map(async (p: string) => {
            const b = await readFile(join(dirname(jsonPath), p));
            return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
          }),
      );
      const total = buffers.reduce((n: number, b: ArrayBuffer) => n + b.byteLength, 0);
      const data = new Uint8Array(total);
      let at = 0;
      for (const b of buffers) {
        data.set(new Uint8Array(b), at);
        at += b.byteLength;
      }
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g: { weights: tf.io.WeightsManifestEntry[] }) => g.weights),
        weightData: data.buffer,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
      };
    },
  };
}

function batch(n: number, shape: number[], seed: number): Float32Array {
  const out = new Float32Array(n * shape.reduce((a, b) => a * b, 1));
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = (s / 2147483648) * 2 - 1;
  }
  return out;
}

describe('Tensile -> TF.js', () => {
  it('a LeNet saved by Tensile (file://) loads in TF.js and predicts the same batch', async () => {
    const m = lenet5();
    await m.save(`file://${join(dir, 'lenet')}`);
    const tfModel = await tfl.loadLayersModel(tfjsFileHandler(join(dir, 'lenet', 'model.json')));
    expect(tfModel.countParams()).toBe(61706);
    const data = batch(8, [32, 32, 1], 1);
    const ours = await values(m.apply(tensor(data, [8, 32, 32, 1])));
    const prediction = tfModel.predict(tf.tensor(data, [8, 32, 32, 1]));
    const theirs = await (Array.isArray(prediction) ? prediction[0] : prediction).data();
    expect(maxAbsDiff(ours, theirs)).toBeLessThanOrEqual(1e-5);
    tfModel.dispose();
  });

  it('the layer configs match what TF.js writes for the same LeNet (names aside)', async () => {
    const ours = sequential([
      layers.conv2d({ inputShape: [32, 32, 1], filters: 6, kernelSize: 5, activation: 'tanh', kernelInitializer: 'glorotUniform' }),
      layers.averagePooling2d({ poolSize: 2 }),
      layers.flatten(),
      layers.dropout({ rate: 0.5 }),
      layers.dense({ units: 10, activation: 'softmax', kernelInitializer: initializers.glorotUniform() }),
    ]);
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [32, 32, 1], filters: 6, kernelSize: 5, activation: 'tanh', kernelInitializer: 'glorotUniform' }),
        tfl.layers.averagePooling2d({ poolSize: 2 }),
        tfl.layers.flatten(),
        tfl.layers.dropout({ rate: 0.5 }),
        tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: 'glorotUniform' }),
      ],
    });
    let tfArtifacts: tf.io.ModelArtifacts | undefined;
    await theirs.save(
      tf.io.withSaveHandler(async (a) => {
        tfArtifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const sink = memorySink();
    await ours.save(sink.handler);
    const strip = (a: ModelArtifacts | tf.io.ModelArtifacts | undefined) => {
      const topo = JSON.parse(JSON.stringify(a?.modelTopology));
      for (const l of topo.config.layers) delete l.config.name;
      delete topo.config.name;
      return topo;
    };
    const expected = strip(tfArtifacts);
    const actual = strip(sink.artifacts());
    expect(actual.config).toEqual(expected.config);
    expect(actual.class_name).toBe(expected.class_name);
    expect(sink.artifacts().weightSpecs?.map((w) => w.shape)).toEqual(tfArtifacts?.weightSpecs?.map((w) => w.shape));
    theirs.dispose();
  });
});

describe('TF.js -> Tensile', () => {
  async function tfjsArtifacts(m: tfl.LayersModel): Promise<ModelArtifacts> {
    let saved: tf.io.ModelArtifacts | undefined;
    await m.save(
      tf.io.withSaveHandler(async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (!saved || !(saved.weightData instanceof ArrayBuffer)) throw new Error('TF.js saved nothing');
    // Through JSON, as a file would carry it.
    return {
      modelTopology: JSON.parse(JSON.stringify(saved.modelTopology)),
      weightSpecs: JSON.parse(JSON.stringify(saved.weightSpecs)),
      weightData: saved.weightData,
    };
  }

  it('a LeNet built and saved by TF.js loads in Tensile and predicts the same', async () => {
    const m = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [32, 32, 1], filters: 6, kernelSize: 5, activation: 'tanh' }),
        tfl.layers.averagePooling2d({ poolSize: 2 }),
        tfl.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'tanh' }),
        tfl.layers.averagePooling2d({ poolSize: 2 }),
        tfl.layers.conv2d({ filters: 120, kernelSize: 5, activation: 'tanh' }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 84, activation: 'tanh' }),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const ours = await loadModel(io.fromMemory(await tfjsArtifacts(m)));
    expect(ours.countParams()).toBe(61706);
    const data = batch(8, [32, 32, 1], 2);
    const prediction = m.predict(tf.tensor(data, [8, 32, 32, 1]));
    const theirs = await (Array.isArray(prediction) ? prediction[0] : prediction).data();
    expect(maxAbsDiff(await values(ours.apply(tensor(data, [8, 32, 32, 1]))), theirs)).toBeLessThanOrEqual(1e-5);
    m.dispose();
    ours.dispose();
  });

  it('a functional TF.js model (two inputs, shared Dense, BatchNormalization, pooling, padding) loads', async () => {
    const a = tfl.input({ shape: [6, 6, 2] });
    const b = tfl.input({ shape: [6, 6, 2] });
    const shared = tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' });
    const left = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(shared.apply(a)) as tfl.SymbolicTensor;
    const right = tfl.layers
      .globalAveragePooling2d({})
      .apply(tfl.layers.zeroPadding2d({ padding: 1 }).apply(shared.apply(b))) as tfl.SymbolicTensor;
    const flat = tfl.layers.flatten().apply(left) as tfl.SymbolicTensor;
    const merged = tfl.layers.concatenate().apply([flat, right]) as tfl.SymbolicTensor;
    const bn = tfl.layers
      .batchNormalization({ movingMeanInitializer: 'randomNormal', movingVarianceInitializer: 'ones' })
      .apply(merged) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 4, activation: 'sigmoid' }).apply(bn) as tfl.SymbolicTensor;
    const sum = tfl.layers.add().apply([tfl.layers.dense({ units: 4 }).apply(bn) as tfl.SymbolicTensor, out]) as tfl.SymbolicTensor;
    const m = tfl.model({ inputs: [a, b], outputs: [out, sum] });
    const ours = await loadModel(io.fromMemory(await tfjsArtifacts(m)));
    expect(ours.countParams()).toBe(m.countParams());
    const da = batch(3, [6, 6, 2], 3);
    const db = batch(3, [6, 6, 2], 4);
    const theirs = m.predict([tf.tensor(da, [3, 6, 6, 2]), tf.tensor(db, [3, 6, 6, 2])]);
    const mine = ours.apply([tensor(da, [3, 6, 6, 2]), tensor(db, [3, 6, 6, 2])]);
    if (!Array.isArray(theirs) || !Array.isArray(mine)) throw new Error('expected two outputs');
    for (let i = 0; i < 2; i++) expect(maxAbsDiff(await values(mine[i]), await theirs[i].data())).toBeLessThanOrEqual(1e-5);
    m.dispose();
  });
});
