/**
 * The browser section of `npm run bench`, as one page in headless Chromium: LeNet-5 training
 * steps at batch 128 on Tensile webgl and on TF.js 4.22 webgl, one after the other in the same
 * page (same GPU context kind, same SwiftShader or GPU), on the same 1,024 MNIST images. The
 * results go back to src/bench-browser.ts through reportInfo.
 */
import { reportInfo, runCases } from '@tensile/browser-testing/page';
import { measureSteps, shortError, type BenchResult, type MeasureOptions } from '../../src/bench-measure.js';
import { tfjsLenet5 } from '../../src/bench-tfjs-model.js';
import { lenet5 } from '../../src/model.js';
import { MnistAssets } from '../../web/src/mnist-assets.js';

const q = new URLSearchParams(location.search);
const o: MeasureOptions = {
  batchSize: 128,
  maxSteps: Number(q.get('steps') ?? 200),
  seconds: Number(q.get('seconds') ?? 10),
  warmupSteps: 3,
  warmupSeconds: 2,
  minSteps: 2,
  slowStepMs: 3000,
};
const NB = 8;
const data = await new MnistAssets(new URL('/data/', location.href)).load('train', o.batchSize * NB);
const pixels = Float32Array.from(data.pixels);
const labels = Int32Array.from(data.labels);
const slice = (b: number) => ({
  x: pixels.subarray(b * o.batchSize * 784, (b + 1) * o.batchSize * 784),
  y: labels.subarray(b * o.batchSize, (b + 1) * o.batchSize),
});

async function tensile(): Promise<BenchResult> {
  const id = 'chromium-tensile-webgl';
  const core = await import('@tensile/core');
  try {
    await import('@tensile/backend-webgl');
    await core.setBackend('webgl');
  } catch (e) {
    return { id, status: 'unavailable', error: shortError(e) };
  }
  const model = lenet5({ seed: 1 });
  model.compile({ optimizer: { className: 'Adam', config: { learningRate: 1e-3 } }, loss: 'categoricalCrossentropy' });
  const batches = Array.from({ length: NB }, (_, b) => ({
    x: core.tensor4d(slice(b).x, [o.batchSize, 28, 28, 1]),
    y: core.tidy(() => core.oneHot(core.tensor1d(slice(b).y, 'int32'), 10, 1, 0, 'float32')),
  }));
  try {
    const m = await measureSteps(async (i) => void (await model.trainOnBatch(batches[i % NB].x, batches[i % NB].y)), o);
    return {
      id,
      status: 'ok',
      ...m,
      batchSize: o.batchSize,
      detail: `backend '${core.getBackend()}' in ${navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0]}`,
    };
  } catch (e) {
    return { id, status: 'cannot-train', error: shortError(e) };
  } finally {
    for (const b of batches) core.dispose([b.x, b.y]);
    model.dispose();
  }
}

async function tfjs(): Promise<BenchResult> {
  const id = 'chromium-tfjs-webgl';
  const tf = await import('@tensorflow/tfjs-core');
  const tfl = await import('@tensorflow/tfjs-layers');
  try {
    await import('@tensorflow/tfjs-backend-webgl');
    if (!(await tf.setBackend('webgl'))) throw new Error("tf.setBackend('webgl') returned false");
    await tf.ready();
  } catch (e) {
    return { id, status: 'unavailable', error: shortError(e) };
  }
  tf.env().set('PROD', true);
  const model = tfjsLenet5(tfl);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const batches = Array.from({ length: NB }, (_, b) => ({
    x: tf.tensor4d(slice(b).x, [o.batchSize, 28, 28, 1]),
    y: tf.oneHot(tf.tensor1d(slice(b).y, 'int32'), 10),
  }));
  try {
    const m = await measureSteps(async (i) => void (await model.trainOnBatch(batches[i % NB].x, batches[i % NB].y)), o);
    return { id, status: 'ok', ...m, batchSize: o.batchSize, detail: `tfjs ${tf.version_core}, backend '${tf.getBackend()}'` };
  } catch (e) {
    return { id, status: 'cannot-train', error: shortError(e) };
  }
}

const results = [await tensile(), await tfjs()];
await reportInfo({ results });
await runCases(() => []);
