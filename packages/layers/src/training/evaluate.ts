/**
 * evaluate, predict and trainOnBatch, as Keras: evaluate averages loss and metrics over batches
 * (one read back at the end), predict runs batches and concatenates them, trainOnBatch is one
 * training step whose values are read back (the caller asked for them).
 */
import { TensileError, concat, dispose, tidy, type Tensor } from '@tensile/core';
import type { Logs } from '../callbacks/callback.js';
import { logNames, requireCompiled, resolveMetrics } from './compile.js';
import { asList, checkBatchSize, isAsyncIterable, modelInput, numSamples, sliceRows, toList, type Batch, type TensorData } from './data.js';
import { type BatchSource, IterableSource, evaluateSource, runStep, tensorBatches } from './sources.js';
import { checkUniqueNames, trainStep, type StepContext } from './step.js';
import { refuseDuringFit } from './fit-lock.js';
import { checkSparseLabels } from './sparse-labels.js';
import type { TrainableModel } from './trainable.js';

export interface EvaluateOptions {
  /** Default 32. */
  batchSize?: number;
  /** Return `{loss, accuracy, ...}` instead of Keras' scalar or list. Default false. */
  returnDict?: boolean;
}

/**
 * Keras' `model.evaluate`: the loss alone when nothing else is logged, otherwise
 * `[loss, ...per-output losses, ...metrics]` in log order; `{returnDict: true}` gives the logs.
 */
export function evaluate(model: TrainableModel, x: TensorData, y: TensorData, options?: EvaluateOptions): Promise<number | number[] | Logs>;
export function evaluate(model: TrainableModel, data: AsyncIterable<Batch>, options?: EvaluateOptions): Promise<number | number[] | Logs>;
export async function evaluate(
  model: TrainableModel,
  x: TensorData | AsyncIterable<Batch>,
  yOrOptions?: TensorData | EvaluateOptions,
  maybeOptions?: EvaluateOptions,
): Promise<number | number[] | Logs> {
  const api = 'evaluate';
  const compiled = requireCompiled(model, api);
  const options: EvaluateOptions = (isAsyncIterable(x) ? (yOrOptions as EvaluateOptions | undefined) : maybeOptions) ?? {};
  let source: BatchSource;
  let yShapes: number[][];
  if (isAsyncIterable(x)) {
    const it = new IterableSource(api, model, x, undefined, true);
    const first = await it.peekTargets();
    await checkSparseLabels(api, model, compiled, first, "the first batch's y");
    yShapes = first.map((t) => [...t.shape]);
    source = it;
  } else {
    if (yOrOptions === undefined) throw new TensileError(`${api}: targets y are required with tensor inputs`);
    const xs = toList(api, 'x', x, model.inputNames);
    const ys = toList(api, 'y', yOrOptions as TensorData, model.outputNames);
    numSamples(api, [...xs, ...ys]);
    await checkSparseLabels(api, model, compiled, ys, 'y');
    yShapes = ys.map((t) => [...t.shape]);
    source = tensorBatches(xs, ys, checkBatchSize(api, options.batchSize ?? 32), false, Math.random);
  }
  const metrics = resolveMetrics(model, compiled, yShapes);
  const names = logNames(model, compiled, metrics);
  const logs = await evaluateSource({ model, compiled, metrics }, names, source);
  return shapeResult(names, logs, options.returnDict ?? false);
}

/** Keras' return shape: a lone loss as a number, several values as a list in log order. */
function shapeResult(names: readonly string[], logs: Logs, asDict: boolean): number | number[] | Logs {
  if (asDict) return logs;
  const values = names.map((n) => logs[n]);
  return values.length === 1 ? values[0] : values;
}

export interface PredictOptions {
  /** Default 32. */
  batchSize?: number;
}

/**
 * Keras' `model.predict`: the model in inference mode on batches of `batchSize`, outputs
 * concatenated along the batch axis; a tensor for one output, a list for several. Synchronous, as
 * TensorFlow.js' predict: nothing is read back.
 */
export function predict(model: TrainableModel, x: TensorData, options: PredictOptions = {}): Tensor | Tensor[] {
  const api = 'predict';
  const xs = toList(api, 'x', x, model.inputNames);
  const n = numSamples(api, xs);
  const batchSize = checkBatchSize(api, options.batchSize ?? 32);
  if (n <= batchSize) return tidy(() => model.apply(modelInput(xs), { training: false }));
  const parts: Tensor[][] = [];
  try {
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      parts.push(tidy(() => asList(model.apply(modelInput(sliceRows(xs, start, size)), { training: false }))));
    }
    const outs = parts[0].map((_, o) =>
      concat(
        parts.map((p) => p[o]),
        0,
      ),
    );
    return outs.length === 1 ? outs[0] : outs;
  } finally {
    dispose(parts);
  }
}

/**
 * Keras' `model.train_on_batch`: one training step on exactly this batch, returning its loss (and
 * metrics, as `[loss, ...]`) read back, or the logs with `{returnDict: true}`.
 */
export async function trainOnBatch(
  model: TrainableModel,
  x: TensorData,
  y: TensorData,
  options: { returnDict?: boolean } = {},
): Promise<number | number[] | Logs> {
  const api = 'trainOnBatch';
  // Its step would land between two of fit's steps, on the same weights and optimizer state.
  refuseDuringFit(model, api, 'train', 'await fit first');
  const compiled = requireCompiled(model, api);
  checkUniqueNames(model);
  const xs = toList(api, 'x', x, model.inputNames);
  const ys = toList(api, 'y', y, model.outputNames);
  const size = numSamples(api, [...xs, ...ys]);
  const metrics = resolveMetrics(
    model,
    compiled,
    ys.map((t) => [...t.shape]),
  );
  const names = logNames(model, compiled, metrics);
  const ctx: StepContext = { model, compiled, metrics };
  const r = runStep(trainStep, ctx, { size, make: () => [xs, ys], release: () => {} });
  try {
    const sums = await r.stats.data();
    const logs: Logs = {};
    names.forEach((name, i) => (logs[name] = sums[i] / r.counts[i]));
    return shapeResult(names, logs, options.returnDict ?? false);
  } finally {
    r.stats.dispose();
  }
}
