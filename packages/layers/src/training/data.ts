/**
 * Data plumbing for fit/evaluate/predict: inputs and targets as lists in the model's order, batches
 * cut on the device (slice, or gather with a shuffled index), seeded shuffling, and the Keras
 * validation split (the last fraction of the samples, taken before shuffling).
 */
import { Tensor, TensileError, formatShape, gather, slice, tensor1d } from '@tensile/core';

/** One tensor, a list in the model's input (or output) order, or a record by name. */
export type TensorData = Tensor | readonly Tensor[] | Readonly<Record<string, Tensor>>;

/** A batch as an async iterable yields it. */
export interface Batch {
  x: TensorData;
  y: TensorData;
}

/** `data` as a list ordered like `names` (the model's inputs or outputs). */
export function toList(api: string, what: 'x' | 'y', data: TensorData, names: readonly string[]): Tensor[] {
  let list: Tensor[];
  if (data instanceof Tensor) list = [data];
  else if (Array.isArray(data)) list = [...(data as readonly Tensor[])];
  else if (data && typeof data === 'object') {
    const record = data as Readonly<Record<string, Tensor>>;
    const missing = names.filter((n) => !(n in record));
    if (missing.length) throw new TensileError(`${api}: ${what} has no entry for ${missing.join(', ')}; expected keys ${names.join(', ')}`);
    list = names.map((n) => record[n]);
  } else {
    throw new TensileError(
      `${api}: ${what} must be a Tensor, a list of Tensors or a record by name, got ${data === null ? 'null' : typeof data}`,
    );
  }
  if (list.length !== names.length) {
    throw new TensileError(
      `${api}: the model has ${names.length} ${what === 'x' ? 'inputs' : 'outputs'} (${names.join(', ')}) but ${what} has ${list.length} tensors`,
    );
  }
  list.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TensileError(`${api}: ${what}[${i}] must be a Tensor, got ${typeof t}`);
    if (t.rank === 0) throw new TensileError(`${api}: ${what}[${i}] must have a batch dimension, got a scalar`);
  });
  return list;
}

/** The shared number of samples (first dimension) of all tensors. */
export function numSamples(api: string, tensors: readonly Tensor[]): number {
  const n = tensors[0].shape[0];
  for (const t of tensors) {
    if (t.shape[0] !== n) {
      throw new TensileError(
        `${api}: all inputs and targets must have the same number of samples, got ${tensors.map((u) => formatShape(u.shape)).join(', ')}`,
      );
    }
  }
  return n;
}

/** Rows [start, start + size) of every tensor (views made by `slice`). */
export function sliceRows(tensors: readonly Tensor[], start: number, size: number): Tensor[] {
  return tensors.map((t) => slice(t, [start, ...t.shape.slice(1).map(() => 0)], [size, ...t.shape.slice(1)]));
}

/** The rows named by `indices` (an int32 vector on the device) of every tensor. */
export function gatherRows(tensors: readonly Tensor[], indices: Tensor): Tensor[] {
  return tensors.map((t) => gather(t, indices, 0));
}

/** Keras: the first floor(n * (1 - split)) samples train, the rest validate. */
export function splitAt(api: string, n: number, validationSplit: number): number {
  if (!(validationSplit > 0 && validationSplit < 1)) {
    throw new TensileError(`${api}: validationSplit must be in (0, 1), got ${String(validationSplit)}`);
  }
  const at = Math.floor(n * (1 - validationSplit));
  if (at === 0 || at === n) {
    throw new TensileError(
      `${api}: validationSplit ${validationSplit} of ${n} samples leaves ${at === 0 ? 'no training' : 'no validation'} samples`,
    );
  }
  return at;
}

/** mulberry32: a small, fast, seedable generator; the same seed gives the same shuffles. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher–Yates permutation of 0..n-1 as an int32 tensor (one upload per epoch). */
export function shuffledIndices(n: number, random: () => number): Tensor {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return tensor1d(idx, 'int32');
}

/** The model's `apply` takes a lone tensor for single-input models. */
export function modelInput(xs: readonly Tensor[]): Tensor | readonly Tensor[] {
  return xs.length === 1 ? xs[0] : xs;
}

export function asList(out: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(out) ? out : [out];
}

export function checkBatchSize(api: string, batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new TensileError(`${api}: batchSize must be a positive integer, got ${String(batchSize)}`);
  return batchSize;
}

/** Resolves after pending I/O and timers had a turn, so UIs and progress output stay alive. */
export function nextTick(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function isAsyncIterable(x: unknown): x is AsyncIterable<Batch> {
  return typeof x === 'object' && x !== null && typeof (x as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}
