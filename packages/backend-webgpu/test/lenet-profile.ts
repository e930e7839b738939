/**
 * Where a LeNet-5 training step's GPU time goes, per kernel. Opt-in:
 * TENSILE_BENCH=profile npx vitest run
 * One step is recorded (every `run` call: program, buffers, uniforms, workgroups); then each
 * dispatch is replayed alone, REPS times, and timed up to a one-element read, minus the cost of
 * that read alone. Replays see whatever the buffers hold by then, which changes no kernel's
 * running time except gather's bounds (not in this net). The numbers are for this adapter only.
 */
import { describe, it } from 'vitest';
import { registerBackend, removeBackend, setBackend, tensor } from '@tensile/core';
import { createWebGpuBackend, type WebGpuBackend } from '../src/index.js';
import { disposeLeNet, makeLeNet, syntheticBatch, trainStep } from './lenet.js';

const batch = Number(process.env.TENSILE_BENCH_BATCH ?? 128);
const REPS = 3;

type RunArgs = Parameters<WebGpuBackend['run']>;

async function sync(): Promise<void> {
  const t = tensor([0]);
  await t.data();
  t.dispose();
}

async function timeIt(fn: () => void): Promise<number> {
  await sync();
  const t0 = performance.now();
  fn();
  await sync();
  return performance.now() - t0;
}

describe('LeNet-5 step profile', () => {
  it('times each dispatch alone', async () => {
    const gpu = createWebGpuBackend({ allowSoftware: true });
    registerBackend('profile-webgpu', () => gpu, 0);
    await setBackend('profile-webgpu');
    const net = makeLeNet();
    const { x, labels } = syntheticBatch(batch);
    for (let i = 0; i < 2; i++) {
      const warm = trainStep(net, x, labels);
      await warm.data();
      warm.dispose();
    }
    const recorded: RunArgs[] = [];
    const run = gpu.run.bind(gpu);
    gpu.run = (...args: RunArgs) => {
      recorded.push(args);
      run(...args);
    };
    const loss = trainStep(net, x, labels);
    await loss.data();
    loss.dispose();
    gpu.run = run;
    const whole = await timeIt(() => trainStep(net, x, labels).dispose());

    const base = Math.min(...(await Promise.all([0, 1, 2].map(() => timeIt(() => undefined)))));
    const rows: { key: string; groups: string; ms: number }[] = [];
    for (const [program, buffers, uniforms, groups] of recorded) {
      const ms =
        ((await timeIt(() => {
          for (let r = 0; r < REPS; r++) run(program, buffers, uniforms, groups);
        })) -
          base) /
        REPS;
      rows.push({ key: program.key, groups: groups.join('x'), ms });
    }
    const total = rows.reduce((s, r) => s + r.ms, 0);
    const byKey = new Map<string, { ms: number; n: number }>();
    for (const r of rows) {
      const e = byKey.get(r.key) ?? { ms: 0, n: 0 };
      byKey.set(r.key, { ms: e.ms + r.ms, n: e.n + 1 });
    }
    console.log(
      `batch ${batch}: ${recorded.length} dispatches, step ${whole.toFixed(0)} ms, sum of dispatches alone ${total.toFixed(0)} ms (read ${base.toFixed(1)} ms)`,
    );
    console.log(
      [...byKey]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([k, e]) => `${e.ms.toFixed(1).padStart(8)} ms ${String(e.n).padStart(3)}x ${k}`)
        .join('\n'),
    );
    console.log(
      'slowest dispatches:\n' +
        [...rows]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 12)
          .map((r) => `${r.ms.toFixed(1).padStart(8)} ms ${r.key} [${r.groups}]`)
          .join('\n'),
    );
    x.dispose();
    labels.dispose();
    disposeLeNet(net);
    removeBackend('profile-webgpu');
  }, 600_000);
});
