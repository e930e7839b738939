/**
 * Checks one Tensile model against its TensorFlow.js 4.22 twin (the same layers, built with each
 * library's factories): with TF.js' weights copied over both predict the same; the layer configs
 * are the ones TF.js writes; a model saved by Tensile loads in TF.js and predicts the same; a
 * model saved by TF.js loads in Tensile and predicts the same.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import { tensor, type Tensor } from '@tensile/core';
import { io, loadModel, type Model, type ModelArtifacts } from '../../src/index.js';
import { maxAbsDiff, memorySink } from '../helpers.js';

/** Deterministic values in [-1, 1) (an LCG), so both libraries see the same inputs. */
export function lcg(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = (s / 2147483648) * 2 - 1;
  }
  return out;
}

export async function tfjsArtifacts(m: tfl.LayersModel): Promise<ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await m.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved || !(saved.weightData instanceof ArrayBuffer)) throw new Error('TF.js saved nothing');
  return {
    modelTopology: JSON.parse(JSON.stringify(saved.modelTopology)),
    weightSpecs: JSON.parse(JSON.stringify(saved.weightSpecs ?? [])),
    weightData: saved.weightData,
  };
}

async function tfValues(out: tf.Tensor | tf.Tensor[]): Promise<Float32Array> {
  return (await (Array.isArray(out) ? out[0] : out).data()) as Float32Array;
}

async function ourValues(out: Tensor | Tensor[]): Promise<ArrayLike<number>> {
  return (Array.isArray(out) ? out[0] : out).data();
}

function layerConfigs(a: ModelArtifacts | tf.io.ModelArtifacts): unknown[] {
  const topo = JSON.parse(JSON.stringify(a.modelTopology));
  // InputLayer configs differ in fields TF.js adds (`sparse`); interop.test.ts covers them.
  return topo.config.layers
    .filter((l: { class_name: string }) => l.class_name !== 'InputLayer')
    .map((l: { class_name: string; config: Record<string, unknown> }) => {
      delete l.config.name;
      return { class_name: l.class_name, config: l.config };
    });
}

export interface TwinOptions {
  /** Input shapes with the batch dimension, one per model input. */
  inputs: number[][];
  tolerance?: number;
  /** Compare the saved layer configs with TF.js' (default true). */
  compareConfigs?: boolean;
  seed?: number;
}

export async function checkTwin(ours: Model, theirs: tfl.LayersModel, options: TwinOptions): Promise<void> {
  const tol = options.tolerance ?? 1e-4;
  const data = options.inputs.map((shape, i) =>
    lcg(
      shape.reduce((a, b) => a * b, 1),
      (options.seed ?? 7) + i,
    ),
  );
  const oursIn = () => {
    const xs = data.map((d, i) => tensor(d, options.inputs[i]));
    return xs.length === 1 ? xs[0] : xs;
  };
  const theirsIn = () => {
    const xs = data.map((d, i) => tf.tensor(d, options.inputs[i]));
    return xs.length === 1 ? xs[0] : xs;
  };
  ours.setWeights(theirs.getWeights().map((w) => tensor(w.dataSync() as Float32Array, w.shape)));
  const expected = await tfValues(theirs.predict(theirsIn()));
  const mine = await ourValues(ours.apply(oursIn()));
  expect(mine.length).toBe(expected.length);
  expect(maxAbsDiff(mine, expected)).toBeLessThanOrEqual(tol);

  const sink = memorySink();
  await ours.save(sink.handler);
  if (options.compareConfigs ?? true) expect(layerConfigs(sink.artifacts())).toEqual(layerConfigs(await tfjsArtifacts(theirs)));
  const inTfjs = await loadLayersModel(tf.io.fromMemory(sink.artifacts() as tf.io.ModelArtifacts));
  expect(maxAbsDiff(await tfValues(inTfjs.predict(theirsIn())), mine)).toBeLessThanOrEqual(tol);
  inTfjs.dispose();

  const inTensile = await loadModel(io.fromMemory(await tfjsArtifacts(theirs)));
  expect(maxAbsDiff(await ourValues(inTensile.apply(oursIn())), expected)).toBeLessThanOrEqual(tol);
  inTensile.dispose();
}
