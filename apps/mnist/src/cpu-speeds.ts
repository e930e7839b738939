/**
 * How fast each CPU runs the same fixed piece of work right now, relative to the fastest: the
 * bench records it before each measurement. On a virtual machine one vCPU can run much slower than
 * the other for minutes at a time (its host core is shared with work outside the machine), while
 * /proc/stat shows no steal time and the load average shows nothing; every multi-threaded row
 * measured then is slower, whichever backend it is. Linux with `taskset` only.
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * Eight independent floating-point chains, so the loop is bound by the core's arithmetic
 * throughput (what a contended core loses) rather than by one chain's latency. Prints the fastest
 * of five runs in nanoseconds.
 */
const PROBE = `
function work(n) {
  let a = 1, b = 1.1, c = 1.2, d = 1.3, e = 1.4, f = 1.5, g = 1.6, h = 1.7;
  for (let i = 0; i < n; i++) {
    a = a * 0.999999 + 1e-7; b = b * 0.999999 + 1e-7; c = c * 0.999999 + 1e-7; d = d * 0.999999 + 1e-7;
    e = e * 0.999999 + 1e-7; f = f * 0.999999 + 1e-7; g = g * 0.999999 + 1e-7; h = h * 0.999999 + 1e-7;
  }
  return a + b + c + d + e + f + g + h;
}
work(1e5);
let best = Infinity, sink = 0;
for (let r = 0; r < 5; r++) {
  const t = process.hrtime.bigint();
  sink += work(4e6);
  best = Math.min(best, Number(process.hrtime.bigint() - t));
}
process.stdout.write(sink > 0 ? String(best) : 'NaN');
`;

/** Runs the probe pinned to `cpu`; its time in nanoseconds, or undefined if it could not run. */
function probe(cpu: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn('taskset', ['-c', String(cpu), process.execPath, '-e', PROBE], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      const ns = Number(out);
      resolve(code === 0 && Number.isFinite(ns) && ns > 0 ? ns : undefined);
    });
  });
}

/**
 * Each CPU's speed as a fraction of the fastest one's (the fastest is 1), all probed at once; or
 * undefined where a CPU cannot be probed (not Linux, no taskset).
 */
export async function cpuSpeeds(): Promise<number[] | undefined> {
  if (process.platform !== 'linux') return undefined;
  const times = await Promise.all(cpus().map((_, i) => probe(i)));
  if (times.some((t) => t === undefined)) return undefined;
  const fastest = Math.min(...(times as number[]));
  return (times as number[]).map((t) => fastest / t);
}

/** Whether some CPU ran at less than `ratio` of the fastest one's speed. */
export function unevenCpus(speeds: readonly number[] | undefined, ratio = 0.9): boolean {
  return speeds?.some((s) => s < ratio) === true;
}
