/**
 * Keras' fit, written once against `TrainableModel`. Batches are cut on the device; each step runs
 * in one tidy; loss and metric sums stay on the device and are read back only when something
 * reports: at epoch end, and for batches where a callback asks (`wantsBatchLogs`). The loop yields
 * to the event loop every few batches so progress output and UIs stay alive.
 */
import { Tensor, TensileError, dispose } from '@tensile/core';
import { CallbackList, type Logs, type TrainingParams } from '../callbacks/callback.js';
import { toCallbacks, type CallbackSpec } from '../callbacks/callback-hooks.js';
import { History } from '../callbacks/history.js';
import { ProgressBar } from '../callbacks/progress-bar.js';
import { logNames, requireCompiled, resolveMetrics, type CompiledModel } from './compile.js';
import {
  checkBatchSize,
  isAsyncIterable,
  nextTick,
  numSamples,
  seededRandom,
  sliceRows,
  splitAt,
  toList,
  type Batch,
  type TensorData,
} from './data.js';
import { lockForFit, unlockAfterFit } from './fit-lock.js';
import { LogAccumulator } from './logs.js';
import { checkSparseLabels } from './sparse-labels.js';
import { IterableSource, evaluateSource, runStep, tensorBatches, type BatchSource } from './sources.js';
import { type ClassWeight, type ClassWeightTable, classWeightTable } from './sample-weights.js';
import { checkUniqueNames, trainStep, type StepContext } from './step.js';
import type { TrainableModel } from './trainable.js';

export interface FitOptions {
  /** Index of the last epoch + 1 (with initialEpoch, the epochs run are initialEpoch..epochs-1). Default 1. */
  epochs?: number;
  /** Default 32. Ignored for async iterables, whose batches are already cut. */
  batchSize?: number;
  /** Fraction of the samples, taken from the end before shuffling, kept for validation. */
  validationSplit?: number;
  /** `[x, y]` or an async iterable of `{x, y}` batches; takes precedence over validationSplit. */
  validationData?: readonly [TensorData, TensorData] | AsyncIterable<Batch>;
  /** Default: batchSize. */
  validationBatchSize?: number;
  /** Validate every N epochs. Default 1. */
  validationFreq?: number;
  /** Reshuffle the training samples every epoch. Default true. */
  shuffle?: boolean;
  /** Epoch to start from (to resume a run). Default 0. */
  initialEpoch?: number;
  /**
   * Callbacks, as Keras (a list of Callback objects) or TensorFlow.js (also a plain object of hooks
   * `{onEpochEnd: (epoch, logs) => ...}`, or a list mixing both).
   */
  callbacks?: CallbackSpec;
  /** 0 silent, 1 progress bar (plain lines when not a TTY), 2 one line per epoch. Default 1. */
  verbose?: 0 | 1 | 2;
  /** Seed of the shuffles; the same seed gives the same batches. Default: random. */
  seed?: number;
  /**
   * When to let the event loop run: 'auto' (every ~16 ms of training), 'batch', 'epoch', 'never',
   * or every N batches. Default 'auto'.
   */
  yieldEvery?: 'auto' | 'batch' | 'epoch' | 'never' | number;
  /** Iterables: batches per epoch, drawn from one iterator that continues across epochs. */
  stepsPerEpoch?: number;
  /** Iterables: fit disposes the batch tensors it receives after using them. Default true. */
  disposeBatches?: boolean;
  /**
   * Keras' sample_weight (tensor inputs): one weight per sample ([n], or [n, ...] matching the
   * per-sample loss), for every output, or a list / record by output name. Each multiplies its
   * sample's loss; validationSplit splits the weights with the samples.
   */
  sampleWeight?: TensorData | readonly (Tensor | null)[];
  /**
   * Keras' and TensorFlow.js' class_weight: {classIndex: weight}; each training sample's loss is
   * multiplied by the weight of its class (argMax of one-hot targets, or the sparse label).
   * Single-output models; not applied to validation (as Keras).
   */
  classWeight?: ClassWeight;
}

