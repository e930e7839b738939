/**
 * A lazy, re-iterable stream of elements, as TensorFlow.js' tf.data.Dataset: each iteration asks
 * the source again, so a dataset serves one epoch per pass (fit's iterable contract). Elements
 * are owned by whoever receives them: `map`, `filter`, `batch`, `take` and `shuffle` dispose the
 * tensors they consume and do not pass on, as TensorFlow.js does.
 */
import { ArgumentError, dispose, keep, tidy } from '@tensile/core';
import { seededRandom } from '../training/data.js';
import { batchConcat, tensorsIn } from './batch-concat.js';

type Source<T> = () => AsyncIterator<T>;

export class Dataset<T = unknown> implements AsyncIterable<T> {
  /** Elements per iteration when known (TensorFlow.js' `size`), else null. */
  readonly size: number | null;

  constructor(
    private readonly source: Source<T>,
    size: number | null = null,
  ) {
    this.size = size;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.source();
  }

  /** TensorFlow.js' `iterator()`: a fresh iterator (a promise of one, as there). */
  async iterator(): Promise<AsyncIterator<T>> {
    return this.source();
  }

  /** `f` on each element; tensors of the input that the output does not hold are disposed. */
  map<U>(f: (x: T) => U): Dataset<U> {
    checkFn('map', f);
    return this.derive(async function* (up) {
      for await (const x of up) {
        const y = tidy(() => {
          const out = f(x);
          for (const t of tensorsIn(out)) keep(t);
          return out;
        });
        disposeExcept(x, y);
        yield y;
      }
    }, this.size);
  }

  /** `map` with an async function. */
  mapAsync<U>(f: (x: T) => Promise<U>): Dataset<U> {
    checkFn('mapAsync', f);
    return this.derive(async function* (up) {
      for await (const x of up) {
        const y = await f(x);
        disposeExcept(x, y);
        yield y;
      }
    }, this.size);
  }

  /** The elements for which `predicate` holds; the others are disposed. */
  filter(predicate: (x: T) => boolean): Dataset<T> {
    checkFn('filter', predicate);
    return this.derive(async function* (up) {
      for await (const x of up) {
        if (predicate(x)) yield x;
        else dispose(tensorsIn(x));
      }
    }, null);
  }

  /** Groups `batchSize` elements into one (see batch-concat.ts); the last batch may be smaller unless `smallLastBatch` is false. */
  batch(batchSize: number, smallLastBatch = true): Dataset<unknown> {
    checkCount('batch', 'batchSize', batchSize, 1);
    const size = this.size === null ? null : smallLastBatch ? Math.ceil(this.size / batchSize) : Math.floor(this.size / batchSize);
    return this.derive(async function* (up) {
      let rows: unknown[] = [];
      const flush = (): unknown => {
        const out = tidy(() => {
          const b = batchConcat(rows);
          for (const t of tensorsIn(b)) keep(t);
          return b;
        });
        dispose(tensorsIn(rows));
        rows = [];
        return out;
      };
      try {
        for await (const x of up) {
          rows.push(x);
          if (rows.length === batchSize) yield flush();
        }
        if (rows.length > 0 && smallLastBatch) yield flush();
      } finally {
        dispose(tensorsIn(rows));
      }
    }, size);
  }

  /**
   * Shuffles through a buffer of `bufferSize` elements: each output is drawn at random from the
   * buffer, whose place the next input takes (a buffer as large as the dataset gives a uniform
   * permutation). `seed` makes the order repeatable; each iteration reshuffles unless told not to.
   */
  shuffle(bufferSize: number, seed?: number, reshuffleEachIteration = true): Dataset<T> {
    checkCount('shuffle', 'bufferSize', bufferSize, 1);
    const base = seed ?? Math.floor(Math.random() * 2 ** 32);
    let pass = 0;
    return this.derive(async function* (up) {
      const random = seededRandom(reshuffleEachIteration ? base + 0x9e3779b9 * pass++ : base);
      const buffer: T[] = [];
      try {
        for await (const x of up) {
          buffer.push(x);
          if (buffer.length === bufferSize) yield takeRandom(buffer, random);
        }
        while (buffer.length > 0) yield takeRandom(buffer, random);
      } finally {
        dispose(tensorsIn(buffer));
      }
    }, this.size);
  }

