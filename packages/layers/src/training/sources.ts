/**
 * Where batches come from: tensors cut on the device (sliced in order, or gathered through a
 * seeded permutation uploaded once per epoch), or an async iterable of `{x, y}` batches. Both give
 * the loop the same `BatchSource`; `evaluateSource` runs test steps over one.
 */
import { TensileError, dispose, slice, tidy, type Tensor } from '@tensile/core';
import type { Logs } from '../callbacks/callback.js';
import { gatherRows, nextTick, numSamples, shuffledIndices, sliceRows, toList, type Batch } from './data.js';
import { LogAccumulator } from './logs.js';
import { type BatchWeights, testStep, type StepContext, type StepResult } from './step.js';
import type { TrainableModel } from './trainable.js';

export interface SourceBatch {
  size: number;
  /** Makes the batch tensors (and per-output sample weights, if any); called inside the step's tidy so slices go with it. */
  make: () => [Tensor[], Tensor[]] | [Tensor[], Tensor[], BatchWeights];
  /** Frees what the batch owns after the step (an iterable's tensors). */
  release: () => void;
}

export interface BatchSource {
  /** Batches per epoch, null while unknown. */
  readonly steps: number | null;
  /** True once a shared iterator (stepsPerEpoch) has run out: training ends. */
  readonly exhausted: boolean;
  batches(): AsyncGenerator<SourceBatch>;
}

/**
 * Batches of `batchSize` rows of xs/ys (the last one smaller), reshuffled each epoch if asked;
 * `ws` (per-output sample weights, null for an output without) are cut with the same rows.
 */
export function tensorBatches(
  xs: readonly Tensor[],
  ys: readonly Tensor[],
  batchSize: number,
  shuffle: boolean,
  random: () => number,
  ws: readonly (Tensor | null)[] = [],
): BatchSource {
  const n = xs[0].shape[0];
  return {
    steps: Math.ceil(n / batchSize),
    exhausted: false,
    async *batches() {
      const perm = shuffle ? shuffledIndices(n, random) : null;
      try {
        for (let start = 0; start < n; start += batchSize) {
          const size = Math.min(batchSize, n - start);
          const make = (): [Tensor[], Tensor[], BatchWeights] => {
            const rows = (ts: readonly Tensor[]): Tensor[] =>
              perm ? gatherRows(ts, slice(perm, [start], [size])) : sliceRows(ts, start, size);
            return [rows(xs), rows(ys), ws.map((w) => (w ? rows([w])[0] : null))];
          };
          yield { size, make, release: () => {} };
        }
      } finally {
        perm?.dispose();
      }
    },
  };
}

/**
 * Batches from an async iterable. Without `stepsPerEpoch` each epoch asks the iterable for a fresh
 * iterator (so it must be re-iterable, like a Dataset); with it, one iterator continues across
 * epochs. fit owns the yielded tensors and disposes them after the step when `disposeBatches`.
 */
export class IterableSource implements BatchSource {
  steps: number | null;
  exhausted = false;
  private iterator: AsyncIterator<Batch> | null = null;
  private pending: Batch | null = null;
  private epochs = 0;

  constructor(
    private readonly api: string,
    private readonly model: TrainableModel,
    private readonly data: AsyncIterable<Batch>,
    private readonly stepsPerEpoch: number | undefined,
    private readonly disposeBatches: boolean,
  ) {
    if (stepsPerEpoch !== undefined && (!Number.isInteger(stepsPerEpoch) || stepsPerEpoch < 1)) {
      throw new TensileError(`${api}: stepsPerEpoch must be a positive integer, got ${stepsPerEpoch}`);
    }
    this.steps = stepsPerEpoch ?? null;
  }

  /** Reads the first batch ahead and returns its targets (fit needs their shapes to choose 'accuracy'). */
  async peekTargets(): Promise<Tensor[]> {
    this.iterator = this.data[Symbol.asyncIterator]();
    const first = await this.iterator.next();
    if (first.done) throw new TensileError(`${this.api}: the data iterable yielded no batches`);
    this.pending = first.value;
    return this.convert(first.value)[1];
  }

  async *batches(): AsyncGenerator<SourceBatch> {
    const it = (this.iterator ??= this.data[Symbol.asyncIterator]());
    let count = 0;
    let finished = false;
    try {
      while (this.stepsPerEpoch === undefined || count < this.stepsPerEpoch) {
        let b = this.pending;
        this.pending = null;
        if (!b) {
          const r = await it.next();
          if (r.done) {
            finished = true;
            break;
          }
          b = r.value;
        }
        count++;
        const [xs, ys] = this.convert(b);
        const owned = [...xs, ...ys];
        yield {
          size: numSamples(this.api, owned),
          make: () => [xs, ys],
          release: () => (this.disposeBatches ? dispose(owned) : undefined),
        };
      }
    } finally {
      this.epochs++;
      if (this.stepsPerEpoch === undefined) {
        // Stopped early: let the producer clean up; either way the next epoch starts afresh.
        if (!finished) await it.return?.();
        this.iterator = null;
      } else if (finished) {
        this.exhausted = true;
      }
    }
    if (count === 0 && !this.exhausted) {
      throw new TensileError(
        `${this.api}: the data iterable yielded no batches in epoch ${this.epochs}; an async generator can be iterated once only: pass an object whose [Symbol.asyncIterator]() makes a fresh iterator each epoch, or set stepsPerEpoch`,
      );
    }
  }

  private convert(b: Batch): [Tensor[], Tensor[]] {
    if (!b || typeof b !== 'object' || !('x' in b) || !('y' in b)) {
      throw new TensileError(`${this.api}: each batch must be an object {x, y}, got ${b === null ? 'null' : typeof b}`);
    }
    return [toList(this.api, 'x', b.x, this.model.inputNames), toList(this.api, 'y', b.y, this.model.outputNames)];
  }
}

/** Runs test steps over every batch of `source` and returns the mean logs (one read back). */
export async function evaluateSource(ctx: StepContext, names: readonly string[], source: BatchSource, prefix = ''): Promise<Logs> {
  const acc = new LogAccumulator(names);
  let last = Date.now();
  try {
    for await (const batch of source.batches()) {
      const r = runStep(testStep, ctx, batch);
      acc.add(r.stats, r.counts);
      if (Date.now() - last >= 16) {
        await nextTick();
        last = Date.now();
      }
    }
    return await acc.read(prefix);
  } finally {
    acc.dispose();
  }
}

/** One step on one batch: the batch's tensors are made in the step's tidy, released after. */
export function runStep(step: typeof testStep, ctx: StepContext, batch: SourceBatch): StepResult {
  try {
    return tidy(() => {
      const [xs, ys, ws] = batch.make();
      return step(ctx, xs, ys, ws);
    });
  } finally {
    batch.release();
  }
}
