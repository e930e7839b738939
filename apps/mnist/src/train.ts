/**
 * One training run of `npm run mnist`: data, model, compile, fit (in two parts when the backend
 * is switched mid-run), test evaluation and the confusion matrix. Printing and files are the
 * CLI's; this returns what happened.
 */
import { getBackend, memory, setBackend, type Tensor } from '@tensile/core';
import { LambdaCallback, LearningRateScheduler, type FitOptions, type Sequential } from '@tensile/layers';
import type { CliOptions } from './args.js';
import { argMaxRows, confusionMatrix, type Confusion } from './confusion.js';
import { batchesInOrder, stepsPerEpoch, tensorsOf, trainingBatches } from './batches.js';
import { loadMnistRaw, openMnist } from './data.js';
import { buildModel } from './model.js';

export interface EpochRecord {
  /** 1-based */
  epoch: number;
  backend: string;
  logs: Record<string, number>;
  /** Wall time of the epoch including validation. */
  seconds: number;
  /** Training samples per second (the time from the first to the last batch of the epoch). */
  samplesPerSec: number;
  numTensors: number;
}

export interface TrainResult {
  model: Sequential;
  trainSamples: number;
  valSamples: number;
  testSamples: number;
  epochs: EpochRecord[];
  /** Keras-style history: loss, accuracy, val_loss, val_accuracy, ... one value per epoch. */
  history: Record<string, number[]>;
  testLoss: number;
  testAccuracy: number;
  confusion: Confusion;
  trainSeconds: number;
  evalSeconds: number;
}

export interface TrainHooks {
  log(line: string): void;
}

type Fit = (fitOptions: FitOptions, seed: number) => Promise<unknown>;

/**
 * The training data and the fit call for it. 'stream' (default) keeps the images as bytes on the
 * host and uploads one batch at a time (see batches.ts); 'tensors' uploads the whole set and calls
 * Keras' fit(x, y), the simplest form, which needs about 250 MB more. Both hold out the last
 * `validationSplit` of the training set, as Keras' validationSplit does, and stream it in order in
 * batches of batchSize: the same batches fit would cut from it as one tensor, without the tensor.
 */
function trainingData(o: CliOptions, model: Sequential): { fit: Fit; n: number; nVal: number; dispose(): void } {
  // Streamed batches read their images from the file; the tensors need them all in memory.
  const raw = o.data === 'tensors' ? loadMnistRaw('train', { limit: o.limit }) : openMnist('train', { limit: o.limit });
  const nVal = Math.floor(raw.n * o.validationSplit);
  const n = raw.n - nVal;
  const owned: Tensor[] = [];
  const validationData = nVal > 0 ? batchesInOrder(raw, n, raw.n, o.batchSize) : undefined;
  const dispose = () => {
    owned.forEach((t) => t.dispose());
    if ('close' in raw) raw.close();
  };
  if ('pixels' in raw) {
    const t = tensorsOf(raw, 0, n);
    owned.push(t.x, t.y);
    return { n, nVal, dispose, fit: (f, seed) => model.fit(t.x, t.y, { ...f, batchSize: o.batchSize, validationData, seed }) };
  }
  // One endless stream for the whole run, shared by both fit calls of a backend switch, so the
  // batch order after the switch is the one an unswitched run would have seen. The wrapper has no
  // `return`, so nothing can close the stream between the two calls.
  const stream = { batchSize: o.batchSize, from: 0, to: n, seed: o.seed };
  const shared = trainingBatches(raw, stream);
  const batches = { [Symbol.asyncIterator]: () => ({ next: () => shared.next() }) };
  return {
    n,
    nVal,
    dispose,
    fit: (f) => model.fit(batches, { ...f, stepsPerEpoch: stepsPerEpoch(stream), validationData }),
  };
}

/** The predicted digit of every image of `batches` (n in all), one batch on the device at a time. */
async function predictClasses(model: Sequential, batches: AsyncIterable<{ x: Tensor; y: Tensor }>, n: number): Promise<Int32Array> {
  const predicted = new Int32Array(n);
  let at = 0;
  for await (const { x, y } of batches) {
    const probs = model.predict(x, { batchSize: x.shape[0] });
    const p = Array.isArray(probs) ? probs[0] : probs;
    try {
      const classes = argMaxRows(await p.data(), 10);
      predicted.set(classes, at);
      at += classes.length;
    } finally {
      p.dispose();
      x.dispose();
      y.dispose();
    }
  }
  return predicted;
}

function optimizerConfig(o: CliOptions): { className: string; config: Record<string, number> } {
  return { className: o.optimizer, config: { learningRate: o.lr } };
}