/** Keras' `model.fit(x, y, options)`, or `fit(model, asyncIterableOfBatches, options)`. */
export function fit(model: TrainableModel, x: TensorData, y: TensorData, options?: FitOptions): Promise<History>;
export function fit(model: TrainableModel, data: AsyncIterable<Batch>, options?: FitOptions): Promise<History>;
export async function fit(
  model: TrainableModel,
  x: TensorData | AsyncIterable<Batch>,
  yOrOptions?: TensorData | FitOptions,
  maybeOptions?: FitOptions,
): Promise<History> {
  lockForFit(model);
  try {
    return await fitUnlocked(model, x, yOrOptions, maybeOptions);
  } finally {
    unlockAfterFit(model);
  }
}

async function fitUnlocked(
  model: TrainableModel,
  x: TensorData | AsyncIterable<Batch>,
  yOrOptions?: TensorData | FitOptions,
  maybeOptions?: FitOptions,
): Promise<History> {
  const api = 'fit';
  const compiled = requireCompiled(model, api);
  checkUniqueNames(model);
  const iterable = isAsyncIterable(x);
  const options: FitOptions = (iterable ? (yOrOptions as FitOptions | undefined) : maybeOptions) ?? {};
  const epochs = options.epochs ?? 1;
  const initialEpoch = options.initialEpoch ?? 0;
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new TensileError(`${api}: epochs must be a non-negative integer, got ${String(options.epochs)}`);
  if (!Number.isInteger(initialEpoch) || initialEpoch < 0)
    throw new TensileError(`${api}: initialEpoch must be a non-negative integer, got ${String(options.initialEpoch)}`);
  const batchSize = checkBatchSize(api, options.batchSize ?? 32);
  const verbose = options.verbose ?? 1;
  const random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const userCallbacks = toCallbacks(api, options.callbacks);
  const owned: Tensor[] = [];
  let classWeight: ClassWeightTable | null = null;
  try {
    if (options.classWeight !== undefined && options.classWeight !== null) {
      if (options.sampleWeight !== undefined)
        throw new TensileError(`${api}: pass classWeight or sampleWeight, not both (as Keras); fold the class weights into sampleWeight`);
      if (model.outputNames.length !== 1)
        throw new TensileError(
          `${api}: classWeight needs a single-output model (as Keras); model '${model.name}' has ${model.outputNames.length} outputs: pass sampleWeight per output instead`,
        );
      classWeight = classWeightTable(api, options.classWeight);
      owned.push(classWeight.table);
    }
    let train: BatchSource;
    let validation: BatchSource | null = null;
    let yShapes: number[][];
    let samples: number | null = null;
    const valBatch = checkBatchSize(api, options.validationBatchSize ?? batchSize);
    if (iterable) {
      if (options.validationSplit !== undefined) {
        throw new TensileError(`${api}: validationSplit needs tensors; with an async iterable pass validationData instead`);
      }
      if (options.sampleWeight !== undefined)
        throw new TensileError(
          `${api}: sampleWeight needs tensor inputs; with an async iterable weigh the samples in the loss, or use classWeight`,
        );
      const source = new IterableSource(api, model, x, options.stepsPerEpoch, options.disposeBatches ?? true);
      const first = await source.peekTargets();
      // A dataset's labels arrive batch by batch; the first batch is checked, not every one.
      await checkSparseLabels(api, model, compiled, first, "the first batch's y");
      yShapes = first.map((t) => [...t.shape]);
      train = source;
    } else {
      if (yOrOptions === undefined) throw new TensileError(`${api}: targets y are required with tensor inputs`);
      let xs = toList(api, 'x', x, model.inputNames);
      let ys = toList(api, 'y', yOrOptions as TensorData, model.outputNames);
      let ws = options.sampleWeight === undefined ? [] : sampleWeightList(api, options.sampleWeight, model.outputNames);
      const n = numSamples(api, [...xs, ...ys, ...present(ws)]);
      if (n === 0) throw new TensileError(`${api}: x and y hold no samples`);
      await checkSparseLabels(api, model, compiled, ys, 'y');
      yShapes = ys.map((t) => [...t.shape]);
      if (options.validationSplit !== undefined && options.validationData === undefined) {
        const at = splitAt(api, n, options.validationSplit);
        const vx = sliceRows(xs, at, n - at);
        const vy = sliceRows(ys, at, n - at);
        const vw = ws.map((w) => (w ? sliceRows([w], at, n - at)[0] : null));
        xs = sliceRows(xs, 0, at);
        ys = sliceRows(ys, 0, at);
        ws = ws.map((w) => (w ? sliceRows([w], 0, at)[0] : null));
        owned.push(...vx, ...vy, ...xs, ...ys, ...present(vw), ...present(ws));
        validation = tensorBatches(vx, vy, valBatch, false, random, vw);
      }
      samples = xs[0].shape[0];
      train = tensorBatches(xs, ys, batchSize, options.shuffle ?? true, random, ws);
    }
    if (options.validationData !== undefined)
      validation = await validationSource(api, model, compiled, options.validationData, valBatch, random);
    const metrics = resolveMetrics(model, compiled, yShapes);
    const names = logNames(model, compiled, metrics);
    const ctx: StepContext = { model, compiled, metrics, classWeight };
    const history = new History();
    const callbacks = new CallbackList([
      ...(verbose > 0 ? [new ProgressBar({ verbose: verbose === 2 ? 2 : 1 })] : []),
      ...userCallbacks,
      history,
    ]);
    const params: TrainingParams = {
      epochs,
      steps: train.steps,
      samples,
      batchSize: iterable ? null : batchSize,
      verbose,
      doValidation: validation !== null,
      metrics: [...names, ...(validation ? names.map((n) => `val_${n}`) : [])],
    };
    callbacks.setContext(model, compiled.optimizer, params);
    await runEpochs({
      ctx,
      names,
      train,
      validation,
      callbacks,
      params,
      initialEpoch,
      yieldEvery: options.yieldEvery ?? 'auto',
      validationFreq: options.validationFreq ?? 1,
    });
    return history;
  } finally {
    dispose(owned);
  }
}

