/**
 * The page: controls, progress, curves, the drawing pad and the model buttons. Everything that
 * touches tensors runs in the worker (worker.ts); this file only sends requests and shows answers.
 */
import { renderBackends } from './backend-picker.js';
import { Curves } from './curves.js';
import { DrawPad } from './draw-pad.js';
import { MODEL_NAMES, type FromWorker, type ModelName, type ToWorker, type TrainConfig } from './protocol.js';

const SAVED_KEY = 'tensile-mnist';

function el<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`page: #${id} is missing`);
  return e as T;
}

const ui = {
  error: el<HTMLParagraphElement>('error'),
  backends: el<HTMLFieldSetElement>('backends'),
  form: el<HTMLFormElement>('train-form'),
  model: el<HTMLSelectElement>('model'),
  epochs: el<HTMLInputElement>('epochs'),
  batchSize: el<HTMLInputElement>('batch-size'),
  lr: el<HTMLInputElement>('lr'),
  limit: el<HTMLInputElement>('limit'),
  train: el<HTMLButtonElement>('train'),
  stop: el<HTMLButtonElement>('stop'),
  progress: el<HTMLProgressElement>('progress'),
  status: el<HTMLParagraphElement>('status'),
  speed: el<HTMLParagraphElement>('speed'),
  epochsLog: el<HTMLOListElement>('epochs-log'),
  result: el<HTMLParagraphElement>('result'),
  save: el<HTMLButtonElement>('save'),
  loadSaved: el<HTMLButtonElement>('load-saved'),
  download: el<HTMLButtonElement>('download'),
  files: el<HTMLInputElement>('files'),
  modelStatus: el<HTMLParagraphElement>('model-status'),
  env: el<HTMLParagraphElement>('env'),
};

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tensile-training' });
const send = (msg: ToWorker): void => worker.postMessage(msg);
const curves = new Curves(el('loss-chart'), el('accuracy-chart'));
let predictId = 0;
const pad = new DrawPad(el('pad'), el('probs'), el('prediction'), (pixels) => {
  if (!hasModel) return false;
  send({ type: 'predict', id: ++predictId, pixels });
  return true;
});
el<HTMLButtonElement>('clear').addEventListener('click', () => pad.clear());

let hasModel = false;
let training = false;
/** Startup looks for a saved model quietly: finding none is not an error. */
let quietLoad = true;

function setState(state: 'starting' | 'idle' | 'training' | 'trained'): void {
  document.body.dataset.state = state;
  training = state === 'training';
  ui.train.disabled = state === 'starting' || training;
  ui.stop.disabled = !training;
  ui.save.disabled = !hasModel;
  ui.download.disabled = !hasModel;
  ui.loadSaved.disabled = training;
  ui.files.disabled = training;
}

function showError(text: string | null): void {
  ui.error.hidden = text === null;
  ui.error.textContent = text ?? '';
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function readConfig(): TrainConfig | null {
  if (!ui.form.reportValidity()) return null;
  const model = ui.model.value as ModelName;
  if (!MODEL_NAMES.includes(model)) return null;
  return {
    model,
    epochs: ui.epochs.valueAsNumber,
    batchSize: ui.batchSize.valueAsNumber,
    learningRate: ui.lr.valueAsNumber,
    limit: ui.limit.valueAsNumber,
    seed: 42,
  };
}

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  const config = readConfig();
  if (!config || training) return;
  showError(null);
  curves.clear();
  ui.epochsLog.replaceChildren();
  ui.result.textContent = '';
  delete ui.result.dataset.testAccuracy;
  ui.progress.value = 0;
  setState('training');
  send({ type: 'train', config });
});
ui.stop.addEventListener('click', () => {
  send({ type: 'stop' });
  ui.status.textContent = 'stopping after this step…';
});
ui.save.addEventListener('click', () => send({ type: 'save', key: SAVED_KEY }));
ui.loadSaved.addEventListener('click', () => {
  quietLoad = false;
  send({ type: 'loadSaved', key: SAVED_KEY });
});
ui.download.addEventListener('click', () => send({ type: 'export' }));
ui.files.addEventListener('change', () => {
  const files = [...(ui.files.files ?? [])];
  // TF.js' browserFiles wants the model JSON first.
  files.sort((a, b) => Number(b.name.endsWith('.json')) - Number(a.name.endsWith('.json')));
  if (files.length > 0) send({ type: 'loadFiles', files });
  ui.files.value = '';
});

