/**
 * Issue 10 A, "a saved model must stand on its own": the model `npm run mnist` writes is loaded
 * into TensorFlow.js 4.22 itself (tfjs-layers on tfjs-backend-cpu) and fed the 10,000 test images
 * the usual way, raw pixels 0..255 of shape [n, 28, 28, 1], with no knowledge of how it was
 * trained. One real run of the CLI (the default recipe, 2 epochs on the full training set on the
 * default backend) is trained once and shared by the tests here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnistRaw } from '../src/data.js';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(app, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'mnist-saved-'));
const out = join(tmp, 'run');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface ModelJson {
  modelTopology: { config: { layers: Array<{ class_name: string; config: Record<string, unknown> }> } };
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
}

let appAccuracy = 0;
beforeAll(() => {
  const env = { ...process.env };
  delete env.INIT_CWD;
  const r = spawnSync(process.execPath, [cli, '--out', out], { cwd: tmp, encoding: 'utf8', timeout: 280_000, env });
  if (r.status !== 0) throw new Error(`npm run mnist failed (${r.status}): ${r.stderr}`);
  appAccuracy = (JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as { test: { accuracy: number } }).test.accuracy;
}, 300_000);

/** A TF.js load handler for a model.json on disk (tfjs-node, whose file:// would do this, does not install here). */
function tfjsFileHandler(jsonPath: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as ModelJson;
      const chunks = json.weightsManifest.flatMap((g) => g.paths).map((p) => readFileSync(join(dirname(jsonPath), p)));
      const data = Buffer.concat(chunks);
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
      };
    },
  };
}

describe('the model npm run mnist saves', () => {
  it('says in model.json that it takes 28x28x1 pixels and pads and rescales them itself', () => {
    const json = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as ModelJson;
    const [pad, rescale, c1] = json.modelTopology.config.layers;
    expect(pad.class_name).toBe('ZeroPadding2D');
    expect(pad.config.batch_input_shape).toEqual([null, 28, 28, 1]);
    expect(pad.config.padding).toEqual([
      [2, 2],
      [2, 2],
    ]);
    expect(rescale.class_name).toBe('Rescaling');
    expect(rescale.config.scale).toBeCloseTo(1 / (255 * 0.3081), 12);
    expect(rescale.config.offset).toBeCloseTo(-0.1307 / 0.3081, 12);
    expect(c1.class_name).toBe('Conv2D');
  });

  it('loads in TensorFlow.js 4.22 and scores >= 98% on the raw test images (0..255, [n, 28, 28, 1])', async () => {
    await tf.setBackend('cpu');
    const model = await tfl.loadLayersModel(tfjsFileHandler(join(out, 'model.json')));
    expect(model.countParams()).toBe(61_706);
    expect(model.inputs[0].shape).toEqual([null, 28, 28, 1]);
    const test = loadMnistRaw('test');
    expect(test.n).toBe(10_000);
    let correct = 0;
    const chunk = 1000;
    for (let start = 0; start < test.n; start += chunk) {
      const n = Math.min(chunk, test.n - start);
      const predicted = tf.tidy(() => {
        // The bytes of the IDX file as floats, nothing else: what a canvas or a file gives.
        const x = tf.tensor4d(Float32Array.from(test.pixels.subarray(start * 784, (start + n) * 784)), [n, 28, 28, 1]);
        const y = model.predict(x);
        return tf.argMax(Array.isArray(y) ? y[0] : y, -1);
      });
      const labels = await predicted.data();
      predicted.dispose();
      for (let i = 0; i < n; i++) if (labels[i] === test.labels[start + i]) correct++;
    }
    const accuracy = correct / test.n;
    console.log(
      `TF.js 4.22 (cpu) accuracy of the saved model on the raw test set: ${(accuracy * 100).toFixed(2)}% (the app measured ${(appAccuracy * 100).toFixed(2)}%)`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.98);
    // The same model computes the same predictions in TF.js, up to float rounding on a few images.
    expect(Math.abs(accuracy - appAccuracy)).toBeLessThanOrEqual(0.001);
    model.dispose();
  });
});