interface LoopConfig {
  ctx: StepContext;
  names: readonly string[];
  train: BatchSource;
  validation: BatchSource | null;
  callbacks: CallbackList;
  params: TrainingParams;
  initialEpoch: number;
  yieldEvery: NonNullable<FitOptions['yieldEvery']>;
  validationFreq: number;
}

async function runEpochs(cfg: LoopConfig): Promise<void> {
  const { ctx, callbacks, params, train } = cfg;
  const model = ctx.model;
  model.stopTraining = false;
  await callbacks.onTrainBegin();
  const shouldYield = yieldPolicy(cfg.yieldEvery);
  let lastLogs: Logs = {};
  for (let epoch = cfg.initialEpoch; epoch < params.epochs && !model.stopTraining; epoch++) {
    await callbacks.onEpochBegin(epoch);
    const acc = new LogAccumulator(cfg.names);
    let step = 0;
    try {
      for await (const batch of train.batches()) {
        await callbacks.onBatchBegin(step, { batch: step, size: batch.size });
        const r = runStep(trainStep, ctx, batch);
        acc.add(r.stats, r.counts);
        const logs: Logs = { batch: step, size: batch.size };
        if (callbacks.wantsBatchLogs(step)) Object.assign(logs, await acc.read());
        await callbacks.onBatchEnd(step, logs);
        step++;
        if (model.stopTraining) break;
        if (shouldYield(step)) await nextTick();
      }
      lastLogs = await acc.read();
    } finally {
      acc.dispose();
    }
    if (step === 0) {
      // Only a shared iterator (stepsPerEpoch) that ran out at an epoch boundary gets here.
      console.warn(`fit: the data ran out after epoch ${epoch}; stopping. Provide at least stepsPerEpoch * epochs batches.`);
      break;
    }
    if (params.steps === null) params.steps = step;
    if (cfg.validation && (epoch + 1 - cfg.initialEpoch) % cfg.validationFreq === 0) {
      Object.assign(lastLogs, await evaluateSource(ctx, cfg.names, cfg.validation, 'val_'));
    }
    await callbacks.onEpochEnd(epoch, lastLogs);
    if (train.exhausted) {
      console.warn('fit: the data ran out in the middle of an epoch; stopping. Provide at least stepsPerEpoch * epochs batches.');
      model.stopTraining = true;
    }
    if (cfg.yieldEvery !== 'never') await nextTick();
  }
  await callbacks.onTrainEnd(lastLogs);
}

