/**
 * LeNet-5 training steps per second on webgpu and on cpu, in the same process. Opt-in (it is
 * slow on a software adapter): TENSILE_BENCH=1 npx vitest run
 * TENSILE_BENCH_BATCH and TENSILE_BENCH_STEPS set the batch size (default 128) and timed steps.
 */
import { describe, it } from 'vitest';
import { registerBackend, removeBackend, setBackend } from '@tensile/core';
import { CpuBackend } from '@tensile/backend-cpu';
import { createWebGpuBackend } from '../src/index.js';
import { disposeLeNet, makeLeNet, syntheticBatch, trainStep } from './lenet.js';

const batch = Number(process.env.TENSILE_BENCH_BATCH ?? 128);
const steps = Number(process.env.TENSILE_BENCH_STEPS ?? 5);

async function samplesPerSecond(name: string): Promise<number> {
  await setBackend(name);
  const net = makeLeNet();
  const { x, labels } = syntheticBatch(batch);
  for (let i = 0; i < 2; i++) {
    const warm = trainStep(net, x, labels);
    await warm.data();
    warm.dispose();
  }
  const t0 = performance.now();
  let last = 0;
  for (let i = 0; i < steps; i++) {
    const loss = trainStep(net, x, labels);
    // Read only the last loss, as fit does between reports: the GPU queue stays full.
    if (i === steps - 1) last = (await loss.data())[0];
    loss.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  x.dispose();
  labels.dispose();
  disposeLeNet(net);
  const rate = (batch * steps) / seconds;
  console.log(
    `${name}: ${rate.toFixed(1)} samples/s (${((seconds / steps) * 1000).toFixed(0)} ms/step, batch ${batch}, last loss ${last.toFixed(4)})`,
  );
  return rate;
}

describe('LeNet-5 training step, webgpu vs cpu', () => {
  it('measures both', async () => {
    const gpu = createWebGpuBackend({ allowSoftware: true });
    registerBackend('bench-webgpu', () => gpu, 0);
    registerBackend('bench-cpu', () => new CpuBackend(), 0);
    const g = await samplesPerSecond('bench-webgpu');
    console.log(`webgpu adapter: ${gpu.adapterName}`);
    const c = await samplesPerSecond('bench-cpu');
    console.log(`webgpu / cpu = ${(g / c).toFixed(2)}`);
    removeBackend('bench-webgpu');
    removeBackend('bench-cpu');
  }, 1_800_000);
});
