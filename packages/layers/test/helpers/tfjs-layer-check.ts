/**
 * One layer against TensorFlow.js 4.22 (tfjs-layers on tfjs-backend-cpu), the oracle: the same
 * random weights give the same outputs; the layer config matches what TF.js writes; a model
 * saved by Tensile loads in TF.js and predicts the same, and the other way round.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import '@tensile/backend-cpu';
import { tensor } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { io, type Layer, loadModel, type ModelArtifacts, sequential } from '../../src/index.js';
import { maxAbsDiff, memorySink, values } from '../helpers.js';

/** Seeded values in [-1, 1), the same for both frameworks. */
export function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = (s / 4294967296) * 2 - 1;
  }
  return out;
}

export async function tfjsArtifacts(m: tfl.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await m.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error('TF.js saved nothing');
  // Through JSON, as a file would carry it.
  return { ...saved, modelTopology: JSON.parse(JSON.stringify(saved.modelTopology)) };
}

function layerConfigs(a: ModelArtifacts | tf.io.ModelArtifacts, ignore: readonly string[]): unknown[] {
  const topo = JSON.parse(JSON.stringify(a.modelTopology));
  return topo.config.layers.map((l: { class_name: string; config: Record<string, unknown> }) => {
    delete l.config.name;
    for (const k of ignore) delete l.config[k];
    return l;
  });
}

async function predictTf(m: tfl.LayersModel, x: Float32Array, shape: number[]): Promise<Float32Array> {
  const y = m.predict(tf.tensor(x, shape));
  return (await (Array.isArray(y) ? y[0] : y).data()) as Float32Array;
}

export interface TfjsCheck {
  /** Our layer, with inputShape in its args. */
  readonly ours: Layer;
  /** The same layer in TF.js, with the same inputShape. */
  readonly theirs: tfl.layers.Layer;
  /** Input shape with the batch dimension. */
  readonly input: number[];
  /** Saved (snake_case) config keys left out of the comparison (say why at the call). */
  readonly ignoreConfigKeys?: readonly string[];
  /** Set (to the reason) where TF.js' own save of this layer cannot be loaded back faithfully. */
  readonly tfjsSaveIsLossy?: string;
}

export async function checkAgainstTfjs(c: TfjsCheck): Promise<void> {
  const ours = sequential([c.ours]);
  const theirs = tfl.sequential({ layers: [c.theirs] });
  const tfWeights = theirs.weights;
  expect(ours.weights.map((w) => w.shape)).toEqual(tfWeights.map((w) => w.shape));
  // Weights named as TF.js names them (after the layer prefix), in TF.js' order.
  expect(c.ours.weights.map((w) => c.ours.originalNameOf(w).split('/').pop())).toEqual(
    tfWeights.map((w) => w.originalName.split('/').pop()),
  );
  const data = tfWeights.map((w, i) =>
    seeded(
      w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
      100 + i,
    ),
  );
  theirs.setWeights(data.map((d, i) => tf.tensor(d, tfWeights[i].shape as number[])));
  ours.setWeights(data.map((d, i) => tensor(d, tfWeights[i].shape as number[])));

  const x = seeded(
    c.input.reduce((a, b) => a * b, 1),
    7,
  );
  const expected = await predictTf(theirs, x, c.input);
  const before = undisposedTensors();
  const xt = tensor(x, c.input);
  const y = ours.apply(xt);
  const got = await values(y);
  for (const t of Array.isArray(y) ? y : [y]) t.dispose();
  xt.dispose();
  expect(undisposedTensors()).toBe(before);
  expect(got.length).toBe(expected.length);
  expect(maxAbsDiff(got, expected)).toBeLessThanOrEqual(1e-4);

  const sink = memorySink();
  await ours.save(sink.handler);
  const theirArtifacts = await tfjsArtifacts(theirs);
  const ignore = c.ignoreConfigKeys ?? [];
  expect(layerConfigs(sink.artifacts(), ignore)).toEqual(layerConfigs(theirArtifacts, ignore));

  // Saved by Tensile -> TF.js.
  const inTf = await tfl.loadLayersModel(tf.io.fromMemory(sink.artifacts() as tf.io.ModelArtifacts));
  expect(maxAbsDiff(await predictTf(inTf, x, c.input), expected)).toBeLessThanOrEqual(1e-4);
  inTf.dispose();
  // Saved by TF.js -> Tensile.
  if (c.tfjsSaveIsLossy === undefined) {
    const inOurs = await loadModel(io.fromMemory(theirArtifacts as ModelArtifacts));
    expect(maxAbsDiff(await values(inOurs.apply(tensor(x, c.input))), expected)).toBeLessThanOrEqual(1e-4);
    inOurs.dispose();
  }
  theirs.dispose();
  ours.dispose();
}
