/**
 * The CLI trains from a compiled step by default (jitCompile). On the default backend, 200 steps
 * of LeNet-5 on real MNIST batches give the same loss curve compiled as eager, to float32 noise,
 * and the compiled run's steps after the first three are replays.
 */
import '@tensile/backend-cpu';
import '@tensile/backend-wasm';
import { dispose, getBackend, ready, tensor1d, tensor4d } from '@tensile/core';
import { trainStepStatus } from '@tensile/layers';
import { beforeAll, expect, it } from 'vitest';
import { loadMnist, PIXELS } from '../src/data.js';
import { lenet5 } from '../src/model.js';

const STEPS = 200;
const BATCH = 32;

beforeAll(async () => {
  await ready();
});

async function lossCurve(jitCompile: boolean, images: Float32Array, labels: Int32Array): Promise<{ losses: number[]; replays: number }> {
  const model = lenet5({ seed: 5 });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', jitCompile });
  const losses: number[] = [];
  for (let s = 0; s < STEPS; s++) {
    const x = tensor4d(images.subarray(s * BATCH * PIXELS, (s + 1) * BATCH * PIXELS), [BATCH, 28, 28, 1]);
    const y = tensor1d(labels.subarray(s * BATCH, (s + 1) * BATCH), 'int32');
    losses.push((await model.trainOnBatch(x, y)) as number);
    dispose([x, y]);
  }
  const replays = trainStepStatus(model)?.replays ?? 0;
  model.dispose();
  return { losses, replays };
}

it(`default backend: eager and compiled training give the same loss curve over ${STEPS} steps`, async () => {
  expect(getBackend()).toBe('wasm');
  const d = loadMnist('train', { limit: STEPS * BATCH });
  const eager = await lossCurve(false, d.images, d.labels);
  const jit = await lossCurve(true, d.images, d.labels);
  expect(eager.replays).toBe(0);
  expect(jit.replays).toBe(STEPS - 3);
  let worst = 0;
  eager.losses.forEach((l, i) => {
    worst = Math.max(worst, Math.abs(jit.losses[i] - l) / Math.abs(l));
  });
  // The replay runs the eager step's kernels on the same values, but for conv1's gradient: its
  // filter and bias gradients are made from the pooled gradient (core's fuse.ts), whose sums go
  // in another order (largest relative difference seen: 4.5e-7).
  expect(worst).toBeLessThanOrEqual(1e-5);
  // And the curve is a training curve: the last 20 steps' mean loss is well below the first 5's.
  const mean = (a: number[]): number => a.reduce((p, q) => p + q, 0) / a.length;
  expect(mean(jit.losses.slice(-20))).toBeLessThan(0.5 * mean(jit.losses.slice(0, 5)));
});
