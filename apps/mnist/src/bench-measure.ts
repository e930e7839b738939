/**
 * The shared timing loop and result record of the benchmark. One training step = forward, loss,
 * backward and the Adam update on one batch, awaited until its loss is read back (so an async
 * backend cannot hide queued work).
 */

/** The line a bench worker prints its result on; anything else it prints is log. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

export type BenchStatus = 'ok' | 'cannot-train' | 'unavailable' | 'failed';

export interface BenchResult {
  /** e.g. 'tensile-cpu', 'tfjs-wasm', 'pytorch-cpu' */
  readonly id: string;
  readonly status: BenchStatus;
  readonly samplesPerSec?: number;
  readonly msPerStep?: number;
  readonly meanSamplesPerSec?: number;
  readonly warmupSteps?: number;
  readonly measuredSteps?: number;
  readonly batchSize?: number;
  /** What ran (backend details, thread count, adapter) or why it did not. */
  readonly detail?: string;
  readonly error?: string;
}

export interface MeasureOptions {
  readonly batchSize: number;
  /** At most this many measured steps. */
  readonly maxSteps: number;
  /** Stop measuring after this long (but always measure at least `minSteps`). */
  readonly seconds: number;
  readonly warmupSteps: number;
  readonly minSteps: number;
  /** A first step slower than this (ms) marks the backend as "absurdly slow": warm up once only. */
  readonly slowStepMs: number;
}

export const DEFAULT_MEASURE: MeasureOptions = {
  batchSize: 128,
  maxSteps: 200,
  seconds: 10,
  warmupSteps: 3,
  minSteps: 2,
  slowStepMs: 3000,
};

export interface Measured {
  /** From the median step time: robust to other processes stealing the CPU for a moment. */
  samplesPerSec: number;
  /** Median step time. */
  msPerStep: number;
  /** Over the whole measured interval (total steps x batch / total time). */
  meanSamplesPerSec: number;
  warmupSteps: number;
  measuredSteps: number;
}

/** Runs `step(i)` for warm-up, then times steps until the step or time budget is used. */
export async function measureSteps(step: (i: number) => Promise<void>, o: MeasureOptions): Promise<Measured> {
  let i = 0;
  let warm = 0;
  for (; warm < o.warmupSteps; warm++) {
    const t = performance.now();
    await step(i++);
    // The first step pays for compilation and allocation; when even a later one is this slow,
    // more warm-up would only burn the time budget of the whole run.
    if (warm >= 1 && performance.now() - t > o.slowStepMs) {
      warm++;
      break;
    }
  }
  const start = performance.now();
  const times: number[] = [];
  while (times.length < o.maxSteps) {
    const t = performance.now();
    await step(i++);
    const now = performance.now();
    times.push(now - t);
    if (times.length >= o.minSteps && (now - start) / 1000 >= o.seconds) break;
  }
  const seconds = (performance.now() - start) / 1000;
  const ms = median(times);
  return {
    samplesPerSec: (o.batchSize * 1000) / ms,
    msPerStep: ms,
    meanSamplesPerSec: (times.length * o.batchSize) / seconds,
    warmupSteps: warm,
    measuredSteps: times.length,
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The first line of an error, without the stack, short enough for a table cell. */
export function shortError(e: unknown, max = 160): string {
  const msg = e instanceof Error ? e.message : String(e);
  const line = msg.split('\n')[0].trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
