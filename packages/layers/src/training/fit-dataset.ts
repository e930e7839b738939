/**
 * TensorFlow.js' `model.fitDataset(dataset, args)` and `model.evaluateDataset(dataset, args)`
 * over fit/evaluate's async-iterable path. Elements are batches in TensorFlow.js' forms
 * `{xs, ys}` or `[xs, ys]` (or `{x, y}`); `batchesPerEpoch` draws that many batches per epoch from
 * one iterator that continues across epochs, as TensorFlow.js does; without it each epoch is one
 * full pass over the dataset.
 */
import { TensileError } from '@tensile/core';
import type { Logs } from '../callbacks/callback.js';
import type { CallbackSpec } from '../callbacks/callback-hooks.js';
import type { History } from '../callbacks/history.js';
import type { Batch, TensorData } from './data.js';
import { evaluate } from './evaluate.js';
import { fit, type FitOptions } from './fit-loop.js';
import type { ClassWeight } from './sample-weights.js';
import type { TrainableModel } from './trainable.js';

/** Anything that yields batches afresh on each iteration (a `Dataset`, or an object with `[Symbol.asyncIterator]`). */
export type BatchDataset = AsyncIterable<unknown>;

export interface FitDatasetOptions {
  /** Required, as in TensorFlow.js. */
  epochs: number;
  batchesPerEpoch?: number;
  /** A dataset of batches, or `[x, y]` tensors. */
  validationData?: BatchDataset | readonly [TensorData, TensorData];
  /** With tensor validationData: its batch size. Default 32. */
  validationBatchSize?: number;
  /** With a validation dataset: how many of its batches to use each time. Default: all. */
  validationBatches?: number;
  initialEpoch?: number;
  callbacks?: CallbackSpec;
  verbose?: 0 | 1 | 2;
  classWeight?: ClassWeight;
  yieldEvery?: FitOptions['yieldEvery'];
}

export interface EvaluateDatasetOptions {
  /** How many batches to evaluate. Default: the whole dataset. */
  batches?: number;
}

export async function fitDataset(model: TrainableModel, dataset: BatchDataset, options: FitDatasetOptions): Promise<History> {
  const api = 'fitDataset';
  checkDataset(api, dataset);
  if (!options || typeof options !== 'object') {
    throw new TensileError(`${api}: the second argument {epochs, batchesPerEpoch?, validationData?, ...} is required, as in TensorFlow.js`);
  }
  if (!Number.isInteger(options.epochs) || options.epochs < 1) {
    throw new TensileError(`${api}: epochs must be a positive integer, got ${String(options.epochs)}`);
  }
  let validationData: FitOptions['validationData'];
  const v = options.validationData;
  if (v !== undefined) {
    if (Array.isArray(v)) validationData = v as readonly [TensorData, TensorData];
    else {
      checkDataset(`${api}: validationData`, v);
      validationData = batches(api, v as BatchDataset, options.validationBatches);
    }
  }
  return fit(model, batches(api, dataset), {
    epochs: options.epochs,
    stepsPerEpoch: options.batchesPerEpoch,
    validationData,
    validationBatchSize: options.validationBatchSize,
    initialEpoch: options.initialEpoch,
    callbacks: options.callbacks,
    verbose: options.verbose,
    classWeight: options.classWeight,
    yieldEvery: options.yieldEvery,
  });
}

/** TensorFlow.js' `evaluateDataset`: the loss (and metrics) over the dataset's batches. */
export async function evaluateDataset(
  model: TrainableModel,
  dataset: BatchDataset,
  options: EvaluateDatasetOptions = {},
): Promise<number | number[] | Logs> {
  checkDataset('evaluateDataset', dataset);
  return evaluate(model, batches('evaluateDataset', dataset, options.batches));
}

/** The dataset's elements as fit's `{x, y}` batches, at most `limit` per iteration. */
function batches(api: string, dataset: BatchDataset, limit?: number): AsyncIterable<Batch> {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
    throw new TensileError(`${api}: the batch count must be a positive integer, got ${limit}`);
  return {
    [Symbol.asyncIterator]: () => {
      const it = dataset[Symbol.asyncIterator]();
      let n = 0;
      return {
        async next(): Promise<IteratorResult<Batch>> {
          if (limit !== undefined && n >= limit) {
            await it.return?.();
            return { done: true, value: undefined };
          }
          const r = await it.next();
          if (r.done) return { done: true, value: undefined };
          n++;
          return { done: false, value: toBatch(api, r.value) };
        },
        async return(): Promise<IteratorResult<Batch>> {
          await it.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

function toBatch(api: string, e: unknown): Batch {
  if (Array.isArray(e) && e.length === 2) return { x: e[0], y: e[1] };
  if (typeof e === 'object' && e !== null) {
    const o = e as Record<string, unknown>;
    if ('xs' in o && 'ys' in o) return { x: o.xs as TensorData, y: o.ys as TensorData };
    if ('x' in o && 'y' in o) return { x: o.x as TensorData, y: o.y as TensorData };
  }
  throw new TensileError(
    `${api}: each dataset element must be a batch {xs, ys} or [xs, ys] (batch the dataset first: ds.batch(32)), got ${e === null ? 'null' : Array.isArray(e) ? `an array of ${e.length}` : typeof e}`,
  );
}

function checkDataset(api: string, d: unknown): void {
  if (typeof d !== 'object' || d === null || typeof (d as BatchDataset)[Symbol.asyncIterator] !== 'function') {
    throw new TensileError(
      `${api}: expected a Dataset (data.array(...).batch(n), data.generator(...)) or an async iterable of batches, got ${d === null ? 'null' : typeof d}`,
    );
  }
}