export async function train(o: CliOptions, hooks: TrainHooks): Promise<TrainResult> {
  const model = buildModel(o.model, { seed: o.seed, norm: o.norm });
  model.compile({ optimizer: optimizerConfig(o), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], jitCompile: !o.eager });
  model.summary();
  const data = trainingData(o, model);
  const trainSamples = data.n;
  const valSamples = data.nVal;
  hooks.log(
    `data: ${trainSamples} training + ${valSamples} validation images (the last ${o.validationSplit * 100}% of the training set); ` +
      `raw 28x28x1 pixels 0..255 (the model pads to 32x32 and applies '${o.norm}' normalisation), ${o.data === 'tensors' ? 'whole set uploaded as tensors' : 'batches streamed from the host'}`,
  );

  const epochs: EpochRecord[] = [];
  let epochStart = 0;
  let lastBatchEnd = 0;
  const timing = new LambdaCallback({
    batchLogs: false,
    onEpochBegin: () => {
      epochStart = performance.now();
      lastBatchEnd = epochStart;
    },
    onBatchEnd: () => {
      lastBatchEnd = performance.now();
    },
    onEpochEnd: (epoch, logs) => {
      const now = performance.now();
      epochs.push({
        epoch: epoch + 1,
        backend: getBackend(),
        logs: { ...(logs ?? {}) },
        seconds: (now - epochStart) / 1000,
        samplesPerSec: trainSamples / Math.max(1e-9, (lastBatchEnd - epochStart) / 1000),
        numTensors: memory().numTensors,
      });
    },
  });
  // Epoch e (from 0) trains at lr * lrDecay^e, also across a backend switch (epochs keep counting).
  const schedule = new LearningRateScheduler((epoch) => o.lr * o.lrDecay ** epoch);
  const fitOptions = { callbacks: o.lrDecay === 1 ? [timing] : [schedule, timing], verbose: 1 as const };

  const t0 = performance.now();
  // setBackend is async (it moves every weight and optimizer slot), so the switch happens between
  // two fit calls; the second resumes at `initialEpoch`. Streamed batches continue in order; with
  // --data tensors fit reshuffles from its seed, so the seed is offset there, or the second call
  // would replay the first call's batch order.
  const switchAt = o.switchBackendAt;
  try {
    if (switchAt) {
      await data.fit({ ...fitOptions, epochs: switchAt.epoch }, o.seed);
      const from = getBackend();
      await setBackend(switchAt.backend);
      hooks.log(`switched backend after epoch ${switchAt.epoch}: ${from} -> ${getBackend()} (weights and optimizer state moved)`);
      await data.fit({ ...fitOptions, epochs: o.epochs, initialEpoch: switchAt.epoch }, o.seed + switchAt.epoch);
    } else {
      await data.fit({ ...fitOptions, epochs: o.epochs }, o.seed);
    }
  } finally {
    // The training file is closed and the tensors freed also when fit throws.
    data.dispose();
  }
  const trainSeconds = (performance.now() - t0) / 1000;

  const t1 = performance.now();
  // The test set is read from its file too; evaluate and the predictions read it batch by batch,
  // at the training batch size: the wasm heap never shrinks, and larger batches would grow it for
  // the sake of the test alone (500 images added 26 MB there for conv's im2col buffers).
  const testFile = openMnist('test', { limit: o.limit });
  const test = { batches: batchesInOrder(testFile, 0, testFile.n, o.batchSize), n: testFile.n };
  let result: Awaited<ReturnType<Sequential['evaluate']>>;
  let predicted: Int32Array;
  try {
    result = await model.evaluate(test.batches, { returnDict: true });
    predicted = await predictClasses(model, test.batches, test.n);
  } finally {
    testFile.close();
  }
  const dict = typeof result === 'number' || Array.isArray(result) ? { loss: Number(result) } : result;
  const confusion = confusionMatrix(testFile.labels, predicted);
  const evalSeconds = (performance.now() - t1) / 1000;

  const history: Record<string, number[]> = {};
  for (const e of epochs) for (const [k, v] of Object.entries(e.logs)) (history[k] ??= []).push(v);
  return {
    model,
    trainSamples,
    valSamples,
    testSamples: test.n,
    epochs,
    history,
    testLoss: dict.loss ?? Number.NaN,
    // The confusion matrix and evaluate agree; the matrix is the exact count.
    testAccuracy: confusion.correct / confusion.total,
    confusion,
    trainSeconds,
    evalSeconds,
  };
}
