/**
 * The training worker: owns the backends, the data, the model and every tensor, so the page
 * stays responsive however long a step takes (a GPU pipeline compiling, a big batch on cpu). It
 * answers the page's messages (protocol.ts) and streams progress back.
 */
import '@tensile/backend-cpu';
import { createWasmBackend, type WasmBackend } from '@tensile/backend-wasm';
import { createWebGpuBackend, type WebGpuBackend } from '@tensile/backend-webgpu';
import { getBackend, listBackends, ready, registerBackend, removeBackend, setBackend } from '@tensile/core';
import { io, loadModel, type Model } from '@tensile/layers';
import { evaluateTest, startTraining, type TrainingRun } from './training.js';
import { MnistAssets } from './mnist-assets.js';
import { predictDigit } from './predict.js';
import type { BackendInfo, FromWorker, ToWorker } from './protocol.js';

/** What this file uses of the worker's global scope (the page's tsconfig has DOM types, not WebWorker's). */
interface WorkerScope {
  postMessage(msg: FromWorker, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  readonly crossOriginIsolated: boolean;
  readonly location: { readonly href: string };
}
const scope = self as unknown as WorkerScope;

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// Registered again as the packages register themselves, keeping the instances to say which
// build and adapter run. Vite finds the .wasm builds through the package's own
// `new URL(..., import.meta.url)` and ships them with the page.
let wasm: WasmBackend | null = null;
let webgpu: WebGpuBackend | null = null;
removeBackend('wasm');
registerBackend('wasm', () => (wasm = createWasmBackend()), 2);
removeBackend('webgpu');
// As the package registers it: a software adapter (SwiftShader here) only when picked by name.
registerBackend('webgpu', ({ explicit }) => (webgpu = createWebGpuBackend({ allowSoftware: explicit })), 3);

// MNIST is at data/ beside the page, wherever it is served from (the page sends its URL in 'init').
// WebGL2 through gpu.js (for browsers without WebGPU) is loaded only when picked: gpu.js would
// double what the page downloads first. Same name and priority as the package registers.
const LAZY = new Set(['webgl']);
registerBackend('webgl', async () => (await import('@tensile/backend-webgl')).createWebGlBackend(), 1.5);

let assets = new MnistAssets(new URL('data/', scope.location.href));
let model: Model | null = null;
let run: TrainingRun | null = null;

function describe(name: string): string | undefined {
  if (name === 'wasm' && wasm) return `${wasm.info.threads} thread${wasm.info.threads === 1 ? '' : 's'}, ${wasm.info.build}`;
  if (name === 'webgpu' && webgpu) return `${webgpu.adapterName || 'adapter'}${webgpu.isSoftware ? ' (software)' : ''}`;
  return undefined;
}

function backends(): BackendInfo[] {
  return listBackends().map((b) => ({
    name: b.name,
    state: b.active ? 'active' : b.ready ? 'ready' : LAZY.has(b.name) && b.error === undefined ? 'idle' : 'unavailable',
    ...(b.ready ? { detail: describe(b.name) } : b.error === undefined ? {} : { reason: b.error }),
  }));
}

/** Starts every registered backend once, so the picker can say which work here and why not. */
async function init(pageBase: string): Promise<void> {
  assets = new MnistAssets(new URL('data/', pageBase));
  await ready();
  const best = getBackend();
  for (const b of listBackends()) {
    if (b.ready || b.name === best || LAZY.has(b.name)) continue;
    await setBackend(b.name).catch(() => undefined);
  }
  await setBackend(best);
  post({ type: 'ready', backends: backends(), crossOriginIsolated: scope.crossOriginIsolated, wasmThreads: wasm?.info.threads ?? null });
}

async function switchBackend(name: string): Promise<void> {
  if (run) {
    // The run switches between two steps, so no step is split across backends.
    run.switchTo(name);
    return;
  }
  post({ type: 'status', text: `switching to ${name}…` });
  await setBackend(name);
  post({ type: 'backends', backends: backends() });
  post({ type: 'status', text: `backend: ${name}` });
}

const SAVED_PREFIX = 'indexeddb://';

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init':
      return init(msg.base);
    case 'setBackend':
      return switchBackend(msg.name);
    case 'train': {
      if (run) throw new Error('a training run is already going; stop it first');
      model?.dispose();
      model = null;
      run = startTraining(msg.config, assets, post, () => post({ type: 'backends', backends: backends() }));
      try {
        const result = await run.done;
        model = result.model;
        const test = await evaluateTest(model, assets, msg.config.limit, (text) => post({ type: 'status', text }));
        post({ type: 'trained', stopped: result.stopped, seconds: result.seconds, samplesPerSec: result.samplesPerSec, ...test });
      } finally {
        run = null;
      }
      return;
    }
    case 'stop':
      run?.stop();
      return;
    case 'predict': {
      const m = run?.model ?? model;
      if (!m) throw new Error('there is no model yet: train one or load one first');
      const probs = await predictDigit(m, msg.pixels);
      post({ type: 'prediction', id: msg.id, probs }, [probs.buffer]);
      return;
    }
    case 'save': {
      const m = run?.model ?? model;
      if (!m) throw new Error('there is no model to save yet: train one first');
      const result = await m.save(SAVED_PREFIX + msg.key);
      post({ type: 'saved', key: msg.key, bytes: result.modelArtifactsInfo.weightDataBytes ?? 0 });
      return;
    }
    case 'loadSaved':
      return adopt(await loadModel(SAVED_PREFIX + msg.key), 'this browser (IndexedDB)');
    case 'loadFiles':
      return adopt(await loadModel(io.browserFiles([...msg.files])), msg.files.map((f) => f.name).join(', '));
    case 'export': {
      const m = run?.model ?? model;
      if (!m) throw new Error('there is no model to download yet: train one first');
      await m.save(
        io.withSaveHandler((artifacts) => {
          post({ type: 'exported', artifacts });
          return undefined;
        }),
      );
      return;
    }
  }
}

/** Takes a loaded model if it fits the page: 28x28x1 pixels in, 10 class probabilities out. */
function adopt(loaded: Model, source: string): void {
  const inShape = loaded.inputShapes[0];
  const outShape = loaded.outputShapes[0];
  const fits = loaded.inputShapes.length === 1 && inShape.slice(1).join(',') === '28,28,1' && outShape.slice(1).join(',') === '10';
  if (!fits) {
    loaded.dispose();
    throw new Error(
      `the model from ${source} takes [${inShape.join(', ')}] and gives [${outShape.join(', ')}]; this page needs [null, 28, 28, 1] pixels 0..255 in and [null, 10] class probabilities out`,
    );
  }
  if (run) {
    loaded.dispose();
    throw new Error('stop the training run before loading another model');
  }
  model?.dispose();
  model = loaded;
  post({ type: 'loaded', source, model: loaded.name, params: loaded.countParams() });
}

scope.onmessage = (e) => {
  const msg = e.data;
  handle(msg).catch((err: unknown) => post({ type: 'error', during: msg.type, message: message(err) }));
};
