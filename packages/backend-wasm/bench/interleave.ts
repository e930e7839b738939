/** Shared by the interleaved benches (ab.ts, scaling.ts): one kernel call on a backend, timed. */
import type { KernelAttrs, KernelName, OutputInfo, TensorInfo } from '@tensile/core';
import { kernelSpecs } from '@tensile/core';
import type { WasmBackend } from '../src/index.js';

type Fn = (bk: WasmBackend, i: Record<string, TensorInfo>, at: unknown, o: OutputInfo) => unknown;

/** Float32 inputs of the given shapes (smooth, non-zero values), written to `bk`. */
function inputs(bk: WasmBackend, shapes: Record<string, number[]>): Record<string, TensorInfo> {
  return Object.fromEntries(
    Object.entries(shapes).map(([k, shape]) => {
      const n = shape.reduce((p, d) => p * d, 1);
      return [
        k,
        {
          dataId: bk.write(
            new Float32Array(n).map((_, i) => Math.sin(i * 0.37) * 0.5),
            'float32',
          ),
          shape,
          dtype: 'float32',
        },
      ];
    }),
  );
}

/** Process CPU time in ms (all threads): jobs that hold the cores meanwhile do not count. */
export function cpuClock(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/**
 * A function that runs kernel `name` once on `bk` (output freed) and returns its time in ms, by
 * `clock` (wall time unless given cpuClock).
 */
export function timedCall<K extends KernelName>(
  bk: WasmBackend,
  name: K,
  shapes: Record<string, number[]>,
  attrs: KernelAttrs<K>,
  clock: () => number = () => performance.now(),
): () => number {
  const ins = inputs(bk, shapes);
  const out = (kernelSpecs[name] as { infer(i: unknown, at: unknown): OutputInfo }).infer(ins, attrs);
  const fn = (bk.kernels as Record<string, Fn>)[name];
  return () => {
    const t0 = clock();
    const r = fn(bk, ins, attrs, out);
    const t = clock() - t0;
    if (r !== undefined) bk.disposeData(r as object);
    return t;
  };
}

/** Times the calls in turn (3 untimed rounds, then `reps`), so a busy machine slows them alike. */
export function interleave(calls: (() => number)[], reps: number): number[][] {
  const times: number[][] = calls.map(() => []);
  for (let i = 0; i < 3; i++) calls.forEach((c) => c());
  for (let i = 0; i < reps; i++) calls.forEach((c, j) => times[j].push(c()));
  return times;
}

/** [min, median] of a list of times. */
export function minMedian(t: number[]): [number, number] {
  const s = [...t].sort((x, y) => x - y);
  return [s[0], s[s.length >> 1]];
}
