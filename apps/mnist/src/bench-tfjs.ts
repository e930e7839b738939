/**
 * The TensorFlow.js 4.22.0 peer of the benchmark: the same LeNet-5 in tfjs-layers (with the same
 * zero padding and rescaling layers in front, fed the same raw pixels), trained with
 * `trainOnBatch` (forward, loss, backward, Adam) at batch 128 on the cpu, wasm or webgpu backend.
 * Runs in its own child process (see bench-worker.ts), so each backend starts from a clean slate.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadMnist, PIXELS, SIDE } from './data.js';
import { tfjsLenet5 } from './bench-tfjs-model.js';
import { measureSteps, shortError, type BenchResult, type MeasureOptions } from './bench-measure.js';

export const TFJS_BACKENDS = ['cpu', 'wasm', 'webgpu'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];

const PACKAGES: Record<TfjsBackend, string> = {
  cpu: '@tensorflow/tfjs-backend-cpu',
  wasm: '@tensorflow/tfjs-backend-wasm',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
};

/** TF.js's webgpu backend looks for `navigator.gpu`; in Node, Dawn (the `webgpu` package) provides it. */
async function installNodeWebGpu(): Promise<string> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create([]);
  // Node 20 has no `navigator`; where a later Node has one, add `gpu` beside what is there.
  const nav: Record<string, unknown> = typeof navigator === 'undefined' ? {} : { ...navigator };
  Object.defineProperty(globalThis, 'navigator', { value: { ...nav, gpu }, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('webgpu: requestAdapter() returned null (no Vulkan driver? see docs/toolchain.md)');
  const info = adapter.info;
  return `Dawn adapter ${info.vendor || '?'} / ${info.architecture || info.description || '?'}${adapter.isFallbackAdapter ? ' (fallback)' : ''}`;
}

export async function benchTfjs(backend: TfjsBackend, o: MeasureOptions): Promise<BenchResult> {
  const id = `tfjs-${backend}`;
  let detail = '';
  const tf = await import('@tensorflow/tfjs-core');
  const tfl = await import('@tensorflow/tfjs-layers');
  try {
    if (backend === 'webgpu') detail = await installNodeWebGpu();
    const mod = await import(PACKAGES[backend]);
    if (backend === 'wasm' && typeof mod.setWasmPaths === 'function') {
      // In Node the wasm files are found next to the package's main module; say so explicitly.
      const dir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
      mod.setWasmPaths(`${pathToFileURL(dir).pathname}/`);
    }
    if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') returned false`);
    await tf.ready();
  } catch (e) {
    return { id, status: 'unavailable', error: shortError(e), detail };
  }
  tf.env().set('PROD', true);

  const model = tfjsLenet5(tfl);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });

  const data = loadMnist('train', { limit: o.batchSize * 8 });
  const batches = Array.from({ length: 8 }, (_, b) => {
    const x = tf.tensor4d(data.images.subarray(b * o.batchSize * PIXELS, (b + 1) * o.batchSize * PIXELS), [o.batchSize, SIDE, SIDE, 1]);
    const y = tf.oneHot(tf.tensor1d(data.labels.subarray(b * o.batchSize, (b + 1) * o.batchSize), 'int32'), 10);
    return { x, y };
  });
  const step = async (i: number): Promise<void> => {
    const { x, y } = batches[i % batches.length];
    // trainOnBatch resolves once the loss has been read back, i.e. after the step has run.
    await model.trainOnBatch(x, y);
  };
  try {
    const m = await measureSteps(step, o);
    return { id, status: 'ok', ...m, batchSize: o.batchSize, detail: detail || `tfjs ${tf.version_core}` };
  } catch (e) {
    const error = shortError(e);
    // A backend without the gradient kernels (TF.js wasm has no Conv2DBackpropFilter) can still run
    // the model forward: measure inference so the table says what it *can* do.
    const inference = await measureInference(tf, model, batches[0].x, o).catch(() => undefined);
    return {
      id,
      status: 'cannot-train',
      error,
      detail: inference === undefined ? detail : `${detail ? `${detail}; ` : ''}inference only: ${Math.round(inference)} samples/s`,
    };
  }
}

async function measureInference(
  tf: typeof import('@tensorflow/tfjs-core'),
  model: import('@tensorflow/tfjs-layers').Sequential,
  x: import('@tensorflow/tfjs-core').Tensor,
  o: MeasureOptions,
): Promise<number> {
  const m = await measureSteps(
    async () => {
      const y = model.predict(x);
      const t = Array.isArray(y) ? y[0] : y;
      await t.data();
      tf.dispose(y);
    },
    { ...o, seconds: Math.min(o.seconds, 3) },
  );
  return m.samplesPerSec;
}
