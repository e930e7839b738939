/** TF.js IOHandlers over files on disk (tfjs-node is not a dependency): save as TF.js writes, load back. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';

/** Loads a model.json (and its shards) written by either library. */
export function tfjsFileLoader(jsonPath: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(await readFile(jsonPath, 'utf8'));
      const buffers = await Promise.all(
        json.weightsManifest
          .flatMap((g: { paths: string[] }) => g.paths)
          .map(async (p: string) => new Uint8Array(await readFile(join(dirname(jsonPath), p)))),
      );
      const data = new Uint8Array(buffers.reduce((n: number, b: Uint8Array) => n + b.byteLength, 0));
      let at = 0;
      for (const b of buffers) {
        data.set(b, at);
        at += b.byteLength;
      }
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g: { weights: tf.io.WeightsManifestEntry[] }) => g.weights),
        weightData: data.buffer,
        format: json.format,
        generatedBy: json.generatedBy,
      };
    },
  };
}

/** Saves a TF.js model as model.json + one weights shard in `dir`, as tfjs-node's file:// does. */
export function tfjsFileSaver(dir: string): tf.io.IOHandler {
  return {
    save: async (a) => {
      await mkdir(dir, { recursive: true });
      const data = a.weightData instanceof ArrayBuffer ? new Uint8Array(a.weightData) : new Uint8Array(0);
      await writeFile(join(dir, 'weights.bin'), data);
      const manifest = [{ paths: ['weights.bin'], weights: a.weightSpecs ?? [] }];
      const json = { modelTopology: a.modelTopology, format: a.format, generatedBy: a.generatedBy, weightsManifest: manifest };
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  };
}

/** Deterministic values in [-scale, scale) (an LCG), for weights and inputs. */
export function seeded(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = ((s / 2147483648) * 2 - 1) * scale;
  }
  return out;
}
