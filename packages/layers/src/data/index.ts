/**
 * `data`: TensorFlow.js' tf.data factories. `data.array(items)`, `data.generator(fn)` and
 * `data.zip(datasets)` make a `Dataset`, which `model.fitDataset` (and `model.fit`) train on.
 */
import { ArgumentError, Tensor, reshape } from '@tensile/core';
import { isRecord } from './batch-concat.js';
import { Dataset } from './dataset.js';

export { Dataset } from './dataset.js';

/**
 * A dataset of `items`, in order. Tensors in the items stay the caller's: each iteration yields
 * clones, which the consumer owns (as TensorFlow.js).
 */
export function array<T>(items: readonly T[]): Dataset<T> {
  if (!Array.isArray(items))
    throw new ArgumentError(`data.array: expected an array of elements, got ${items === null ? 'null' : typeof items}`);
  return new Dataset<T>(
    () =>
      (async function* () {
        for (const item of items) yield cloneTensors(item);
      })(),
    items.length,
  );
}

/**
 * A dataset whose every iteration calls `fn` for a new iterator: a generator function (sync or
 * async, as TensorFlow.js' `tf.data.generator`) or any function returning an (async) iterator.
 */
export function generator<T>(fn: () => Iterator<T> | AsyncIterator<T>): Dataset<T> {
  if (typeof fn !== 'function') {
    throw new ArgumentError(
      `data.generator: expected a function returning an iterator (e.g. function* () {...}), got ${fn === null ? 'null' : typeof fn}`,
    );
  }
  return new Dataset<T>(() => {
    const it = fn();
    if (!it || typeof (it as Iterator<T>).next !== 'function') {
      throw new ArgumentError(
        `data.generator: the function must return an iterator (an object with next()), got ${it === null ? 'null' : typeof it}`,
      );
    }
    return {
      next: async () => await it.next(),
      return: async () => (await it.return?.()) ?? { done: true, value: undefined },
    };
  });
}

/**
 * Elements of several datasets side by side, as `tf.data.zip`: a list of datasets gives lists,
 * a record of datasets gives records (`data.zip({xs, ys})`). It ends with the shortest.
 */
export function zip<T extends readonly Dataset<unknown>[] | Readonly<Record<string, Dataset<unknown>>>>(datasets: T): Dataset<unknown> {
  const entries: [string, Dataset<unknown>][] = Array.isArray(datasets)
    ? datasets.map((d, i) => [String(i), d])
    : isRecord(datasets)
      ? Object.entries(datasets as Record<string, Dataset<unknown>>)
      : [];
  if (entries.length === 0 || entries.some(([, d]) => !(d instanceof Dataset))) {
    throw new ArgumentError('data.zip: expected a non-empty list or record of Datasets');
  }
  const sizes = entries.map(([, d]) => d.size);
  const size = sizes.every((s) => s !== null) ? Math.min(...(sizes as number[])) : null;
  return new Dataset<unknown>(
    () =>
      (async function* () {
        const its = entries.map(([, d]) => d[Symbol.asyncIterator]());
        try {
          for (;;) {
            const rs = await Promise.all(its.map((it) => it.next()));
            if (rs.some((r) => r.done)) return;
            if (Array.isArray(datasets)) yield rs.map((r) => r.value);
            else yield Object.fromEntries(entries.map(([k], i) => [k, rs[i].value]));
          }
        } finally {
          await Promise.all(its.map((it) => it.return?.()));
        }
      })(),
    size,
  );
}

/** Each tensor as a new handle on the same data (a view: disposing it leaves the caller's). */
function cloneTensors<T>(x: T): T {
  if (x instanceof Tensor) return reshape(x, x.shape) as T;
  if (Array.isArray(x)) return x.map(cloneTensors) as T;
  if (isRecord(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, cloneTensors(v)])) as T;
  return x;
}
