/**
 * TensorFlow.js (tfjs-layers 4.22 on tfjs-backend-cpu) on the other side of a model's files:
 * TF.js saves to a folder (model.json + one shard, the layout tfjs-node writes) and loads from one
 * (tfjs-node is not a dependency), and both sides compare layer by layer with the same weights.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { tensor, type Tensor } from '@tensile/core';
import type { Layer } from '../../src/index.js';

/** A TF.js load handler for a model.json on disk. */
export function tfjsFileLoader(jsonPath: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(await readFile(jsonPath, 'utf8'));
      const shards = await Promise.all(
        json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths).map((p: string) => readFile(join(dirname(jsonPath), p))),
      );
      const data = Buffer.concat(shards);
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g: { weights: tf.io.WeightsManifestEntry[] }) => g.weights),
        weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
      };
    },
  };
}

/** A TF.js save handler writing `dir/model.json` and `dir/weights.bin`. */
export function tfjsFileSaver(dir: string): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (a) => {
    await mkdir(dir, { recursive: true });
    const data = a.weightData instanceof ArrayBuffer ? new Uint8Array(a.weightData) : new Uint8Array(0);
    await writeFile(join(dir, 'weights.bin'), data);
    const json = {
      modelTopology: a.modelTopology,
      format: a.format,
      generatedBy: a.generatedBy,
      convertedBy: a.convertedBy,
      weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
    };
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
}

/** The model topology TF.js writes, with every layer and model name removed (they differ by counters). */
export async function tfjsTopology(m: tfl.LayersModel): Promise<unknown> {
  let topology: unknown;
  await m.save(
    tf.io.withSaveHandler(async (a) => {
      topology = a.modelTopology;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return withoutNames(topology);
}

/** A copy of a JSON value without its `name` keys. */
export function withoutNames(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNames);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => k !== 'name')
      .map(([k, x]) => [k, withoutNames(x)]),
  );
}

/** Deterministic values in [-1, 1). */
export function seeded(shape: readonly number[], seed: number): Float32Array {
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = (s / 2147483648) * 2 - 1;
  }
  return out;
}

/** Copies a built Tensile layer's weights into a built TF.js layer, in order. */
export async function copyWeightsTo(ours: Layer, theirs: tfl.layers.Layer): Promise<void> {
  const ws = await Promise.all(ours.weights.map(async (w) => tf.tensor(await w.data(), [...w.shape])));
  theirs.setWeights(ws);
  for (const w of ws) w.dispose();
}

/**
 * Builds both layers on the same input, gives TF.js the Tensile layer's (random) weights, runs
 * both again and returns the two outputs.
 */
export async function bothOutputs(
  ours: Layer,
  theirs: tfl.layers.Layer,
  shape: readonly number[],
  seed: number,
): Promise<{ mine: Float32Array; theirs: Float32Array; mineShape: number[]; theirShape: number[] }> {
  const data = seeded(shape, seed);
  const x: Tensor = tensor(data, shape);
  const tx = tf.tensor(data, [...shape]);
  ours.apply(x).dispose();
  (theirs.apply(tx) as tf.Tensor).dispose();
  await copyWeightsTo(ours, theirs);
  const y = ours.apply(x);
  const ty = theirs.apply(tx) as tf.Tensor;
  const out = {
    mine: Float32Array.from(await y.data()),
    theirs: Float32Array.from(await ty.data()),
    mineShape: [...y.shape],
    theirShape: [...ty.shape],
  };
  for (const t of [x, y]) t.dispose();
  for (const t of [tx, ty]) t.dispose();
  return out;
}

/** `n` deterministic values in [-scale, scale) (an LCG), for weights and inputs given as flat lengths. */
export function seededValues(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = ((s / 2147483648) * 2 - 1) * scale;
  }
  return out;
}