  /** Reads up to `bufferSize` elements ahead while the consumer works on the current one. */
  prefetch(bufferSize: number): Dataset<T> {
    checkCount('prefetch', 'bufferSize', bufferSize, 1);
    const source = this.source;
    return new Dataset<T>(() => {
      const it = source();
      const ahead: Promise<IteratorResult<T>>[] = [];
      let done = false;
      const fill = (): void => {
        while (!done && ahead.length < bufferSize) {
          const p = it.next();
          ahead.push(p);
          p.then(
            (r) => {
              if (r.done) done = true;
            },
            () => {
              done = true;
            },
          );
        }
      };
      return {
        async next(): Promise<IteratorResult<T>> {
          fill();
          const r = await (ahead.shift() as Promise<IteratorResult<T>>);
          if (!r.done) fill();
          return r;
        },
        async return(): Promise<IteratorResult<T>> {
          done = true;
          for (const p of ahead.splice(0)) {
            const r = await p.catch(() => ({ done: true, value: undefined }) as IteratorResult<T>);
            if (!r.done) dispose(tensorsIn(r.value));
          }
          await it.return?.();
          return { done: true, value: undefined };
        },
      };
    }, this.size);
  }

  /** The first `count` elements (all when count is negative, as TensorFlow.js). */
  take(count: number): Dataset<T> {
    checkInteger('take', count);
    if (count < 0) return this;
    const size = this.size === null ? null : Math.min(this.size, count);
    return this.derive(async function* (up) {
      if (count === 0) return;
      let n = 0;
      for await (const x of up) {
        yield x;
        if (++n >= count) return;
      }
    }, size);
  }

  /** All but the first `count` elements (which are disposed). */
  skip(count: number): Dataset<T> {
    checkInteger('skip', count);
    const size = this.size === null ? null : Math.max(0, this.size - Math.max(0, count));
    return this.derive(async function* (up) {
      let n = 0;
      for await (const x of up) {
        if (n++ < count) dispose(tensorsIn(x));
        else yield x;
      }
    }, size);
  }

  /** The dataset `count` times over (forever when count is absent or negative). */
  repeat(count?: number): Dataset<T> {
    if (count !== undefined) checkInteger('repeat', count);
    const times = count === undefined || count < 0 ? Number.POSITIVE_INFINITY : count;
    const source = this.source;
    const size = this.size === null || times === Number.POSITIVE_INFINITY ? null : this.size * times;
    return new Dataset<T>(
      () =>
        (async function* () {
          for (let i = 0; i < times; i++) {
            let any = false;
            const it = source();
            for (let r = await it.next(); !r.done; r = await it.next()) {
              any = true;
              yield r.value;
            }
            // An empty source would spin forever.
            if (!any) return;
          }
        })(),
      size,
    );
  }

  /** Runs `f` on every element (which it then owns). */
  async forEachAsync(f: (x: T) => void | Promise<void>): Promise<void> {
    for await (const x of this) await f(x);
  }

  /** Every element in a list (the caller owns their tensors). */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const x of this) out.push(x);
    return out;
  }

  private derive<U>(stage: (up: AsyncIterable<T>) => AsyncGenerator<U>, size: number | null): Dataset<U> {
    return new Dataset<U>(() => stage(this), size);
  }
}

function takeRandom<T>(buffer: T[], random: () => number): T {
  const i = Math.floor(random() * buffer.length);
  const x = buffer[i];
  buffer[i] = buffer[buffer.length - 1];
  buffer.pop();
  return x;
}

function disposeExcept(input: unknown, output: unknown): void {
  const kept = new Set(tensorsIn(output));
  dispose(tensorsIn(input).filter((t) => !kept.has(t)));
}

function checkFn(op: string, f: unknown): void {
  if (typeof f !== 'function') throw new ArgumentError(`Dataset.${op}: expected a function, got ${typeof f}`);
}

function checkInteger(op: string, n: unknown): void {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new ArgumentError(`Dataset.${op}: count must be an integer, got ${String(n)}`);
}

function checkCount(op: string, what: string, n: unknown, min: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min)
    throw new ArgumentError(`Dataset.${op}: ${what} must be an integer >= ${min}, got ${String(n)}`);
}
