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
  /** The child process that measured it, and when its timed steps began and ended (ms since the epoch). */
  readonly pid?: number;
  readonly measuredFrom?: number;
  readonly measuredTo?: number;
  /**
   * Other children of the bench process alive when the timed steps began and when they ended
   * (Linux only, from /proc): 0 means this child measured alone.
   */
  readonly siblings?: number;
  /** Set by the bench process: when it spawned the child and when the child had exited and closed its pipes (ms since the epoch). */
  readonly spawnedAt?: number;
  readonly closedAt?: number;
  /** Cores busy on the machine in the half-second before the child started (Linux). */
  readonly busyCoresBefore?: number;
  /** Which round of `--rounds` measured it (1 for rows measured once). */
  readonly round?: number;
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
  /**
   * Warm-up also lasts at least this long (capped at `seconds`): V8 compiles hot wasm and JS
   * functions with its optimising tier in the background during the first seconds of a run, and a
   * measurement that starts before that has finished times a mix of tiers.
   */
  readonly warmupSeconds: number;
  readonly minSteps: number;
  /** A first step slower than this (ms) marks the backend as "absurdly slow": warm up once only. */
  readonly slowStepMs: number;
}

export const DEFAULT_MEASURE: MeasureOptions = {
  batchSize: 128,
  maxSteps: 200,
  seconds: 10,
  warmupSteps: 3,
  warmupSeconds: 2,
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
  measuredFrom: number;
  measuredTo: number;
  siblings?: number;
}

/** Runs `step(i)` for warm-up, then times steps until the step or time budget is used. */
export async function measureSteps(step: (i: number) => Promise<void>, o: MeasureOptions): Promise<Measured> {
  let i = 0;
  let warm = 0;
  const warmStart = performance.now();
  const warmMs = Math.min(o.warmupSeconds, o.seconds) * 1000;
  for (; warm < o.warmupSteps || performance.now() - warmStart < warmMs; warm++) {
    const t = performance.now();
    await step(i++);
    // The first step pays for compilation and allocation; when even a later one is this slow,
    // more warm-up would only burn the time budget of the whole run.
    if (warm >= 1 && performance.now() - t > o.slowStepMs) {
      warm++;
      break;
    }
  }
  const siblingsBefore = siblingProcesses();
  const start = performance.now();
  const times: number[] = [];
  while (times.length < o.maxSteps) {
    const t = performance.now();
    await step(i++);
    const now = performance.now();
    times.push(now - t);
    if (times.length >= o.minSteps && (now - start) / 1000 >= o.seconds) break;
  }
  const end = performance.now();
  const siblingsAfter = siblingProcesses();
  const ms = median(times);
  return {
    samplesPerSec: (o.batchSize * 1000) / ms,
    msPerStep: ms,
    meanSamplesPerSec: (times.length * o.batchSize * 1000) / (end - start),
    warmupSteps: warm,
    measuredSteps: times.length,
    measuredFrom: performance.timeOrigin + start,
    measuredTo: performance.timeOrigin + end,
    ...(siblingsBefore === undefined || siblingsAfter === undefined ? {} : { siblings: Math.max(siblingsBefore, siblingsAfter) }),
  };
}

/** The environment variable through which the bench tells its children its process id. */
export const BENCH_PID_ENV = 'TENSILE_BENCH_PID';

/**
 * How many other children of the bench process are alive (Linux /proc), or undefined where that
 * cannot be read: 0 means no other measurement shared the machine with this one. The bench is
 * named by TENSILE_BENCH_PID (a worker may run under a wrapper such as xvfb-run, whose own other
 * children are not measurements), else this process's parent; the wrapper itself is not counted.
 */
export function siblingProcesses(): number | undefined {
  const proc = globalThis.process;
  if (proc?.platform !== 'linux') return undefined;
  try {
    // Lazily, so that the browser page (which shares measureSteps) never loads node:fs.
    const fs = proc.getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined;
    if (!fs) return undefined;
    const bench = Number(proc.env[BENCH_PID_ENV] ?? proc.ppid);
    let n = 0;
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name) || Number(name) === proc.pid) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      } catch {
        continue; // exited while we looked
      }
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === bench && Number(name) !== proc.ppid) n++;
    }
    return n;
  } catch {
    return undefined;
  }
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