async function validationSource(
  api: string,
  model: TrainableModel,
  compiled: CompiledModel,
  data: NonNullable<FitOptions['validationData']>,
  batchSize: number,
  random: () => number,
): Promise<BatchSource> {
  if (isAsyncIterable(data)) {
    const source = new IterableSource(api, model, data, undefined, true);
    await checkSparseLabels(api, model, compiled, await source.peekTargets(), "validationData's first batch's y");
    return source;
  }
  if (!Array.isArray(data) || data.length !== 2)
    throw new TensileError(`${api}: validationData must be [x, y] or an async iterable of {x, y} batches`);
  const vx = toList(api, 'x', data[0], model.inputNames);
  const vy = toList(api, 'y', data[1], model.outputNames);
  numSamples(api, [...vx, ...vy]);
  await checkSparseLabels(api, model, compiled, vy, 'validationData y');
  return tensorBatches(vx, vy, batchSize, false, random);
}

function yieldPolicy(every: NonNullable<FitOptions['yieldEvery']>): (step: number) => boolean {
  if (every === 'batch') return () => true;
  if (every === 'epoch' || every === 'never') return () => false;
  if (typeof every === 'number') {
    if (!Number.isInteger(every) || every < 1)
      throw new TensileError(`fit: yieldEvery must be a positive integer, 'auto', 'batch', 'epoch' or 'never', got ${every}`);
    return (step) => step % every === 0;
  }
  let last = Date.now();
  return () => {
    const t = Date.now();
    if (t - last < 16) return false;
    last = t;
    return true;
  };
}

/** `sampleWeight` as one entry per output (null where an output has none). */
function sampleWeightList(api: string, sw: NonNullable<FitOptions['sampleWeight']>, outputs: readonly string[]): (Tensor | null)[] {
  if (sw instanceof Tensor) return outputs.map(() => sw);
  if (Array.isArray(sw)) {
    if (sw.length !== outputs.length)
      throw new TensileError(
        `${api}: sampleWeight has ${sw.length} entries but the model has ${outputs.length} outputs (${outputs.join(', ')})`,
      );
    return sw.map((w, i) => {
      if (w !== null && !(w instanceof Tensor))
        throw new TensileError(`${api}: sampleWeight[${i}] must be a Tensor or null, got ${typeof w}`);
      return w;
    });
  }
  if (typeof sw === 'object' && sw !== null) {
    const record = sw as Readonly<Record<string, Tensor>>;
    const unknown = Object.keys(record).filter((k) => !outputs.includes(k));
    if (unknown.length)
      throw new TensileError(`${api}: sampleWeight names unknown outputs ${unknown.join(', ')}; outputs are ${outputs.join(', ')}`);
    return outputs.map((o) => record[o] ?? null);
  }
  throw new TensileError(
    `${api}: sampleWeight must be a Tensor, a list per output or a record by output name, got ${sw === null ? 'null' : typeof sw}`,
  );
}

function present(ts: readonly (Tensor | null)[]): Tensor[] {
  return ts.filter((t): t is Tensor => t !== null);
}
