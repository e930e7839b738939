import '@tensile/backend-cpu';
import '@tensile/backend-wasm';
import { memory, ready, setBackend, tensor1d, tensor4d } from '@tensile/core';
import { undisposedTensors } from '@tensile/core/testing';
import { LambdaCallback } from '@tensile/layers';
import { beforeAll, expect, it } from 'vitest';
import { loadMnist } from '../src/data.js';
import { lenet5 } from '../src/model.js';

beforeAll(async () => {
  await ready();
});

// On wasm the heap must not grow either: the arena reuses what the first epoch allocated.
it.each([
  ['cpu', false],
  ['wasm', false],
  ['wasm', true],
] as const)(
  '%s (jitCompile %s): numTensors (and the wasm heap) are the same after epoch 1 and epoch 2 (512 images)',
  async (backend, jitCompile) => {
    await setBackend(backend);
    const start = undisposedTensors();
    const d = loadMnist('train', { limit: 512 });
    const x = tensor4d(d.images, [d.n, 28, 28, 1]);
    const y = tensor1d(d.labels, 'int32');
    const model = lenet5({ seed: 3 });
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], jitCompile });
    const counts: number[] = [];
    const heaps: number[] = [];
    await model.fit(x, y, {
      epochs: 2,
      batchSize: 64,
      validationSplit: 0.125,
      verbose: 0,
      seed: 1,
      callbacks: [
        new LambdaCallback({
          onEpochEnd: () => {
            const m = memory();
            counts.push(m.numTensors + m.numCollected);
            heaps.push(m.backends[backend]?.heapBytes ?? 0);
          },
        }),
      ],
    });
    expect(counts).toHaveLength(2);
    expect(counts[1]).toBe(counts[0]);
    if (backend === 'wasm') expect(heaps[0]).toBeGreaterThan(0);
    expect(heaps[1]).toBe(heaps[0]);
    expect(memory().numCollected).toBe(0);
    model.dispose();
    x.dispose();
    y.dispose();
    // Everything fit, the optimizer and the model made is gone again.
    expect(undisposedTensors()).toBe(start);
  },
);