function onMessage(msg: FromWorker): void {
  switch (msg.type) {
    case 'ready':
      renderBackends(ui.backends, msg.backends, (name) => send({ type: 'setBackend', name }));
      ui.env.textContent =
        `crossOriginIsolated: ${msg.crossOriginIsolated ? 'yes' : 'no'}` +
        (msg.wasmThreads === null ? '' : ` · wasm threads: ${msg.wasmThreads}`) +
        ` · ${navigator.hardwareConcurrency} logical cores`;
      ui.status.textContent = `Ready. Training runs on ${msg.backends.find((b) => b.state === 'active')?.name ?? '?'}.`;
      setState('idle');
      send({ type: 'loadSaved', key: SAVED_KEY });
      return;
    case 'backends':
      renderBackends(ui.backends, msg.backends, (name) => send({ type: 'setBackend', name }));
      return;
    case 'status':
      ui.status.textContent = msg.text;
      return;
    case 'progress': {
      const p = msg.progress;
      const at = p.epoch + p.batch / p.steps;
      ui.progress.value = at / p.epochs;
      ui.status.textContent = `epoch ${p.epoch + 1}/${p.epochs}, batch ${p.batch}/${p.steps} on ${p.backend}`;
      if (p.samplesPerSec > 0) ui.speed.textContent = `${Math.round(p.samplesPerSec).toLocaleString('en')} samples/s on ${p.backend}`;
      curves.training(at, p.loss, p.accuracy);
      return;
    }
    case 'epoch': {
      curves.epochEnd(msg.epoch + 1, msg.logs);
      const l = msg.logs;
      const li = document.createElement('li');
      li.textContent =
        `epoch ${msg.epoch + 1} (${msg.backend}): loss ${l.loss?.toFixed(4)}, accuracy ${pct(l.accuracy ?? 0)}` +
        (l.val_accuracy === undefined ? '' : `; validation loss ${l.val_loss?.toFixed(4)}, accuracy ${pct(l.val_accuracy)}`);
      li.dataset.backend = msg.backend;
      if (l.accuracy !== undefined) li.dataset.accuracy = String(l.accuracy);
      if (l.val_accuracy !== undefined) li.dataset.valAccuracy = String(l.val_accuracy);
      ui.epochsLog.append(li);
      return;
    }
    case 'trained': {
      hasModel = true;
      const speeds = Object.entries(msg.samplesPerSec)
        .map(([b, v]) => `${b} ${Math.round(v).toLocaleString('en')}`)
        .join(', ');
      ui.result.textContent =
        `${msg.stopped ? 'Stopped. ' : ''}Test accuracy ${pct(msg.testAccuracy)} (loss ${msg.testLoss.toFixed(4)}) on ` +
        `${msg.testImages.toLocaleString('en')} test images, after ${msg.seconds.toFixed(1)} s of training` +
        (speeds ? ` (samples/s: ${speeds})` : '') +
        '. Draw a digit below.';
      ui.result.dataset.testAccuracy = String(msg.testAccuracy);
      ui.result.dataset.samplesPerSec = JSON.stringify(msg.samplesPerSec);
      ui.status.textContent = 'Done.';
      ui.modelStatus.textContent = 'This model is not saved yet.';
      delete ui.modelStatus.dataset.model;
      ui.progress.value = 1;
      setState('trained');
      return;
    }
    case 'prediction':
      pad.show(msg.probs);
      return;
    case 'saved':
      ui.modelStatus.textContent = `Saved in this browser (IndexedDB, indexeddb://${msg.key}, ${(msg.bytes / 1024).toFixed(0)} KiB of weights). It will be here after a reload.`;
      ui.modelStatus.dataset.model = 'saved';
      return;
    case 'loaded':
      hasModel = true;
      quietLoad = false;
      ui.modelStatus.textContent = `Loaded '${msg.model}' (${msg.params.toLocaleString('en')} parameters) from ${msg.source}. Draw a digit to try it.`;
      ui.modelStatus.dataset.model = 'loaded';
      setState(training ? 'training' : 'trained');
      return;
    case 'exported':
      void import('@tensile/layers').then(({ io }) => io.browserDownloads(SAVED_KEY).save?.(msg.artifacts));
      ui.modelStatus.textContent = `Downloading ${SAVED_KEY}.json and ${SAVED_KEY}.weights.bin.`;
      return;
    case 'error':
      if (msg.during === 'predict') pad.failed();
      if (msg.during === 'loadSaved' && quietLoad) {
        quietLoad = false;
        ui.modelStatus.textContent = 'No model saved in this browser yet.';
        return;
      }
      if (msg.during === 'train') setState(hasModel ? 'trained' : 'idle');
      showError(`${msg.during}: ${msg.message}`);
      return;
  }
}

worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
worker.onerror = (e) => showError(`the training worker failed to start: ${e.message}`);
setState('starting');
send({ type: 'init', base: new URL('./', location.href).href });
